package tcplab.sim.host;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a host lab adds to a lab's spec (CONTRACT.md "Host labs"): the server application's
 * listen() backlog, who sets SO_KEEPALIVE, and the sysctls. Parsed from and printed to the
 * contract's URL form: {@code backlog=N}, {@code keepalive=server|client|both},
 * {@code sysctl.NAME=VALUE}; lab blocks take the same keys.
 *
 * @param backlog the listen() backlog; Linux caps it at somaxconn (__sys_listen_socket)
 */
public record HostSettings(int backlog, Keepalive keepalive, Sysctls sysctls) {
    /** listen(fd, SOMAXCONN): glibc's SOMAXCONN is 4096, as the kernel's since 5.4. */
    public static final int DEFAULT_BACKLOG = 4096;
    public static final HostSettings DEFAULTS = new HostSettings(DEFAULT_BACKLOG, Keepalive.NONE, Sysctls.DEFAULTS);
    public static final String SYSCTL_PREFIX = "sysctl.";

    public HostSettings {
        if (backlog < 0) throw new IllegalArgumentException("backlog " + backlog);
        Objects.requireNonNull(keepalive);
        Objects.requireNonNull(sysctls);
    }

    /** True for the keys this record reads: {@code backlog}, {@code keepalive}, {@code sysctl.*}. */
    public static boolean isHostKey(String key) {
        return key.equals("backlog") || key.equals("keepalive") || key.startsWith(SYSCTL_PREFIX);
    }

    /** Reads the host keys of a query or lab block, ignoring others; the exception names the bad key. */
    public static HostSettings parse(Map<String, String> params) throws BadSettingException {
        int backlog = DEFAULT_BACKLOG;
        Keepalive keepalive = Keepalive.NONE;
        Sysctls sysctls = Sysctls.DEFAULTS;
        for (Map.Entry<String, String> e : params.entrySet()) {
            String key = e.getKey();
            String value = e.getValue() == null ? "" : e.getValue().trim();
            if (key.equals("backlog")) {
                if (!value.matches("[0-9]{1,10}") || Long.parseLong(value) > Integer.MAX_VALUE) {
                    throw new BadSettingException(key, BadSettingException.Problem.BACKLOG, Integer.MAX_VALUE);
                }
                backlog = Integer.parseInt(value);
            } else if (key.equals("keepalive")) {
                keepalive = Keepalive.byKey(value).orElseThrow(() -> new BadSettingException(key, BadSettingException.Problem.KEEPALIVE));
            } else if (key.startsWith(SYSCTL_PREFIX)) {
                String name = key.substring(SYSCTL_PREFIX.length());
                Sysctl sysctl = Sysctl.byKey(name).orElseThrow(() -> new BadSettingException(key, BadSettingException.Problem.UNKNOWN_SYSCTL));
                sysctls = sysctls.with(sysctl, value, key);
            }
        }
        return new HostSettings(backlog, keepalive, sysctls);
    }

    /** The contract's URL form, only what differs from the defaults, in a fixed order. */
    public Map<String, String> toParams() {
        Map<String, String> out = new LinkedHashMap<>();
        if (backlog != DEFAULT_BACKLOG) out.put("backlog", Integer.toString(backlog));
        if (keepalive != Keepalive.NONE) out.put("keepalive", keepalive.key());
        sysctls.explicit().forEach((s, v) -> out.put(SYSCTL_PREFIX + s.key(), v));
        return out;
    }

    /** The listener's limit for both queues: min(backlog, somaxconn) (sk_max_ack_backlog). */
    public int maxAckBacklog() {
        return Math.min(backlog, sysctls.get(Sysctl.SOMAXCONN));
    }

    public HostSettings withBacklog(int n) {
        return new HostSettings(n, keepalive, sysctls);
    }

    public HostSettings withKeepalive(Keepalive k) {
        return new HostSettings(backlog, k, sysctls);
    }

    public HostSettings with(Sysctl sysctl, Object value) {
        return new HostSettings(backlog, keepalive, sysctls.with(sysctl, value));
    }
}
