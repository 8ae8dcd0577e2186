package tcplab.sim;

/**
 * Linux's defaults: SYNs and SYN-ACKs give up after a number of tries (tcp_write_timeout),
 * data and FINs after a time (retransmits_timed_out), an orphan sooner (tcp_orphan_retries).
 */
final class LinuxRetransmission implements RetransmissionPolicy {

    static final LinuxRetransmission INSTANCE = new LinuxRetransmission(6, 5, 0);

    /** tcp_syn_retries: the limit in SYN-RECEIVED after a simultaneous open. */
    static final int SYN_RETRIES = 6;
    /**
     * tcp_syn_linear_timeouts: in SYN-SENT the first 4 retransmissions keep the RTO, and they
     * come on top of tcp_syn_retries (tcp_write_timeout), so SYN-SENT allows 10.
     */
    static final int SYN_LINEAR_TIMEOUTS = 4;
    /** tcp_synack_retries. */
    static final int SYNACK_RETRIES = 5;
    /** tcp_retries2: data and FIN give up after the time 15 tries would take from TCP_RTO_MIN (924.6 s). */
    static final int DATA_RETRIES = 15;
    /** tcp_orphan_retries=0 means 8 for an orphaned socket (102.2 s; tcp_orphan_retries()). */
    static final int ORPHAN_RETRIES = 8;
    /** TCP_RTO_MIN. */
    static final long RTO_MIN = 200;
    /** TCP_TIMEOUT_MIN: 2 jiffies, 2 ms at HZ=1000. */
    static final long TIMEOUT_MIN = 2;
    /** TCP_RTO_MAX. */
    static final long RTO_MAX = 120_000;

    private final int synRetries;
    private final int synackRetries;
    private final int orphanRetries;

    /** A host lab's sysctls: tcp_syn_retries, tcp_synack_retries, tcp_orphan_retries (0 meaning 8 while alive). */
    LinuxRetransmission(int synRetries, int synackRetries, int orphanRetries) {
        this.synRetries = synRetries;
        this.synackRetries = synackRetries;
        this.orphanRetries = orphanRetries;
    }

    /**
     * tcp_retransmit_timer keeps the RTO for the first tcp_syn_linear_timeouts retransmissions,
     * but only in SYN-SENT: after a simultaneous open (SYN-RECEIVED) and for a listener's
     * SYN-ACK it doubles every time.
     */
    @Override
    public boolean synBacksOff(State state, Outstanding head) {
        return state != State.SYN_SENT || head.timeouts > SYN_LINEAR_TIMEOUTS;
    }

    @Override
    public long deadline(long now, long wait, Outstanding head) {
        return now + wait;
    }

    /**
     * tcp_rcv_synsent_state_process: an ACK that does not acknowledge our SYN gets a RST, and if
     * the SYN has not been resent yet (icsk_retransmits == 0) the retransmission timer is reset
     * to TCP_TIMEOUT_MIN, "Previous FIN/ACK or RST/ACK might be ignored": the stray ACK shows a
     * stale connection at the peer, which the RST may have just cleared, so the SYN goes again
     * almost at once. The RTO itself is unchanged.
     */
    @Override
    public long resendAfterUnacceptableAck(Outstanding syn) {
        return syn.timeouts == 0 ? TIMEOUT_MIN : -1;
    }

    @Override
    public boolean givesUp(Outstanding head, Sender sender) {
        // tcp_write_timeout applies the SYN limits only in SYN-SENT and SYN-RECEIVED: a connection
        // closed before its SYN was acknowledged (FIN-WAIT-1 after a simultaneous open) gives up
        // like any other, though the oldest unacknowledged segment is still its SYN.
        if (head.syn && sender.handshaking()) {
            return head.timeouts >= (sender.passiveOpen() ? synackRetries : synLimit(sender.state()));
        }
        // Data and FIN: Linux counts time, not tries (retransmits_timed_out). It gives up at the
        // first timeout that comes at least tcp_model_timeout(limit) after the first retransmission,
        // the time the tries would take from TCP_RTO_MIN. An orphan's limit (tcp_orphan_retries)
        // is 8 while its RTO is below TCP_RTO_MAX, else 0.
        if (head.timeouts == 0) return false;
        int limit = !sender.orphan() ? DATA_RETRIES : orphanRetries(sender.rto() < RTO_MAX);
        return sender.now() - head.firstRetransmittedAt >= modelTimeout(limit);
    }

    /**
     * tcp_write_timeout: tcp_syn_retries, plus tcp_syn_linear_timeouts in SYN-SENT only. The
     * count includes the retransmissions made in SYN-SENT before a simultaneous open.
     */
    private int synLimit(State state) {
        return synRetries + (state == State.SYN_SENT ? SYN_LINEAR_TIMEOUTS : 0);
    }

    /** tcp_orphan_retries(): the sysctl, "may be zero", then 8 if the socket is alive (its RTO below TCP_RTO_MAX). */
    private int orphanRetries(boolean alive) {
        int retries = orphanRetries;
        if (retries == 0 && alive) retries = ORPHAN_RETRIES;
        return retries;
    }

    /**
     * tcp_model_timeout: the time {@code retries} timeouts take when the RTO starts at
     * TCP_RTO_MIN and doubles up to TCP_RTO_MAX (15 tries: 924.6 s; 8: 102.2 s).
     */
    static long modelTimeout(int retries) {
        int doublings = 63 - Long.numberOfLeadingZeros(RTO_MAX / RTO_MIN); // ilog2(600) = 9
        if (retries <= doublings) return ((2L << retries) - 1) * RTO_MIN;
        return ((2L << doublings) - 1) * RTO_MIN + (retries - doublings) * RTO_MAX;
    }
}
