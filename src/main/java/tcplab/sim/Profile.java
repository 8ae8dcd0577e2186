package tcplab.sim;

import java.util.Optional;

/**
 * How the endpoints behave where a real stack and RFC 9293's text part ways.
 * The numbers are the contract's profile table; {@code docs/simulator.md} lists every difference.
 */
public enum Profile {
    /** Linux defaults (tcp_syn_retries=6 with tcp_syn_linear_timeouts=4, tcp_synack_retries=5, tcp_retries2=15, …). */
    LINUX,
    /** RFC 9293 (with RFC 6298 and RFC 1122 numbers) read literally. */
    RFC;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<Profile> byKey(String key) {
        for (Profile p : values()) {
            if (p.key().equals(key)) return Optional.of(p);
        }
        return Optional.empty();
    }

    public static Profile byDefault() {
        return LINUX;
    }

    /** Initial RTO before any RTT sample (RFC 6298 2.1; Linux TCP_TIMEOUT_INIT): 1 s in both. */
    public long initialRto() {
        return 1_000;
    }

    /** Upper bound on a backed-off RTO: Linux TCP_RTO_MAX 120 s; RFC 6298 2.5 allows 60 s. */
    public long maxRto() {
        return this == LINUX ? 120_000 : 60_000;
    }

    /** Length of TIME-WAIT: Linux TCP_TIMEWAIT_LEN 60 s; RFC 2·MSL with MSL = 2 minutes. */
    public long timeWait() {
        return this == LINUX ? 60_000 : 240_000;
    }

    /**
     * The RTO from SRTT and RTTVAR (RFC 6298 2.3). Linux's tcp_set_rto: SRTT + max(4·RTTVAR,
     * TCP_RTO_MIN), "RTO ≥ SRTT + 200 ms". The RFC: SRTT + 4·RTTVAR, at least 1 s (2.4).
     */
    long rto(long srtt, long rttvar) {
        return this == LINUX ? srtt + Math.max(4 * rttvar, LINUX_RTO_MIN) : Math.max(srtt + 4 * rttvar, RFC_RTO_MIN);
    }

    /**
     * Whether the RTO becomes 3 s when the handshake ends without an RTT sample. RFC 6298 5.7:
     * only after a SYN timed out; Linux's tcp_init_metrics: whenever there was no sample (e.g.
     * also after a SYN-ACK resent for a repeated SYN).
     */
    boolean fallsBackToThreeSeconds(boolean synRetransmitted) {
        return this == LINUX || synRetransmitted;
    }

    /** Linux tcp_fin_timeout, for an orphaned (exited) endpoint in FIN-WAIT-2. */
    public long finWait2Timeout() {
        return 60_000;
    }

    /** When to resend and when to give up. */
    RetransmissionPolicy retransmission() {
        return this == LINUX ? LinuxRetransmission.INSTANCE : RfcRetransmission.INSTANCE;
    }

    /** Linux TCP_RTO_MIN. */
    static final long LINUX_RTO_MIN = LinuxRetransmission.RTO_MIN;
    /** RFC 6298 2.4: RTO at least 1 s. */
    static final long RFC_RTO_MIN = 1_000;
}
