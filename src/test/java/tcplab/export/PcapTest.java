package tcplab.export;

import org.junit.jupiter.api.Test;
import tcplab.sim.BadActionException;
import tcplab.sim.Profile;
import tcplab.sim.Scenario;
import tcplab.sim.SegmentRecord;
import tcplab.sim.Side;
import tcplab.sim.Simulation;
import tcplab.sim.Snapshot;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Which frames each capture point holds, and that a capture reads back frame for frame. */
class PcapTest {

    static Snapshot run(Scenario scenario, String... words) throws BadActionException {
        return Simulation.replay(scenario, null, Profile.LINUX, List.of(words));
    }

    static List<Integer> numbers(Snapshot s, Side at) {
        return Pcap.packets(s, at).stream().map(p -> p.record().n()).toList();
    }

    @Test
    void aLostSynAppearsAtItsSenderOnly() throws Exception {
        Snapshot s = run(Scenario.HANDSHAKE, "connect", "drop", "next", "next", "next", "next");
        assertEquals(List.of(1, 2, 3, 4), numbers(s, Side.CLIENT), "SYN, resent SYN, SYN-ACK in, ACK");
        assertEquals(List.of(2, 3, 4), numbers(s, Side.SERVER));
    }

    @Test
    void inFlightSegmentsAppearAtTheirSenderOnly() throws Exception {
        Snapshot s = run(Scenario.HANDSHAKE, "connect");
        assertEquals(List.of(1), numbers(s, Side.CLIENT));
        assertEquals(List.of(), numbers(s, Side.SERVER));
    }

    @Test
    void aSegmentTheNetworkInjectedAppearsAtTheReceiverOnly() throws Exception {
        Snapshot s = run(Scenario.OLD_DUPLICATE_SYN, "next", "next", "next", "next", "next", "next");
        SegmentRecord old = s.segments().stream().filter(r -> r.origin() == tcplab.sim.Origin.INJECTED).findFirst().orElseThrow();
        assertFalse(numbers(s, Side.CLIENT).contains(old.n()));
        assertTrue(numbers(s, Side.SERVER).contains(old.n()));
    }

    @Test
    void captureReadsBackFrameForFrameWithVirtualTimestamps() throws Exception {
        Snapshot s = run(Scenario.TEARDOWN, "close:client", "next", "next", "close:server", "next", "next", "next");
        for (Side at : Side.values()) {
            byte[] file = Pcap.capture(s, at);
            assertEquals(0xa1b2c3d4L, Wire.get32(file, 0));
            assertEquals(1, Wire.get32(file, 20), "link type Ethernet");
            List<Pcap.Frame> frames = Pcap.read(file);
            List<Pcap.Packet> packets = Pcap.packets(s, at);
            assertEquals(packets.size(), frames.size());
            for (int i = 0; i < frames.size(); i++) {
                assertEquals(packets.get(i).at() * 1000, frames.get(i).micros());
                assertArrayEquals(Wire.frame(packets.get(i).record()), frames.get(i).bytes());
            }
        }
        assertEquals(60_300, s.time(), "TIME-WAIT ran out");
    }
}
