package tcplab.export;

import tcplab.sim.Event;
import tcplab.sim.HostSnapshot;
import tcplab.sim.LabSnapshot;
import tcplab.sim.Origin;
import tcplab.sim.SegmentArrived;
import tcplab.sim.SegmentRecord;
import tcplab.sim.SegmentSent;
import tcplab.sim.Side;
import tcplab.sim.Snapshot;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A lab run as a classic pcap file (libpcap format: magic {@code a1b2c3d4}, version 2.4,
 * microsecond timestamps, link type 1 = Ethernet), as a capture on one host's interface
 * would record it: every segment that host's TCP sent, at the time it sent it, and every
 * segment that reached it, at the time it arrived. So a segment lost in the network appears
 * only at its sender, one still in flight only at its sender, and an old segment the network
 * injected (or a copy it made) only at the receiver. Timestamps are the virtual clock, counted
 * from the Unix epoch.
 */
public final class Pcap {

    static final int MAGIC = 0xa1b2c3d4;
    static final int LINKTYPE_ETHERNET = 1;
    static final int SNAPLEN = 65535;

    private Pcap() {}

    /** A frame as a capture holds it: when it crossed the interface (virtual milliseconds) and its bytes. */
    public interface Captured {
        long at();

        byte[] frame();
    }

    /** One captured frame: when (virtual milliseconds) and which segment. */
    public record Packet(long at, SegmentRecord record) implements Captured {
        @Override
        public byte[] frame() {
            return Wire.frame(record);
        }
    }

    /** The frames the capture at {@code at} holds, in the order they crossed its interface. */
    public static List<Packet> packets(Snapshot snapshot, Side at) {
        List<Packet> packets = new ArrayList<>();
        for (Event e : snapshot.events()) {
            if (e instanceof SegmentSent sent && sent.side() == at) {
                SegmentRecord r = snapshot.segment(sent.n());
                if (r.origin() == Origin.ENDPOINT) packets.add(new Packet(sent.at(), r));
            } else if (e instanceof SegmentArrived arrived && arrived.side() == at) {
                packets.add(new Packet(arrived.at(), snapshot.segment(arrived.n())));
            }
        }
        return packets;
    }

    /**
     * A capture point from the contract's {@code at} value: in a connection lab {@code client}
     * (the default) or {@code server}; in a host lab any host ({@link HostPcap#hosts()}), the
     * server by default.
     */
    public static String capturePoint(boolean hostLab, String text) {
        if (hostLab) return HostPcap.capturePoint(text);
        return capturePoint(text).key();
    }

    /** A connection lab's capture point; absent or empty: {@code client}. */
    public static Side capturePoint(String text) {
        if (text == null || text.isEmpty()) return Side.CLIENT;
        return Side.byKey(text).orElseThrow(() ->
                new IllegalArgumentException("at must be client or server, not \"" + text + "\""));
    }

    /** The pcap file of a lab of either kind as seen at {@code at} (a value {@link #capturePoint(boolean, String)} accepted). */
    public static byte[] capture(LabSnapshot snapshot, String at) {
        if (snapshot instanceof HostSnapshot h) return HostPcap.capture(h, at);
        return capture((Snapshot) snapshot, Side.byKey(at).orElseThrow());
    }

    /** The pcap file of the run as seen at {@code at}. */
    public static byte[] capture(Snapshot snapshot, Side at) {
        return file(packets(snapshot, at));
    }

    /** A classic pcap file holding {@code packets} in their order. */
    static byte[] file(List<? extends Captured> packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.BIG_ENDIAN);
        header.putInt(MAGIC).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(SNAPLEN).putInt(LINKTYPE_ETHERNET);
        out.writeBytes(header.array());
        for (Captured p : packets) {
            byte[] frame = p.frame();
            ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN);
            record.putInt((int) Math.floorDiv(p.at(), 1000)).putInt((int) Math.floorMod(p.at(), 1000) * 1000)
                    .putInt(frame.length).putInt(frame.length);
            out.writeBytes(record.array());
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    /** A frame read back from a pcap file: timestamp in microseconds and the frame's bytes. */
    public record Frame(long micros, byte[] bytes) {}

    /** Reads a classic pcap file of either byte order (microsecond timestamps). */
    public static List<Frame> read(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.BIG_ENDIAN);
        int magic = b.getInt();
        if (magic == Integer.reverseBytes(MAGIC)) b.order(ByteOrder.LITTLE_ENDIAN);
        else if (magic != MAGIC) throw new IllegalArgumentException("not a microsecond pcap file");
        b.position(20);
        if (b.getInt() != LINKTYPE_ETHERNET) throw new IllegalArgumentException("not an Ethernet capture");
        List<Frame> frames = new ArrayList<>();
        while (b.remaining() >= 16) {
            long seconds = Integer.toUnsignedLong(b.getInt());
            long micros = Integer.toUnsignedLong(b.getInt());
            int length = b.getInt();
            b.getInt();
            byte[] bytes = new byte[length];
            b.get(bytes);
            frames.add(new Frame(seconds * 1_000_000 + micros, bytes));
        }
        if (b.hasRemaining()) throw new IllegalArgumentException("truncated pcap record");
        return frames;
    }
}
