package tcplab.sim;

/** RFC 9293 §3.3.2 connection states, printed as the RFC writes them. */
public enum State {
    CLOSED, LISTEN, SYN_SENT, SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2,
    CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT;

    /** {@code SYN-RECEIVED}, {@code FIN-WAIT-1}, … */
    public String label() {
        return name().replace('_', '-');
    }

    /** The state as {@code ss} prints it (iproute2's sstate names): SYN-RECV, ESTAB, UNCONN for CLOSED; the rest as RFC 9293 names them. */
    public String ss() {
        switch (this) {
            case SYN_RECEIVED: return "SYN-RECV";
            case ESTABLISHED: return "ESTAB";
            case CLOSED: return "UNCONN";
            default: return label();
        }
    }

    /** RFC 9293 §3.5: ESTABLISHED and every state after it are synchronized. */
    public boolean isSynchronized() {
        switch (this) {
            case CLOSED: case LISTEN: case SYN_SENT: case SYN_RECEIVED:
                return false;
            default:
                return true;
        }
    }

    /** States in which the endpoint has sent its FIN. */
    public boolean finSent() {
        switch (this) {
            case FIN_WAIT_1: case FIN_WAIT_2: case CLOSING: case LAST_ACK: case TIME_WAIT:
                return true;
            default:
                return false;
        }
    }

    /** Parses a label such as {@code SYN-RECEIVED}. */
    public static java.util.Optional<State> byLabel(String label) {
        for (State s : values()) {
            if (s.label().equals(label)) return java.util.Optional.of(s);
        }
        return java.util.Optional.empty();
    }

    @Override
    public String toString() {
        return label();
    }
}
