package tcplab.sim;

import java.util.Optional;

/** The two ends of the lab's one connection. */
public enum Side {
    CLIENT, SERVER;

    /** The contract's word: {@code client} or {@code server}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public Side peer() {
        return this == CLIENT ? SERVER : CLIENT;
    }

    public static Optional<Side> byKey(String key) {
        for (Side s : values()) {
            if (s.key().equals(key)) return Optional.of(s);
        }
        return Optional.empty();
    }
}
