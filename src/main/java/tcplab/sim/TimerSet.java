package tcplab.sim;

/** A timer was (re)started. */
public record TimerSet(long at, Side side, TimerKind kind, long dueAt, int attempt, Reason reason) implements Event {
    @Override
    public String describe() {
        return side.key() + " sets the " + kind.key() + " timer for " + dueAt + " ms"
                + (kind == TimerKind.RETRANSMISSION ? " (attempt " + attempt + ")" : "");
    }
}
