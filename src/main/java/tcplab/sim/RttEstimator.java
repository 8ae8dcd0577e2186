package tcplab.sim;

/**
 * The retransmission timeout of one connection: RFC 6298's SRTT, RTTVAR and RTO (Linux's
 * tcp_rtt_estimator and tcp_set_rto), with the {@link Profile}'s formula and bounds.
 * Karn's rule (no samples from retransmitted segments) is the caller's: it only offers samples
 * it may take.
 */
final class RttEstimator {

    /** RFC 6298 5.7: the RTO once data transmission begins after a retransmitted SYN. */
    static final long FALLBACK_RTO = 3_000;

    private final Profile profile;
    private Long srtt;
    private Long rttvar;
    private long rto;

    RttEstimator(Profile profile) {
        this.profile = profile;
        reset();
    }

    /** A new connection: no samples, RTO back to its initial value (RFC 6298 2.1). */
    void reset() {
        srtt = null;
        rttvar = null;
        rto = profile.initialRto();
    }

    long rto() {
        return rto;
    }

    /** RFC 6298 2.2 and 2.3: the first measurement, then the smoothed ones. */
    void sample(long r) {
        if (srtt == null) {
            srtt = r;
            rttvar = r / 2;
        } else {
            rttvar = (3 * rttvar + Math.abs(srtt - r)) / 4;
            srtt = (7 * srtt + r) / 8;
        }
        rto = Math.min(profile.rto(srtt, rttvar), profile.maxRto());
    }

    /** RFC 6298 5.5: the timer expired, back off (up to the profile's maximum). */
    void backOff() {
        rto = Math.min(rto * 2, profile.maxRto());
    }

    /** The wait before resending a SYN after {@code backoffs} doublings: initial RTO doubled, capped. */
    long synRto(int backoffs) {
        return Math.min(profile.initialRto() << Math.min(backoffs, 20), profile.maxRto());
    }

    /**
     * The handshake is over: without an RTT sample the RTO becomes 3 s where the profile says
     * so (RFC 6298 5.7 after a resent SYN; Linux's tcp_init_metrics whenever there is no sample).
     */
    void handshakeDone(boolean synRetransmitted) {
        if (srtt == null && profile.fallsBackToThreeSeconds(synRetransmitted)) {
            rto = FALLBACK_RTO;
        }
    }
}
