package tcplab.sim;

/**
 * When the oldest unacknowledged segment is resent and when the connection gives up instead
 * (RFC 9293 §3.8.3, RFC 1122 4.2.3.5's R2; Linux's tcp_retransmit_timer and tcp_write_timeout).
 * Each {@link Profile} has one; the endpoint asks, the policy keeps no state.
 */
sealed interface RetransmissionPolicy permits LinuxRetransmission, RfcRetransmission {

    /** What a policy may look at when the retransmission timer expires or is set. */
    record Sender(State state, boolean passiveOpen, boolean orphan, long rto, long now) {
        /** Still opening: the retransmissions are SYNs or SYN-ACKs and count against the SYN limits. */
        boolean handshaking() {
            return state == State.SYN_SENT || state == State.SYN_RECEIVED;
        }
    }

    /** Whether this timeout of a SYN doubles the wait before the next one (RFC 6298 5.5). */
    boolean synBacksOff(State state, Outstanding head);

    /** When a timer set now with this wait falls due. */
    long deadline(long now, long wait, Outstanding head);

    /**
     * SYN-SENT has answered an unacceptable ACK with a RST: the wait until the SYN is resent,
     * if the policy moves the timer, else -1 (the timer runs on).
     */
    long resendAfterUnacceptableAck(Outstanding syn);

    /** Whether the timer that has just expired ends the connection instead of resending. */
    boolean givesUp(Outstanding head, Sender sender);
}
