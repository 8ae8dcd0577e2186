package tcplab.export;

import tcplab.sim.Fate;
import tcplab.sim.Flag;
import tcplab.sim.HostAction;
import tcplab.sim.HostLab;
import tcplab.sim.HostSnapshot;
import tcplab.sim.HostSnapshot.HostSegment;
import tcplab.sim.Segment;
import tcplab.sim.host.Address;
import tcplab.sim.host.TcpOptions;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A host lab as a pcap file captured on one host's interface (CONTRACT.md "Host labs": any
 * host, {@code at=HOST}): what it sent, when it sent it, and what reached it, when it arrived;
 * the same libpcap format as {@link Pcap}. Segments carry their real addresses and ports and
 * their TCP options encoded in the header (RFC 9293 §3.2 option layout: MSS kind 2, SACK
 * permitted kind 4, timestamps kind 8 (RFC 7323), window scale kind 3), padded with NOPs the
 * way Linux lays them out (tcp_options_write).
 */
public final class HostPcap {

    private static final int PROTOCOL_TCP = 6;
    private static final int DONT_FRAGMENT = 0x4000;

    private HostPcap() {}

    /** The hosts a capture can be taken at: every host of a host lab, the attacker included. */
    public static List<String> hosts() {
        List<String> hosts = new ArrayList<>(HostAction.HOSTS);
        hosts.add(HostLab.ATTACKER);
        return hosts;
    }

    /** A capture point from the {@code at} value; absent or empty: {@code server}. */
    public static String capturePoint(String text) {
        if (text == null || text.isEmpty()) return HostLab.SERVER;
        if (!hosts().contains(text)) throw new IllegalArgumentException("at must be one of " + hosts() + ", not \"" + text + "\"");
        return text;
    }

    /** One frame: when it crossed the host's interface and which segment. */
    public record Packet(long at, HostSegment segment) implements Pcap.Captured {
        @Override
        public byte[] frame() {
            return HostPcap.frame(segment);
        }
    }

    /** The frames a capture at {@code host} holds, in time order (a host's own sends before arrivals at the same instant, each by number). */
    public static List<Packet> packets(HostSnapshot s, String host) {
        List<Packet> packets = new ArrayList<>();
        for (HostSegment seg : s.segments()) {
            if (seg.from().equals(host)) packets.add(new Packet(seg.sentAt(), seg));
            if (seg.to().equals(host) && seg.fate() == Fate.ARRIVED && seg.arrivedAt() != null) packets.add(new Packet(seg.arrivedAt(), seg));
        }
        packets.sort(Comparator.comparingLong(Packet::at));
        return packets;
    }

    public static byte[] capture(HostSnapshot s, String host) {
        return Pcap.file(packets(s, host));
    }

    /** The IPv4 header fields of a host lab's segment, as {@link Wire#ipv4Fields(tcplab.sim.SegmentRecord)} shows a connection lab's. */
    public static List<HeaderField> ipv4Fields(HostSegment seg) {
        byte[] frame = frame(seg);
        return Wire.ipv4Fields(java.util.Arrays.copyOfRange(frame, Wire.ETHERNET_HEADER, frame.length));
    }

    /** The TCP header fields of a host lab's segment, its options included. */
    public static List<HeaderField> tcpFields(HostSegment seg) {
        byte[] t = tcpSegment(seg);
        byte[] pseudo = pseudoHeaderAnd(seg, t);
        return Wire.tcpFields(t, Wire.checksum(pseudo, 0, pseudo.length) == 0);
    }

    /** RFC 9293's pseudo-header (source and destination address, protocol, TCP length), then the segment. */
    private static byte[] pseudoHeaderAnd(HostSegment seg, byte[] t) {
        byte[] pseudo = new byte[12 + t.length];
        Wire.put32(pseudo, 0, seg.src().ipBits());
        Wire.put32(pseudo, 4, seg.dst().ipBits());
        pseudo[9] = PROTOCOL_TCP;
        Wire.put16(pseudo, 10, t.length);
        System.arraycopy(t, 0, pseudo, 12, t.length);
        return pseudo;
    }

    static byte[] frame(HostSegment seg) {
        byte[] tcp = tcpSegment(seg);
        byte[] p = new byte[Wire.IPV4_HEADER + tcp.length];
        p[0] = 0x45;
        Wire.put16(p, 2, p.length);
        Wire.put16(p, 4, seg.n() & 0xFFFF);
        Wire.put16(p, 6, DONT_FRAGMENT);
        p[8] = (byte) Wire.TTL;
        p[9] = PROTOCOL_TCP;
        Wire.put32(p, 12, seg.src().ipBits());
        Wire.put32(p, 16, seg.dst().ipBits());
        Wire.put16(p, 10, Wire.checksum(p, 0, Wire.IPV4_HEADER));
        System.arraycopy(tcp, 0, p, Wire.IPV4_HEADER, tcp.length);
        byte[] frame = new byte[Wire.ETHERNET_HEADER + p.length];
        System.arraycopy(mac(seg.dst()), 0, frame, 0, 6);
        System.arraycopy(mac(seg.src()), 0, frame, 6, 6);
        Wire.put16(frame, 12, 0x0800);
        System.arraycopy(p, 0, frame, Wire.ETHERNET_HEADER, p.length);
        return frame;
    }

    /** The TCP header with its options, and the payload; the checksum over RFC 9293's pseudo-header. */
    static byte[] tcpSegment(HostSegment seg) {
        Segment segment = seg.segment();
        byte[] options = options(seg.options());
        byte[] payload = segment.payload();
        int headerLength = Wire.TCP_HEADER + options.length;
        byte[] t = new byte[headerLength + payload.length];
        Wire.put16(t, 0, seg.src().port());
        Wire.put16(t, 2, seg.dst().port());
        Wire.put32(t, 4, segment.seq());
        Wire.put32(t, 8, segment.has(Flag.ACK) ? segment.ack() : 0);
        t[12] = (byte) ((headerLength / 4) << 4);
        int flags = 0;
        for (Flag f : segment.flags()) flags |= f.bit();
        t[13] = (byte) flags;
        Wire.put16(t, 14, segment.window());
        System.arraycopy(options, 0, t, Wire.TCP_HEADER, options.length);
        System.arraycopy(payload, 0, t, headerLength, payload.length);
        byte[] pseudo = pseudoHeaderAnd(seg, t);
        Wire.put16(t, 16, Wire.checksum(pseudo, 0, pseudo.length));
        return t;
    }

    /**
     * The options in Linux's layout (tcp_options_write): MSS (kind 2, 4 bytes); SACK permitted
     * and timestamps together as kind 4, 8 (12 bytes), or timestamps after two NOPs, or SACK
     * permitted after two NOPs; window scale after one NOP (kind 3). A multiple of 4 bytes.
     */
    static byte[] options(TcpOptions o) {
        if (o == null || o.isEmpty()) return new byte[0];
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        if (o.mss() != null) {
            b.write(2);
            b.write(4);
            b.write(o.mss() >> 8);
            b.write(o.mss() & 0xFF);
        }
        if (o.hasTimestamp()) {
            if (o.sackPermitted()) {
                b.write(4);
                b.write(2);
            } else {
                b.write(1);
                b.write(1);
            }
            b.write(8);
            b.write(10);
            byte[] ts = new byte[8];
            Wire.put32(ts, 0, o.tsval());
            Wire.put32(ts, 4, o.tsecr() == null ? 0 : o.tsecr());
            b.writeBytes(ts);
        } else if (o.sackPermitted()) {
            b.write(1);
            b.write(1);
            b.write(4);
            b.write(2);
        }
        if (o.wscale() != null) {
            b.write(1);
            b.write(3);
            b.write(3);
            b.write(o.wscale());
        }
        return b.toByteArray();
    }


    /** A locally administered MAC made of the IPv4 address, so every host has its own. */
    private static byte[] mac(Address a) {
        long ip = a.ipBits();
        return new byte[]{2, 0, (byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip};
    }
}
