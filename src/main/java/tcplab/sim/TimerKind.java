package tcplab.sim;

/** The timers an endpoint runs in virtual time. */
public enum TimerKind {
    RETRANSMISSION, TIME_WAIT, FIN_WAIT_2, DELAYED_ACK, KEEPALIVE;

    /** {@code retransmission}, {@code time-wait}, {@code fin-wait-2}, {@code delayed-ack}, {@code keepalive}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
