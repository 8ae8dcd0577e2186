package tcplab.sim;

/**
 * Something a lab will do by itself at a virtual time: a segment's arrival, a timer, a scripted
 * call. The contract's rule for what happens next, in one place for both kinds of lab: the
 * earliest first, and of those due at the same time the one scheduled first.
 */
interface Scheduled {
    long at();

    /** When it was scheduled, counted by the lab (its tie-break). */
    long order();

    /** The one of {@code a} (null: none yet) and {@code b} that happens first. */
    static <T extends Scheduled> T earlier(T a, T b) {
        if (a == null) return b;
        if (b.at() != a.at()) return b.at() < a.at() ? b : a;
        return b.order() < a.order() ? b : a;
    }
}
