package tcplab.sim;

/** A running timer was stopped before it ran out. */
public record TimerCancelled(long at, Side side, TimerKind kind, Reason reason) implements Event {
    @Override
    public String describe() {
        return side.key() + " stops the " + kind.key() + " timer (" + reason.english() + ")";
    }
}
