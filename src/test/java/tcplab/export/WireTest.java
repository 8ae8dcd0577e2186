package tcplab.export;

import org.junit.jupiter.api.Test;
import tcplab.sim.Fate;
import tcplab.sim.Flag;
import tcplab.sim.Origin;
import tcplab.sim.Segment;
import tcplab.sim.SegmentRecord;
import tcplab.sim.Side;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The bytes of one segment on the wire, and the inspector's description of them. */
class WireTest {

    static SegmentRecord record(int n, Side from, Segment segment) {
        return new SegmentRecord(n, from, 0, 50L, Fate.ARRIVED, segment, false, Origin.ENDPOINT, 50);
    }

    static final SegmentRecord SYN = record(1, Side.CLIENT, new Segment(100, 0, EnumSet.of(Flag.SYN), 64240, ""));
    static final SegmentRecord SYN_ACK = record(2, Side.SERVER, new Segment(300, 101, EnumSet.of(Flag.SYN, Flag.ACK), 64240, ""));
    static final SegmentRecord DATA = record(4, Side.CLIENT, new Segment(101, 301, EnumSet.of(Flag.ACK, Flag.PSH), 64240, "GET / ü"));

    @Test
    void internetChecksumOfRfc1071sExample() {
        // RFC 1071 §3: the words 0001 f203 f4f5 f6f7 sum to ddf2 (ones' complement), so the checksum is 220d
        byte[] words = {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7};
        assertEquals(0x220d, Wire.checksum(words, 0, words.length));
    }

    @Test
    void ipv4HeaderChecksumOfAWellKnownHeader() {
        // the example header of Wikipedia's "IPv4 header checksum" article: checksum b861
        int[] h = {0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00,
                   0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7};
        byte[] b = new byte[h.length];
        for (int i = 0; i < h.length; i++) b[i] = (byte) h[i];
        assertEquals(0xb861, Wire.checksum(b, 0, b.length));
    }

    @Test
    void theSynOnTheWire() {
        byte[] f = Wire.frame(SYN);
        assertEquals(14 + 20 + 20, f.length);
        assertEquals("02:00:00:00:00:14", Wire.ethernetFields(SYN).get(0).value(), "to the server's MAC");
        assertEquals(0x0800, Wire.get16(f, 12));
        byte[] ip = Arrays.copyOfRange(f, 14, f.length);
        assertEquals(0x45, ip[0]);
        assertEquals(40, Wire.get16(ip, 2), "total length");
        assertEquals(1, Wire.get16(ip, 4), "identification = segment number");
        assertEquals(0x4000, Wire.get16(ip, 6), "DF");
        assertEquals(64, ip[8]);
        assertEquals(6, ip[9]);
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 10}, Arrays.copyOfRange(ip, 12, 16));
        assertArrayEquals(new byte[] {(byte) 198, 51, 100, 20}, Arrays.copyOfRange(ip, 16, 20));
        assertEquals(0, Wire.checksum(ip, 0, 20), "a correct header sums to zero");
        // computed apart (Python) for 4500 0028 0001 4000 4006 0000 c000 020a c633 6414
        assertEquals(0x4e7d, Wire.get16(ip, 10));

        byte[] tcp = Arrays.copyOfRange(ip, 20, ip.length);
        assertEquals(49152, Wire.get16(tcp, 0));
        assertEquals(80, Wire.get16(tcp, 2));
        assertEquals(100, Wire.get32(tcp, 4));
        assertEquals(0, Wire.get32(tcp, 8), "no ACK flag, no acknowledgment number");
        assertEquals(0x50, tcp[12] & 0xFF, "data offset 5, no options");
        assertEquals(0x02, tcp[13], "SYN");
        assertEquals(64240, Wire.get16(tcp, 14));
        assertEquals(0, Wire.checksum(Wire.pseudoHeaderAnd(Side.CLIENT, Side.SERVER, tcp)), "TCP checksum over the pseudo-header");
    }

    @Test
    void payloadIsUtf8AndCoveredByTheChecksum() {
        byte[] ip = Wire.ipv4Packet(DATA);
        byte[] payload = "GET / ü".getBytes(StandardCharsets.UTF_8);
        assertEquals(40 + payload.length, ip.length);
        assertArrayEquals(payload, Arrays.copyOfRange(ip, 40, ip.length));
        byte[] tcp = Arrays.copyOfRange(ip, 20, ip.length);
        assertEquals(0x18, tcp[13], "PSH, ACK");
        assertEquals(0, Wire.checksum(Wire.pseudoHeaderAnd(Side.CLIENT, Side.SERVER, tcp)), "odd length padded with zero");
        tcp[tcp.length - 1] ^= 1;
        assertNotEquals(0, Wire.checksum(Wire.pseudoHeaderAnd(Side.CLIENT, Side.SERVER, tcp)), "a flipped bit shows");
    }

    @Test
    void tcpFieldsDescribeTheHeaderBitForBit() {
        List<HeaderField> fields = Wire.tcpFields(SYN_ACK);
        assertEquals(160, fields.stream().mapToInt(HeaderField::bits).sum(), "20 bytes, no options");
        assertEquals(new HeaderField("Source port", 16, "80"), fields.get(0));
        assertEquals(new HeaderField("Destination port", 16, "49152"), fields.get(1));
        assertEquals(new HeaderField("Sequence number", 32, "300"), fields.get(2));
        assertEquals(new HeaderField("Acknowledgment number", 32, "101"), fields.get(3));
        assertEquals(new HeaderField("Data offset", 4, "5 (20 bytes)"), fields.get(4));
        assertEquals(List.of("CWR", "ECE", "URG", "ACK", "PSH", "RST", "SYN", "FIN"),
                fields.subList(6, 14).stream().map(HeaderField::name).toList());
        assertEquals(List.of("0", "0", "0", "1", "0", "0", "1", "0"),
                fields.subList(6, 14).stream().map(HeaderField::value).toList());
        HeaderField checksum = fields.get(15);
        assertEquals("Checksum", checksum.name());
        byte[] tcp = Wire.tcpSegment(SYN_ACK);
        assertEquals(String.format("0x%04x (correct)", Wire.get16(tcp, 16)), checksum.value());
        assertEquals(new HeaderField("Urgent pointer", 16, "0"), fields.get(16));
    }

    @Test
    void ipv4FieldsDescribeTheHeaderBitForBit() {
        List<HeaderField> fields = Wire.ipv4Fields(SYN);
        assertEquals(160, fields.stream().mapToInt(HeaderField::bits).sum());
        assertTrue(fields.contains(new HeaderField("TTL", 8, "64")));
        assertTrue(fields.contains(new HeaderField("Protocol", 8, "6 (TCP)")));
        assertTrue(fields.contains(new HeaderField("DF", 1, "1")));
        assertTrue(fields.contains(new HeaderField("Header checksum", 16, "0x4e7d (correct)")));
        assertTrue(fields.contains(new HeaderField("Source address", 32, "192.0.2.10")));
        assertTrue(fields.contains(new HeaderField("Destination address", 32, "198.51.100.20")));
        assertTrue(fields.contains(new HeaderField("Total length", 16, "40 bytes")));
    }
}
