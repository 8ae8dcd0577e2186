package tcplab.sim;

/** One line of the trace. {@code side} is null only for events of the network itself. */
public sealed interface Event
        permits SegmentSent, SegmentArrived, SegmentLost, StateChanged, TimerSet, TimerFired,
        TimerCancelled, UserCall, UserError, Delivered, ConnectionFailed {

    long at();

    Side side();

    Reason reason();

    /** What happened, without the time. */
    String describe();

    /** A readable trace line, e.g. {@code 0 ms  client: CLOSED → SYN-SENT (connect)}. */
    default String text() {
        return at() + " ms  " + describe();
    }

    static String who(Side side) {
        return side == null ? "network" : side.key();
    }
}
