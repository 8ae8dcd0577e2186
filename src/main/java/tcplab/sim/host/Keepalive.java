package tcplab.sim.host;

import java.util.Locale;
import java.util.Optional;

/** Which applications set SO_KEEPALIVE: the server's (its accepted sockets inherit it from the listener), every client host's, both, or none. */
public enum Keepalive {
    NONE, SERVER, CLIENT, BOTH;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean server() {
        return this == SERVER || this == BOTH;
    }

    public boolean client() {
        return this == CLIENT || this == BOTH;
    }

    /** The contract's words {@code server}, {@code client}, {@code both}; {@code none} is the default and not printed. */
    public static Optional<Keepalive> byKey(String key) {
        for (Keepalive k : values()) {
            if (k.key().equals(key)) return Optional.of(k);
        }
        return Optional.empty();
    }
}
