package tcplab.sim.host;

import java.util.OptionalInt;
import java.util.function.IntPredicate;

/**
 * connect()'s choice of local port (__inet_hash_connect). Linux starts at a keyed offset and
 * steps by two; the contract fixes the lab's walk to "the next port", so each host keeps a
 * cursor that moves through {@code ip_local_port_range} in order and wraps. A port is usable
 * unless a socket of this host already holds the same four-tuple — a TIME-WAIT one only if
 * tcp_twsk_unique lets it be reused (the caller's predicate says which). None left:
 * connect() fails with EADDRNOTAVAIL.
 */
public final class EphemeralPorts {
    private int cursor = -1;

    /** The next usable port at or after the cursor, moving the cursor past it. */
    public OptionalInt next(PortRange range, IntPredicate usable) {
        int size = range.size();
        int start = cursor < range.low() || cursor > range.high() ? range.low() : cursor;
        for (int i = 0; i < size; i++) {
            int port = range.low() + Math.floorMod(start - range.low() + i, size);
            if (usable.test(port)) {
                cursor = port + 1;
                return OptionalInt.of(port);
            }
        }
        return OptionalInt.empty();
    }
}
