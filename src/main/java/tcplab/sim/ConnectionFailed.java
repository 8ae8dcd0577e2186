package tcplab.sim;

/** The connection attempt or the connection failed; the reason says why (reset, retries exhausted, …). */
public record ConnectionFailed(long at, Side side, Reason reason) implements Event {
    @Override
    public String describe() {
        return side.key() + ": connection failed: " + reason.english();
    }
}
