package tcplab.sim.host;

/** An IPv4 address and TCP port, printed {@code 192.0.2.10:49152} as the trace and ss show it. */
public record Address(String ip, int port) {
    public Address {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port " + port);
        ipv4(ip);
    }

    /** The address as a 32-bit number. */
    public long ipBits() {
        return ipv4(ip);
    }

    static long ipv4(String ip) {
        String[] parts = ip.split("\\.");
        if (parts.length != 4) throw new IllegalArgumentException("not IPv4: " + ip);
        long bits = 0;
        for (String p : parts) {
            int b = Integer.parseInt(p);
            if (b < 0 || b > 255) throw new IllegalArgumentException("not IPv4: " + ip);
            bits = bits << 8 | b;
        }
        return bits;
    }

    @Override
    public String toString() {
        return ip + ":" + port;
    }
}
