package tcplab.drill;

import java.util.List;

/**
 * A Leitner schedule: a drill answered right moves up a box and comes back after that box's
 * interval; answered wrong it goes back to box 1 and comes back soon. Time is passed in
 * (milliseconds since the epoch), never read from a clock.
 */
public final class Leitner {

    public static final int BOXES = 5;
    /** How long a drill in box 1 … 5 waits before it is due again. */
    public static final List<Long> INTERVALS = List.of(
            10 * 60_000L, 24 * 3_600_000L, 3 * 24 * 3_600_000L, 7 * 24 * 3_600_000L, 21 * 24 * 3_600_000L);

    private Leitner() {
    }

    /** Where a drill stands: its box (1 … 5), when it is next due, and how often it was answered right and wrong. */
    public record Card(int box, long dueAt, int right, int wrong) {
        public Card {
            if (box < 1 || box > BOXES) throw new IllegalArgumentException("box " + box);
            if (dueAt < 0 || right < 0 || wrong < 0) throw new IllegalArgumentException("negative");
        }

        public boolean isDue(long now) {
            return dueAt <= now;
        }
    }

    /** The card after an answer at {@code now}; {@code card} null for a drill seen for the first time. */
    public static Card answer(Card card, boolean right, long now) {
        // a drill seen for the first time counts as sitting in box 1
        int from = card == null ? 1 : card.box();
        int box = right ? Math.min(BOXES, from + 1) : 1;
        int rights = (card == null ? 0 : card.right()) + (right ? 1 : 0);
        int wrongs = (card == null ? 0 : card.wrong()) + (right ? 0 : 1);
        return new Card(box, now + INTERVALS.get(box - 1), rights, wrongs);
    }
}
