package tcplab.sim;

/**
 * One segment's life in the channel: numbered by entry (1, 2, 3, …), when it was sent, when it
 * arrived (null unless it did) and its fate.
 *
 * @param retransmission true when the segment repeats sequence space its sender already sent
 */
public record SegmentRecord(int n, Side from, long sentAt, Long arrivedAt, Fate fate, Segment segment,
                            boolean retransmission, Origin origin, long dueAt) {

    public SegmentRecord {
        if (n < 1) throw new IllegalArgumentException("segment numbers start at 1");
        if ((arrivedAt != null) != (fate == Fate.ARRIVED)) {
            throw new IllegalArgumentException("arrivedAt is set exactly when the segment arrived");
        }
    }

    public Side to() {
        return from.peer();
    }

    /** How long the segment is (or was) in flight. */
    public long delay() {
        return dueAt - sentAt;
    }
}
