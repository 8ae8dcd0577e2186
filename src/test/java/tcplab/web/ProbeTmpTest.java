package tcplab.web;
import org.junit.jupiter.api.Test;
import tcplab.Resources;
import tcplab.drill.*;
import java.util.*;
class ProbeTmpTest {
  @Test void probe() throws Exception {
    Messages messages = new Messages(new Resources.Classpath());
    DrillPages pages = new DrillPages(null, null, null, null, messages, null, null, null);
    StringBuilder out = new StringBuilder();
    Map<String,Integer> answers = new TreeMap<>();
    for (Deck deck : Deck.values()) { if (!deck.isHost()) continue; for (Kind kind : deck.kinds()) {
      long t0 = System.nanoTime(); int fails = 0;
      for (long seed = 0; seed < 300; seed++) {
        Drill d;
        try { d = Drills.generate(new DrillId(deck, kind, seed)); } catch (RuntimeException e) { fails++; if (fails < 3) out.append("FAIL ").append(deck.key()+"."+kind.key()+"."+seed).append(' ').append(e).append('\n'); continue; }
        answers.merge(deck.key()+"."+kind.key()+" "+d.answer().value().replaceAll("[+:][0-9]+$", ""), 1, Integer::sum);
        if (seed < 4) {
          out.append("== ").append(d.id()).append(" ").append(d.momentPath("en")).append(" reveal ").append(d.reveal()).append('\n');
          out.append("Q: ").append(pages.text("en", d.question())).append('\n');
          for (Option o : d.options()) out.append(o.isRight() ? " * " : " - ").append(pages.text("en", o.label())).append(o.misconception()==null?"":"  // "+pages.text("en", o.misconception())).append('\n');
          out.append("WHY: ").append(pages.text("en", d.explanation())).append('\n');
          out.append("ZH: ").append(pages.text("zh", d.question())).append(" | ").append(pages.text("zh", d.explanation())).append('\n');
        }
      }
      out.append(String.format("## %s.%s: %.2f ms/drill, %d fails%n", deck.key(), kind.key(), (System.nanoTime()-t0)/1e6/300, fails));
    }}
    answers.forEach((k,v) -> out.append(k).append(" x").append(v).append('\n'));
    java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/hd/probe.txt"), out);
  }
}
