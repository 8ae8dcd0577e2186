package tcplab.sim;

/** Segment {@code n} reached {@code side}, its receiver. */
public record SegmentArrived(long at, Side side, int n, Segment segment, Reason reason) implements Event {
    @Override
    public String describe() {
        return side.key() + " receives " + n + " " + segment;
    }
}
