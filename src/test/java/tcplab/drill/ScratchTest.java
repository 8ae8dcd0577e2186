package tcplab.drill;

import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void dump() {
        for (Deck d : Deck.values()) for (Kind k : d.kinds()) {
            long t0 = System.nanoTime();
            int n = 300;
            for (int s = 0; s < n; s++) Drills.generate(new DrillId(d, k, s));
            long per = (System.nanoTime() - t0) / n / 1000;
            Drill x = Drills.generate(new DrillId(d, k, 7));
            System.out.println("== " + x.id() + " " + per + " us  " + x.moment().path("en"));
            System.out.println("   Q " + x.question() + " typed=" + x.typed() + " reveal=" + x.reveal());
            for (Option o : x.options()) System.out.println("   - " + o.value() + (o.isRight() ? "  <== " : "   ") + (o.misconception() == null ? "" : o.misconception().key()));
            System.out.println("   W " + x.explanation());
        }
    }
}
