package tcplab.drill;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Leitner schedule, the progress it builds, and the interview round, with time passed in. */
class ScheduleTest {

    static final long DAY = 24 * 3_600_000L;
    static final long T0 = 1_800_000_000_000L;
    static final DrillId A = new DrillId(Deck.THREE_WAY, Kind.NEXT_SEGMENT, 1);
    static final DrillId B = new DrillId(Deck.TWO_MSL, Kind.WAIT_LEFT, 2);

    @Test
    void rightAnswersComeBackAtGrowingIntervalsAndAWrongOneSoon() {
        Leitner.Card c = null;
        long now = T0;
        long previousGap = 0;
        for (int i = 0; i < Leitner.BOXES - 1; i++) {
            c = Leitner.answer(c, true, now);
            long gap = c.dueAt() - now;
            assertTrue(gap > previousGap, "interval " + i + " grows: " + gap);
            previousGap = gap;
            assertFalse(c.isDue(now + gap - 1));
            assertTrue(c.isDue(now + gap));
            now = c.dueAt();
        }
        assertEquals(Leitner.BOXES, c.box());
        Leitner.Card top = Leitner.answer(c, true, now);
        assertEquals(Leitner.BOXES, top.box(), "the last box is the last");
        Leitner.Card wrong = Leitner.answer(top, false, now);
        assertEquals(1, wrong.box());
        assertTrue(wrong.dueAt() - now < previousGap, "a miss comes back sooner than any known drill");
        assertEquals(top.right(), wrong.right());
        assertEquals(top.wrong() + 1, wrong.wrong());
    }

    @Test
    void progressSaysWhatIsDueAndHowWellEachDeckIsKnown() {
        Progress p = Progress.empty().answer(A, true, T0).answer(B, false, T0);
        assertEquals(List.of(), p.due(T0));
        assertEquals(List.of(B), p.due(T0 + Leitner.INTERVALS.get(0)), "the missed one is due first");
        assertEquals(List.of(B, A), p.due(T0 + 2 * DAY));
        Progress.Standing threeWay = p.standing(Deck.THREE_WAY, T0);
        assertEquals(1, threeWay.seen());
        assertEquals(0, threeWay.known());
        Progress known = p.answer(A, true, T0 + DAY).answer(A, true, T0 + 4 * DAY);
        assertEquals(100, known.standing(Deck.THREE_WAY, T0 + 4 * DAY).percentKnown());
        assertEquals(0, known.standing(Deck.TWO_MSL, T0 + 4 * DAY).percentKnown());
        assertEquals(1, known.standing(Deck.TWO_MSL, T0 + 4 * DAY).due());
    }

    @Test
    void anInterviewRoundIsTenDrillsTheDueOnesFirst() {
        Progress p = Progress.empty().answer(A, true, T0).answer(B, false, T0);
        List<DrillId> round = p.round(T0 + 2 * DAY, new SplittableRandom(1));
        assertEquals(Progress.ROUND, round.size());
        assertEquals(List.of(B, A), round.subList(0, 2));
        assertEquals(Progress.ROUND, new HashSet<>(round).size(), "no drill twice");
        // new drills come from the decks never tried before those already tried
        int untried = Math.min(Deck.values().length - 2, Progress.ROUND - 2);
        assertFalse(round.subList(2, 2 + untried).stream().anyMatch(id -> id.deck() == Deck.THREE_WAY || id.deck() == Deck.TWO_MSL));
    }

    @Test
    void progressStaysBoundedAndKeepsTheDrillJustAnswered() {
        Progress p = Progress.empty();
        for (int i = 0; i < Progress.MAX_CARDS + 20; i++) {
            p = p.answer(new DrillId(Deck.WHY_FOUR, Kind.STATE_AFTER, i), i % 3 != 0, T0 + i);
        }
        assertEquals(Progress.MAX_CARDS, p.cards().size());
        assertTrue(p.cards().containsKey(new DrillId(Deck.WHY_FOUR, Kind.STATE_AFTER, Progress.MAX_CARDS + 19)));
        assertTrue(p.cards().values().stream().anyMatch(c -> c.box() == 1), "the weak drills stay");
    }

    @Test
    void mergingKeepsTheCardAnsweredMoreOften() {
        Progress here = Progress.empty().answer(A, true, T0);
        Progress there = Progress.empty().answer(A, true, T0).answer(A, false, T0 + DAY).answer(B, true, T0);
        Progress merged = here.merge(there);
        assertEquals(Map.of(A, there.cards().get(A), B, there.cards().get(B)), merged.cards());
    }

    @Test
    void idsReadBackAndNonsenseIsRefused() {
        for (Deck d : Deck.values()) {
            for (Kind k : d.kinds()) {
                DrillId id = Drills.fresh(d, new SplittableRandom(d.ordinal() * 31L + k.ordinal()));
                assertEquals(id, DrillId.parse(id.key()).orElseThrow());
            }
        }
        for (String bad : List.of("", "three-way", "three-way.next-segment", "three-way.wait-left.1",
                "nope.next-segment.1", "three-way.next-segment.-1", "three-way.next-segment.99999999999",
                "three-way.next-segment.2147483648", "three-way.next-segment.1.2")) {
            assertTrue(DrillId.parse(bad).isEmpty(), bad);
        }
    }

    @Test
    void aRoundRunsAgainstTheServersClock() {
        List<DrillId> ten = Progress.empty().round(T0, new SplittableRandom(7));
        Round r = Round.start(ten, T0);
        assertEquals(ten.get(0), r.current(T0).orElseThrow());
        r = r.answer(true, T0 + 500).answer(false, T0 + 900);
        assertEquals(ten.get(2), r.current(T0 + 1_000).orElseThrow());
        assertEquals(1, r.score());
        assertEquals(Round.LIMIT_MS - 1_000, r.timeLeft(T0 + 1_000));
        assertTrue(r.isOver(T0 + Round.LIMIT_MS), "the time is up");
        assertTrue(r.current(T0 + Round.LIMIT_MS).isEmpty());
        assertEquals(9, r.misses().size(), "a miss, and eight never reached");
        assertEquals(ten.get(1), r.misses().get(0));
        assertEquals(Round.LIMIT_MS, r.duration(T0 + 2 * Round.LIMIT_MS), "a round that ran out took the limit");
        Round all = Round.start(ten, T0);
        for (int i = 0; i < ten.size(); i++) all = all.answer(i % 2 == 0, T0 + 1_000 * (i + 1));
        assertTrue(all.isOver(T0 + 10_000));
        assertEquals(10_000, all.duration(T0 + Round.LIMIT_MS), "a finished round took until its last answer");
        assertEquals(5, all.score());
    }

    @Test
    void aSessionKeepsItsBookAsShortTextAndAFullOneFits() {
        Progress p = Progress.empty();
        for (int i = 0; i < Progress.MAX_CARDS; i++) {
            p = p.answer(new DrillId(Deck.LOST_TEARDOWN, Kind.GIVE_UP_AT, DrillId.MAX_SEED - i), i % 2 == 0, T0 + i * DAY);
        }
        Round r = Round.start(p.round(T0, new SplittableRandom(3)), T0).answer(true, T0 + 1).answer(false, T0 + 2);
        DrillBook book = new DrillBook(p, r);
        String text = book.toText();
        assertTrue(text.length() <= DrillBook.MAX_CHARS, text.length() + " characters");
        DrillBook back = DrillBook.parse(text).orElseThrow();
        assertEquals(r, back.round());
        assertEquals(p.cards().keySet(), back.progress().cards().keySet());
        assertEquals(DrillBook.EMPTY, DrillBook.parse(DrillBook.EMPTY.toText()).orElseThrow());
        for (String bad : List.of("", "|", "x|", text.replace("~", "-"), text + "~", "AQA|1~nope.x.1~")) {
            assertTrue(DrillBook.parse(bad).isEmpty(), bad);
        }
    }
}
