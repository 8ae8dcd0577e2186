package tcplab.sim.host;

/** {@code ip_local_port_range}: the ports connect() picks from, both ends included. */
public record PortRange(int low, int high) {
    /** Linux's default since 4.x: 32768–60999 (inet_init_net). */
    public static final PortRange LINUX_DEFAULT = new PortRange(32768, 60999);

    public PortRange {
        // ipv4_local_port_range rejects an inverted range; ports are 1..65535.
        if (low < 1 || high > 65535 || high < low) throw new IllegalArgumentException("port range " + low + "-" + high);
    }

    public int size() {
        return high - low + 1;
    }

    public boolean contains(int port) {
        return port >= low && port <= high;
    }

    /** As sysctl prints it in the contract's URL form: {@code 32768-60999}. */
    @Override
    public String toString() {
        return low + "-" + high;
    }
}
