package tcplab.sim;

/** A timer ran out. */
public record TimerFired(long at, Side side, TimerKind kind, Reason reason) implements Event {
    @Override
    public String describe() {
        return side.key() + "'s " + kind.key() + " timer fires";
    }
}
