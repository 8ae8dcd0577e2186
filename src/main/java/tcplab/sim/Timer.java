package tcplab.sim;

/**
 * A running timer. For RETRANSMISSION, {@code attempt} counts transmissions of the oldest
 * unacknowledged segment (1 = the first transmission is waiting for its ACK) and {@code rto}
 * is the timeout it was set with; for the other kinds attempt is 1 and rto the duration.
 */
public record Timer(TimerKind kind, long dueAt, int attempt, long rto) {
}
