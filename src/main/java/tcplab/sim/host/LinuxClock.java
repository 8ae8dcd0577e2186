package tcplab.sim.host;

/**
 * The numbers Linux derives from a clock and a boot secret, for one host boot.
 * <ul>
 * <li>{@link #isn}: secure_tcp_seq — a keyed hash of the four-tuple plus the real-time clock in
 *     64 ns ticks (seq_scale), so ISNs grow by 15,625 per millisecond.</li>
 * <li>{@link #tsval}: the timestamp clock (tcp_clock_ms, milliseconds since boot) plus
 *     secure_tcp_ts_off, a keyed hash of the address pair ({@code tcp_timestamps=1}; 0 with 2).</li>
 * </ul>
 */
public final class LinuxClock {
    /** seq_scale: ktime_get_real_ns() >> 6 grows by 1,000,000 / 64 per millisecond. */
    public static final long ISN_TICKS_PER_MS = 1_000_000 / 64;

    private final long secret;
    private final long bootedAt;

    /** @param secret the boot's secret (from the lab's seed and the host); @param bootedAt lab time of the boot */
    public LinuxClock(long secret, long bootedAt) {
        this.secret = secret;
        this.bootedAt = bootedAt;
    }

    /** secure_tcp_seq(saddr, daddr, sport, dport) at lab time {@code nowMs}. */
    public long isn(Address local, Address remote, long nowMs) {
        long hash = Keyed.hash32(secret, 1, local.ipBits(), remote.ipBits(), (long) local.port() << 16 | remote.port());
        return (hash + nowMs * ISN_TICKS_PER_MS) & 0xFFFF_FFFFL;
    }

    /** secure_tcp_ts_off(saddr, daddr) for {@code tcp_timestamps=1}; 0 for 2. */
    public long tsOffset(Address local, Address remote, int tcpTimestamps) {
        if (tcpTimestamps != 1) return 0;
        return Keyed.hash32(secret, 2, local.ipBits(), remote.ipBits());
    }

    /** tcp_clock_ms(): milliseconds since this host booted. */
    public long clockMs(long nowMs) {
        return nowMs - bootedAt;
    }

    public long tsval(long nowMs, long tsOffset) {
        return (clockMs(nowMs) + tsOffset) & 0xFFFF_FFFFL;
    }

    long secret() {
        return secret;
    }
}
