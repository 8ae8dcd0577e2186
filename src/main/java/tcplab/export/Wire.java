package tcplab.export;

import tcplab.sim.Flag;
import tcplab.sim.SegmentRecord;
import tcplab.sim.Side;

import java.util.ArrayList;
import java.util.List;

/**
 * A lab segment as it would cross the wire: an Ethernet II frame carrying an IPv4 packet
 * (RFC 791) carrying the TCP segment (RFC 9293 §3.1), with the contract's addresses and real
 * checksums, so a capture opens cleanly in Wireshark. The field lists describe the same bytes
 * for the lab's header inspector: they are read back from the encoding, never computed apart.
 *
 * <p>Choices a real host would make: no IP or TCP options (data offset 5), DF set, TTL 64,
 * IP identification = the segment's number, locally administered MAC addresses
 * {@code 02:00:00:00:00:0a} (client) and {@code 02:00:00:00:00:14} (server), as if both
 * hosts shared one link.
 */
public final class Wire {

    public static final String CLIENT_ADDRESS = "192.0.2.10";
    public static final String SERVER_ADDRESS = "198.51.100.20";
    public static final int CLIENT_PORT = 49152;
    public static final int SERVER_PORT = 80;
    public static final int TTL = 64;

    static final int ETHERNET_HEADER = 14;
    static final int IPV4_HEADER = 20;
    static final int TCP_HEADER = 20;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int PROTOCOL_TCP = 6;
    private static final int DONT_FRAGMENT = 0x4000;
    private static final byte[] CLIENT_IP = {(byte) 192, 0, 2, 10};
    private static final byte[] SERVER_IP = {(byte) 198, 51, 100, 20};
    private static final byte[] CLIENT_MAC = {2, 0, 0, 0, 0, 0x0a};
    private static final byte[] SERVER_MAC = {2, 0, 0, 0, 0, 0x14};
    /** Wire order of the flags byte, most significant bit first (RFC 9293 §3.1, with RFC 3168's CWR and ECE). */
    private static final String[] FLAG_NAMES = {"CWR", "ECE", "URG", "ACK", "PSH", "RST", "SYN", "FIN"};

    private Wire() {}

    public static String address(Side side) {
        return side == Side.CLIENT ? CLIENT_ADDRESS : SERVER_ADDRESS;
    }

    public static int port(Side side) {
        return side == Side.CLIENT ? CLIENT_PORT : SERVER_PORT;
    }

    /** The Ethernet II frame: destination MAC, source MAC, EtherType 0x0800, the IPv4 packet. */
    public static byte[] frame(SegmentRecord record) {
        byte[] packet = ipv4Packet(record);
        byte[] frame = new byte[ETHERNET_HEADER + packet.length];
        System.arraycopy(mac(record.to()), 0, frame, 0, 6);
        System.arraycopy(mac(record.from()), 0, frame, 6, 6);
        put16(frame, 12, ETHERTYPE_IPV4);
        System.arraycopy(packet, 0, frame, ETHERNET_HEADER, packet.length);
        return frame;
    }

    /** The IPv4 packet: a 20-byte header with its checksum, then the TCP segment. */
    public static byte[] ipv4Packet(SegmentRecord record) {
        byte[] tcp = tcpSegment(record);
        byte[] p = new byte[IPV4_HEADER + tcp.length];
        p[0] = 0x45;                                  // version 4, IHL 5
        p[1] = 0;                                     // DSCP 0, ECN 0
        put16(p, 2, p.length);
        put16(p, 4, record.n() & 0xFFFF);
        put16(p, 6, DONT_FRAGMENT);
        p[8] = (byte) TTL;
        p[9] = PROTOCOL_TCP;
        System.arraycopy(ip(record.from()), 0, p, 12, 4);
        System.arraycopy(ip(record.to()), 0, p, 16, 4);
        put16(p, 10, checksum(p, 0, IPV4_HEADER));
        System.arraycopy(tcp, 0, p, IPV4_HEADER, tcp.length);
        return p;
    }

    /** The TCP segment: a 20-byte header (no options) whose checksum covers the pseudo-header, then the payload. */
    public static byte[] tcpSegment(SegmentRecord record) {
        var segment = record.segment();
        byte[] payload = segment.payload();
        byte[] t = new byte[TCP_HEADER + payload.length];
        put16(t, 0, port(record.from()));
        put16(t, 2, port(record.to()));
        put32(t, 4, segment.seq());
        put32(t, 8, segment.has(Flag.ACK) ? segment.ack() : 0);
        t[12] = (byte) (5 << 4);
        int flags = 0;
        for (Flag f : segment.flags()) flags |= f.bit();
        t[13] = (byte) flags;
        put16(t, 14, segment.window());
        put16(t, 18, 0);                              // urgent pointer
        System.arraycopy(payload, 0, t, TCP_HEADER, payload.length);
        put16(t, 16, checksum(pseudoHeaderAnd(record.from(), record.to(), t)));
        return t;
    }

    /** Ethernet II header fields of {@link #frame}. */
    public static List<HeaderField> ethernetFields(SegmentRecord record) {
        byte[] f = frame(record);
        return List.of(
                new HeaderField("Destination", 48, macText(f, 0)),
                new HeaderField("Source", 48, macText(f, 6)),
                new HeaderField("EtherType", 16, String.format("0x%04x (IPv4)", get16(f, 12))));
    }

    /** IPv4 header fields (RFC 791 §3.1) of {@link #ipv4Packet}, in header order. */
    public static List<HeaderField> ipv4Fields(SegmentRecord record) {
        return ipv4Fields(ipv4Packet(record));
    }

    /** The header fields of an IPv4 packet (a connection lab's, or a host lab's with its real addresses). */
    static List<HeaderField> ipv4Fields(byte[] p) {
        int stored = get16(p, 10);
        List<HeaderField> fields = new ArrayList<>();
        fields.add(new HeaderField("Version", 4, String.valueOf((p[0] >> 4) & 0xF)));
        fields.add(new HeaderField("IHL", 4, (p[0] & 0xF) + " (" + (p[0] & 0xF) * 4 + " bytes)"));
        fields.add(new HeaderField("DSCP", 6, String.valueOf((p[1] >> 2) & 0x3F)));
        fields.add(new HeaderField("ECN", 2, String.valueOf(p[1] & 0x3)));
        fields.add(new HeaderField("Total length", 16, get16(p, 2) + " bytes"));
        fields.add(new HeaderField("Identification", 16, String.format("0x%04x (%d)", get16(p, 4), get16(p, 4))));
        fields.add(new HeaderField("Reserved", 1, bit(p[6], 7)));
        fields.add(new HeaderField("DF", 1, bit(p[6], 6)));
        fields.add(new HeaderField("MF", 1, bit(p[6], 5)));
        fields.add(new HeaderField("Fragment offset", 13, String.valueOf(get16(p, 6) & 0x1FFF)));
        fields.add(new HeaderField("TTL", 8, String.valueOf(p[8] & 0xFF)));
        fields.add(new HeaderField("Protocol", 8, (p[9] & 0xFF) + " (TCP)"));
        fields.add(new HeaderField("Header checksum", 16, checksumText(stored, checksum(p, 0, IPV4_HEADER) == 0)));
        fields.add(new HeaderField("Source address", 32, ipText(p, 12)));
        fields.add(new HeaderField("Destination address", 32, ipText(p, 16)));
        return fields;
    }

    /** TCP header fields (RFC 9293 §3.1) of {@link #tcpSegment}, in header order, each control bit its own field. */
    public static List<HeaderField> tcpFields(SegmentRecord record) {
        byte[] t = tcpSegment(record);
        return tcpFields(t, checksum(pseudoHeaderAnd(record.from(), record.to(), t)) == 0);
    }

    /** The header fields of a TCP segment whose checksum is {@code correct}, its options (RFC 9293 §3.2) one field each. */
    static List<HeaderField> tcpFields(byte[] t, boolean correct) {
        int offset = (t[12] >> 4) & 0xF;
        List<HeaderField> fields = new ArrayList<>();
        fields.add(new HeaderField("Source port", 16, String.valueOf(get16(t, 0))));
        fields.add(new HeaderField("Destination port", 16, String.valueOf(get16(t, 2))));
        fields.add(new HeaderField("Sequence number", 32, String.valueOf(get32(t, 4))));
        fields.add(new HeaderField("Acknowledgment number", 32, String.valueOf(get32(t, 8))));
        fields.add(new HeaderField("Data offset", 4, offset + " (" + offset * 4 + " bytes)"));
        fields.add(new HeaderField("Reserved", 4, String.valueOf(t[12] & 0xF)));
        for (int i = 0; i < FLAG_NAMES.length; i++) {
            fields.add(new HeaderField(FLAG_NAMES[i], 1, bit(t[13], 7 - i)));
        }
        fields.add(new HeaderField("Window", 16, String.valueOf(get16(t, 14))));
        fields.add(new HeaderField("Checksum", 16, checksumText(get16(t, 16), correct)));
        fields.add(new HeaderField("Urgent pointer", 16, String.valueOf(get16(t, 18))));
        options(t, offset * 4, fields);
        return fields;
    }

    /**
     * The options between the fixed header and {@code end}: End of Option List (kind 0), No-Operation
     * (1), Maximum Segment Size (2, RFC 9293 §3.2), Window Scale (3, RFC 7323 §2), SACK permitted
     * (4, RFC 2018), Timestamps (8, RFC 7323 §3); any other kind by its number and length.
     */
    private static void options(byte[] t, int end, List<HeaderField> fields) {
        int i = TCP_HEADER;
        while (i < end) {
            int kind = t[i] & 0xFF;
            if (kind == 0 || kind == 1) {
                fields.add(new HeaderField(kind == 0 ? "End of option list" : "No-operation", 8, String.valueOf(kind)));
                i++;
                continue;
            }
            int length = i + 1 < end ? t[i + 1] & 0xFF : 0;
            if (length < 2 || i + length > end) {
                fields.add(new HeaderField("Malformed option", 8, "kind " + kind));
                return;
            }
            String value = switch (kind) {
                case 2 -> "MSS " + get16(t, i + 2);
                case 3 -> "window scale " + (t[i + 2] & 0xFF);
                case 4 -> "SACK permitted";
                case 8 -> "TSval " + get32(t, i + 2) + ", TSecr " + get32(t, i + 6);
                default -> "kind " + kind + ", " + length + " bytes";
            };
            String name = switch (kind) {
                case 2 -> "Maximum segment size";
                case 3 -> "Window scale";
                case 4 -> "SACK permitted";
                case 8 -> "Timestamps";
                default -> "Option " + kind;
            };
            fields.add(new HeaderField(name, length * 8, value));
            i += length;
        }
    }

    /**
     * The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of
     * 16-bit words. Over bytes that already hold a correct checksum it gives 0.
     */
    public static int checksum(byte[] bytes, int offset, int length) {
        long sum = 0;
        int i = offset;
        int end = offset + length;
        for (; i + 1 < end; i += 2) sum += ((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF);
        if (i < end) sum += (bytes[i] & 0xFF) << 8;
        while ((sum >> 16) != 0) sum = (sum & 0xFFFF) + (sum >> 16);
        return (int) (~sum & 0xFFFF);
    }

    static int checksum(byte[] bytes) {
        return checksum(bytes, 0, bytes.length);
    }

    /** RFC 9293 §3.1: the 12-byte pseudo-header (source, destination, zero, protocol, TCP length) followed by the segment. */
    static byte[] pseudoHeaderAnd(Side from, Side to, byte[] tcp) {
        byte[] b = new byte[12 + tcp.length];
        System.arraycopy(ip(from), 0, b, 0, 4);
        System.arraycopy(ip(to), 0, b, 4, 4);
        b[9] = PROTOCOL_TCP;
        put16(b, 10, tcp.length);
        System.arraycopy(tcp, 0, b, 12, tcp.length);
        return b;
    }

    private static byte[] ip(Side side) {
        return side == Side.CLIENT ? CLIENT_IP : SERVER_IP;
    }

    private static byte[] mac(Side side) {
        return side == Side.CLIENT ? CLIENT_MAC : SERVER_MAC;
    }

    private static String checksumText(int value, boolean correct) {
        return String.format("0x%04x (%s)", value, correct ? "correct" : "incorrect");
    }

    private static String bit(byte b, int position) {
        return ((b >> position) & 1) == 1 ? "1" : "0";
    }

    private static String ipText(byte[] b, int at) {
        return (b[at] & 0xFF) + "." + (b[at + 1] & 0xFF) + "." + (b[at + 2] & 0xFF) + "." + (b[at + 3] & 0xFF);
    }

    private static String macText(byte[] b, int at) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            if (i > 0) s.append(':');
            s.append(String.format("%02x", b[at + i] & 0xFF));
        }
        return s.toString();
    }

    static void put16(byte[] b, int at, int value) {
        b[at] = (byte) (value >> 8);
        b[at + 1] = (byte) value;
    }

    static void put32(byte[] b, int at, long value) {
        b[at] = (byte) (value >> 24);
        b[at + 1] = (byte) (value >> 16);
        b[at + 2] = (byte) (value >> 8);
        b[at + 3] = (byte) value;
    }

    static int get16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static long get32(byte[] b, int at) {
        return ((long) get16(b, at) << 16) | get16(b, at + 2);
    }
}
