package tcplab.sim;

import java.util.Optional;

/** The contract's scenarios: where a lab starts and what is scripted. */
public enum Scenario {
    FREE, HANDSHAKE, HANDSHAKE_DATA, TEARDOWN, SERVER_CLOSE, THREE_SEGMENT_CLOSE,
    SIMULTANEOUS_OPEN, SIMULTANEOUS_CLOSE, OLD_DUPLICATE_SYN, TWO_PASSIVE_SOCKETS, HALF_OPEN, TWO_WAY_HANDSHAKE;

    /** {@code three-segment-close}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static Optional<Scenario> byKey(String key) {
        for (Scenario s : values()) {
            if (s.key().equals(key)) return Optional.of(s);
        }
        return Optional.empty();
    }

    /** True for the scenarios that start from a completed handshake shown in the history. */
    public boolean startsEstablished() {
        switch (this) {
            case TEARDOWN: case SERVER_CLOSE: case THREE_SEGMENT_CLOSE: case SIMULTANEOUS_CLOSE: case HALF_OPEN:
                return true;
            default:
                return false;
        }
    }

    /** The counterfactual scenario whose server does not follow RFC 9293. */
    public boolean isCounterfactual() {
        return this == TWO_WAY_HANDSHAKE;
    }
}
