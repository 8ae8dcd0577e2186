package tcplab.drill;

import java.util.Optional;

/**
 * What a session keeps of a learner's drills: their progress and the interview round under way
 * (null when none), as one short text for the session store ({@link #toText}, at most
 * {@link #MAX_CHARS} characters).
 */
public record DrillBook(Progress progress, Round round) {

    public static final int MAX_CHARS = 8_192;
    public static final DrillBook EMPTY = new DrillBook(Progress.empty(), null);

    public DrillBook {
        if (progress == null) throw new IllegalArgumentException("progress");
    }

    public DrillBook with(Progress next) {
        return new DrillBook(next, round);
    }

    public DrillBook with(Round next) {
        return new DrillBook(progress, next);
    }

    /** {@code PROGRESS|ROUND}: the progress unsigned (only the server writes a store), the round as text or empty. */
    public String toText() {
        return ProgressCode.unsigned(progress) + "|" + (round == null ? "" : round.toText());
    }

    /** A stored book; empty when it is not one (then the learner starts afresh, nothing else breaks). */
    public static Optional<DrillBook> parse(String text) {
        if (text == null || text.length() > MAX_CHARS) return Optional.empty();
        int bar = text.indexOf('|');
        if (bar < 0) return Optional.empty();
        Optional<Progress> progress = ProgressCode.fromUnsigned(text.substring(0, bar));
        if (progress.isEmpty()) return Optional.empty();
        String round = text.substring(bar + 1);
        if (round.isEmpty()) return Optional.of(new DrillBook(progress.get(), null));
        return Round.parse(round).map(r -> new DrillBook(progress.get(), r));
    }
}
