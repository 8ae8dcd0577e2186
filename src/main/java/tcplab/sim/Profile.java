package tcplab.sim;

import java.util.Optional;

/**
 * How the endpoints behave where a real stack and RFC 9293's text part ways. {@link #RFC} is
 * the text read literally (with RFC 6298 and RFC 1122 numbers); {@link #LINUX} overrides each
 * method where Linux differs and names the kernel function it follows. The numbers are the
 * contract's profile table; {@code docs/simulator.md} lists every difference.
 */
public enum Profile {
    /** Linux defaults (tcp_syn_retries=6 with tcp_syn_linear_timeouts=4, tcp_synack_retries=5, tcp_retries2=15, …). */
    LINUX(LinuxRetransmission.RTO_MAX, 60_000) {
        /** tcp_set_rto: SRTT + max(4·RTTVAR, TCP_RTO_MIN), "RTO ≥ SRTT + 200 ms". */
        @Override
        long rto(long srtt, long rttvar) {
            return srtt + Math.max(4 * rttvar, LinuxRetransmission.RTO_MIN);
        }

        /** tcp_init_metrics: 3 s whenever the handshake gave no sample (also after a SYN-ACK resent for a repeated SYN). */
        @Override
        boolean fallsBackToThreeSeconds(boolean synRetransmitted) {
            return true;
        }

        @Override
        RetransmissionPolicy retransmission() {
            return LinuxRetransmission.INSTANCE;
        }

        /** tcp_send_active_reset sets ACK on the RST: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>. */
        @Override
        Segment abortReset(long sndNxt, long rcvNxt) {
            return Segment.of(sndNxt, rcvNxt, java.util.EnumSet.of(Flag.RST, Flag.ACK), "");
        }

        /** tcp_push marks the end of each write with PSH. */
        @Override
        boolean pushesEachWrite() {
            return true;
        }

        /**
         * tcp_send_synack sets ACK on the queued SYN and sends it again without marking it
         * retransmitted, so the ACK of our SYN yields an RTT sample from that moment.
         */
        @Override
        boolean samplesSimultaneousSynAck() {
            return true;
        }

        /** tcp_check_req answers a repeated SYN with the SYN-ACK again. */
        @Override
        boolean resendsSynAckForRepeatedSyn() {
            return true;
        }

        /** tcp_rcv_state_process accepts the crossing SYN-ACK of a simultaneous open (RFC 5961 4.2). */
        @Override
        boolean acceptsCrossingSynAck() {
            return true;
        }

        /** tcp_check_req resets a request socket that receives a new SYN. */
        @Override
        boolean resetsEmbryonicOnSyn() {
            return true;
        }

        /** tcp_rcv_state_process: an orphan past ESTABLISHED cannot deliver new data, so it resets. */
        @Override
        boolean resetsOrphanOnData() {
            return true;
        }

        /** tcp_fin_timeout limits an orphan's FIN-WAIT-2. */
        @Override
        boolean limitsOrphanFinWait2() {
            return true;
        }

        /** tcp_invalid_ratelimit: 500 ms between answers to out-of-window pure ACKs (tcp_oow_rate_limited). */
        @Override
        long outOfWindowAckInterval() {
            return 500;
        }

        /** tcp_timewait_state_process. */
        @Override
        boolean hasOwnTimeWait() {
            return true;
        }
    },
    /** RFC 9293 (with RFC 6298 and RFC 1122 numbers) read literally. */
    RFC(60_000, 240_000);

    private final long maxRto;
    private final long timeWait;

    Profile(long maxRto, long timeWait) {
        this.maxRto = maxRto;
        this.timeWait = timeWait;
    }

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
        return maxRto;
    }

    /** Length of TIME-WAIT: Linux TCP_TIMEWAIT_LEN 60 s; RFC 2·MSL with MSL = 2 minutes. */
    public long timeWait() {
        return timeWait;
    }

    /** Linux tcp_fin_timeout, for an orphaned (exited) endpoint in FIN-WAIT-2. */
    public long finWait2Timeout() {
        return 60_000;
    }

    /** The RTO from SRTT and RTTVAR (RFC 6298 2.3): SRTT + 4·RTTVAR, at least 1 s (2.4). */
    long rto(long srtt, long rttvar) {
        return Math.max(srtt + 4 * rttvar, 1_000);
    }

    /** Whether the RTO becomes 3 s when the handshake ends without an RTT sample: RFC 6298 5.7, after a SYN timed out. */
    boolean fallsBackToThreeSeconds(boolean synRetransmitted) {
        return synRetransmitted;
    }

    /** When to resend and when to give up. */
    RetransmissionPolicy retransmission() {
        return RfcRetransmission.INSTANCE;
    }

    /** ABORT's reset (§3.10.5): <SEQ=SND.NXT><CTL=RST>. */
    Segment abortReset(long sndNxt, long rcvNxt) {
        return Segment.of(sndNxt, 0, java.util.EnumSet.of(Flag.RST), "");
    }

    /** Whether a segment carrying a write's data has PSH (the RFC leaves it to the implementation, §3.9.1.2). */
    boolean pushesEachWrite() {
        return false;
    }

    /**
     * Whether the SYN-ACK of a simultaneous open may give an RTT sample. By the text it repeats
     * the SYN's sequence number, so Karn's rule excludes it.
     */
    boolean samplesSimultaneousSynAck() {
        return false;
    }

    /** Whether SYN-RECEIVED answers a repeated SYN with the SYN-ACK again (the text: a SYN in the window, §3.10.7.4 fourth). */
    boolean resendsSynAckForRepeatedSyn() {
        return false;
    }

    /** Whether SYN-RECEIVED accepts the crossing SYN-ACK of a simultaneous open (the text: it is not acceptable). */
    boolean acceptsCrossingSynAck() {
        return false;
    }

    /** Whether a passive SYN-RECEIVED sends a RST when a new SYN sends it back to LISTEN. */
    boolean resetsEmbryonicOnSyn() {
        return false;
    }

    /** Whether an exited application's connection past ESTABLISHED answers new data with RST. */
    boolean resetsOrphanOnData() {
        return false;
    }

    /** Whether an exited application's FIN-WAIT-2 is limited by {@link #finWait2Timeout()}. */
    boolean limitsOrphanFinWait2() {
        return false;
    }

    /** The least time between answers to out-of-window pure ACKs; 0: the text answers each one. */
    long outOfWindowAckInterval() {
        return 0;
    }

    /** Whether TIME-WAIT has its own rules instead of §3.10.7.4's (assassination, a new SYN reopens). */
    boolean hasOwnTimeWait() {
        return false;
    }
}
