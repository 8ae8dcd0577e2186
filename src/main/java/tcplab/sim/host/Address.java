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
        long bits = 0;
        int parts = 0;
        int part = -1;
        for (int i = 0; i <= ip.length(); i++) {
            char c = i < ip.length() ? ip.charAt(i) : '.';
            if (c == '.') {
                if (part < 0 || part > 255) throw new IllegalArgumentException("not IPv4: " + ip);
                bits = bits << 8 | part;
                parts++;
                part = -1;
            } else if (c >= '0' && c <= '9' && part < 1000) {
                part = (part < 0 ? 0 : part * 10) + (c - '0');
            } else {
                throw new IllegalArgumentException("not IPv4: " + ip);
            }
        }
        if (parts != 4) throw new IllegalArgumentException("not IPv4: " + ip);
        return bits;
    }

    @Override
    public String toString() {
        return ip + ":" + port;
    }
}
