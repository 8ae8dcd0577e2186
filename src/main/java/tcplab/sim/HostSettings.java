package tcplab.sim;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a host lab sets on its hosts beyond one connection (CONTRACT.md "Host labs": listen
 * backlog, keepalive, sysctls), by name. Connection labs have none; host labs fill it in.
 */
public record HostSettings(Map<String, String> sysctls) {

    public static final HostSettings NONE = new HostSettings(Map.of());

    public HostSettings {
        sysctls = Map.copyOf(new TreeMap<>(sysctls));
    }

    public boolean isEmpty() {
        return sysctls.isEmpty();
    }
}
