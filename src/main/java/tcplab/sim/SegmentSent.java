package tcplab.sim;

/** Segment {@code n} entered the channel; {@code side} is its (claimed) sender. */
public record SegmentSent(long at, Side side, int n, boolean retransmission, Segment segment, Reason reason)
        implements Event {
    @Override
    public String describe() {
        String verb = reason.why() == Why.SEGMENT_INJECTED ? "network injects an old segment as if from " + side.key()
                : reason.why() == Why.SEGMENT_DUPLICATED ? "network duplicates a segment from " + side.key()
                : side.key() + (retransmission ? " resends" : " sends");
        return verb + " " + n + " " + segment + (PLAIN.contains(reason.why()) ? "" : " (" + reason.english() + ")");
    }

    /** Reasons too obvious to print after the segment. */
    private static final java.util.Set<Why> PLAIN = java.util.EnumSet.of(Why.SEGMENT_SENT, Why.SEGMENT_INJECTED,
            Why.SEGMENT_DUPLICATED, Why.SENDS_SYN, Why.SENDS_SYN_ACK, Why.SENDS_DATA, Why.SENDS_FIN,
            Why.SENDS_ACK_OF_SYN_ACK, Why.SENDS_ACK_OF_DATA, Why.SENDS_ACK_OF_FIN);
}
