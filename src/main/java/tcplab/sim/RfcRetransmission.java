package tcplab.sim;

/**
 * RFC 1122 4.2.3.5 read literally: R2 is a time, at least 3 minutes for a SYN and 100 s for
 * data; every timeout doubles the RTO (RFC 6298 5.5). The timer is never set past R2, so the
 * connection gives up exactly then.
 */
final class RfcRetransmission implements RetransmissionPolicy {

    static final RfcRetransmission INSTANCE = new RfcRetransmission();

    /** R2 for a SYN: at least 3 minutes. */
    static final long SYN_GIVE_UP = 180_000;
    /** R2 for data: at least 100 seconds. */
    static final long DATA_GIVE_UP = 100_000;

    private RfcRetransmission() {
    }

    @Override
    public boolean synBacksOff(State state, Outstanding head) {
        return true;
    }

    @Override
    public long deadline(long now, long wait, Outstanding head) {
        return Math.max(now, Math.min(now + wait, giveUpAt(head)));
    }

    /** §3.10.7.3 sends the RST and drops the segment; the timer is not touched. */
    @Override
    public long resendAfterUnacceptableAck(Outstanding syn) {
        return -1;
    }

    @Override
    public boolean givesUp(Outstanding head, Sender sender) {
        return sender.now() >= giveUpAt(head);
    }

    private static long giveUpAt(Outstanding head) {
        return head.firstSentAt + (head.syn ? SYN_GIVE_UP : DATA_GIVE_UP);
    }
}
