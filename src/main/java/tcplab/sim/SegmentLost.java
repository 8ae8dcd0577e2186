package tcplab.sim;

/** Segment {@code n}, sent by {@code side}, was lost in the network. */
public record SegmentLost(long at, Side side, int n, Segment segment, Reason reason) implements Event {
    @Override
    public String describe() {
        return "segment " + n + " " + segment + " from " + side.key() + " is lost";
    }
}
