package tcplab.web;

import org.junit.jupiter.api.Test;
import tcplab.Resources;
import tcplab.drill.Deck;
import tcplab.drill.Drill;
import tcplab.drill.DrillId;
import tcplab.drill.Drills;
import tcplab.drill.Kind;
import tcplab.drill.Option;
import tcplab.drill.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A drill's words as the pages render them: complete in both languages, and Chinese spaced like the lessons. */
class DrillWordsTest {

    /** The simulator's own English reasons (up to their first placeholder): a Chinese drill shows none of them. */
    static final List<String> SIM_ENGLISH = java.util.Arrays.stream(tcplab.sim.Why.values())
            .map(w -> tcplab.sim.Reason.of(w).english())
            .map(e -> e.contains("{") ? e.substring(0, e.indexOf('{')) : e)
            .filter(e -> e.length() >= 12)
            .toList();

    @Test
    void everyDrillReadsCompletelyAndTheChineseIsSpacedLikeTheLessons() {
        Messages messages = new Messages(new Resources.Classpath());
        DrillPages pages = new DrillPages(null, null, null, null, messages, null, null, null);
        Set<String> bad = new TreeSet<>();
        int lines = 0;
        for (Deck deck : Deck.values()) {
            for (Kind kind : deck.kinds()) {
                for (long seed = 0; seed < 80; seed++) {
                    Drill d = Drills.generate(new DrillId(deck, kind, seed));
                    List<Text> texts = new ArrayList<>(List.of(d.question(), d.explanation()));
                    for (Option o : d.options()) {
                        texts.add(o.label());
                        if (o.misconception() != null) texts.add(o.misconception());
                    }
                    for (Text t : texts) {
                        for (String lang : List.of("zh", "en")) {
                            String line = pages.text(lang, t);
                            lines++;
                            if (line.contains("??") || line.contains("{")) bad.add(lang + ": " + line + "   <- a word is missing");
                        }
                        String zh = pages.text("zh", t);
                        List<String> found = ChineseSpacingTest.problems(zh);
                        if (!found.isEmpty()) bad.add(zh + "   <- " + String.join(", ", found));
                        for (String english : SIM_ENGLISH) {
                            if (zh.contains(english)) bad.add(zh + "   <- the simulator's English: " + english);
                        }
                    }
                }
            }
        }
        assertTrue(bad.isEmpty(), bad.size() + " of " + lines + " lines:\n" + String.join("\n", bad));
    }
}
