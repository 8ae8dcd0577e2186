package tcplab.export;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tcplab.sim.Flag;
import tcplab.sim.SegmentRecord;
import tcplab.sim.Side;
import tcplab.sim.Snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Wireshark's own reading of our captures: every scenario played out, and every single-segment
 * loss of the handshake and of the teardown, each at both capture points. tshark must decode
 * every frame as the segment we meant (addresses, ports, flags, raw and relative numbers,
 * length), find both checksums good, report nothing malformed and no warning or error beyond
 * the expected ones, and mark a retransmission exactly where the simulator resent a segment.
 *
 * <p>Needs Debian's tshark ({@code scripts/test.sh} installs it); fails, never skips, without it.
 */
class TsharkTest {

    static final String[] FIELDS = {"frame.number", "ip.src", "ip.dst", "tcp.srcport", "tcp.dstport", "tcp.flags",
            "tcp.seq", "tcp.ack", "tcp.seq_raw", "tcp.ack_raw", "tcp.len", "tcp.checksum.status", "ip.checksum.status",
            "tcp.analysis.retransmission", "tcp.analysis.spurious_retransmission", "tcp.analysis.fast_retransmission",
            "_ws.malformed", "_ws.expert.message", "_ws.expert.severity"};
    static final int WARNING = 0x00600000;
    /** Wireshark's warning on every RST: right, and expected wherever the simulator resets. */
    static final String RESET = "Connection reset (RST)";
    /**
     * Where a side opens a second connection on the same ports (old-duplicate-syn, half-open),
     * Wireshark tracks both as one conversation and sees the new ISN as a jump: its "port
     * reuse" reading, which the issue calls expected.
     */
    static final List<String> SECOND_CONNECTION = List.of("Previous segment(s) not captured", "ACKed segment that wasn't captured");

    static String tshark;
    static Path dir;

    @BeforeAll
    static void findTshark() throws IOException {
        String configured = System.getenv("TCPLAB_TSHARK");
        tshark = configured != null ? configured : "/usr/bin/tshark";
        if (!Files.isExecutable(Path.of(tshark))) {
            fail("tshark is needed to check the packet captures but " + tshark + " is missing. "
                    + "Install it with: sudo DEBIAN_FRONTEND=noninteractive apt-get install -y tshark "
                    + "(scripts/test.sh does this), or point TCPLAB_TSHARK at it.");
        }
        dir = Files.createTempDirectory("tcplab-tshark");
    }

    record Capture(ExportFixtures.Case c, Side at, Snapshot snapshot, List<Pcap.Packet> packets, Path file) {
        String name() {
            return c.name() + " at the " + at.key();
        }
    }

    record Row(Map<String, String> fields) {
        String get(String name) {
            return fields.getOrDefault(name, "");
        }

        boolean retransmission() {
            return !get("tcp.analysis.retransmission").isEmpty() || !get("tcp.analysis.spurious_retransmission").isEmpty()
                    || !get("tcp.analysis.fast_retransmission").isEmpty();
        }
    }

    @Test
    void wiresharkReadsEveryCaptureAsWeMeantIt() throws Exception {
        List<Capture> captures = new ArrayList<>();
        int i = 0;
        for (ExportFixtures.Case c : ExportFixtures.cases()) {
            Snapshot s = c.replay();
            for (Side at : Side.values()) {
                Path file = dir.resolve((i++) + "-" + at.key() + ".pcap");
                Files.write(file, Pcap.capture(s, at));
                captures.add(new Capture(c, at, s, Pcap.packets(s, at), file));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Row>>> decoded = new ArrayList<>();
            for (Capture capture : captures) decoded.add(pool.submit(() -> decode(capture.file())));
            List<String> problems = new ArrayList<>();
            Map<ExportFixtures.Case, Integer> flagged = new HashMap<>();
            for (int k = 0; k < captures.size(); k++) {
                Capture capture = captures.get(k);
                List<Row> rows = decoded.get(k).get(60, TimeUnit.SECONDS);
                check(capture, rows, problems);
                flagged.merge(capture.c(), (int) rows.stream().filter(Row::retransmission).count(), Integer::sum);
            }
            for (var entry : flagged.entrySet()) {
                if (entry.getKey().dropped() != null && entry.getValue() == 0) {
                    problems.add(entry.getKey().name() + ": Wireshark marks no retransmission at either end");
                }
            }
            assertEquals(List.of(), problems, "tshark's findings over " + captures.size() + " captures");
        } finally {
            pool.shutdownNow();
        }
    }

    static void check(Capture capture, List<Row> rows, List<String> problems) {
        String where = capture.name();
        if (rows.size() != capture.packets().size()) {
            problems.add(where + ": tshark read " + rows.size() + " frames, we wrote " + capture.packets().size());
            return;
        }
        Set<Side> restarted = restartedSides(capture.packets());
        Map<Side, Long> base = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            SegmentRecord r = capture.packets().get(i).record();
            var seg = r.segment();
            String frame = where + ", frame " + (i + 1) + " (segment " + r.n() + " " + seg + ")";
            // Wireshark learns a side's ISN from its SYN or, before that, from the SYN-ACK acknowledging it
            if (seg.has(Flag.SYN) && seg.has(Flag.ACK)) base.putIfAbsent(r.to(), seg.ack() - 1 & 0xFFFF_FFFFL);
            base.putIfAbsent(r.from(), seg.seq());
            int flags = 0;
            for (Flag f : seg.flags()) flags |= f.bit();
            expect(problems, frame, "ip.src", Wire.address(r.from()), row.get("ip.src"));
            expect(problems, frame, "ip.dst", Wire.address(r.to()), row.get("ip.dst"));
            expect(problems, frame, "tcp.srcport", String.valueOf(Wire.port(r.from())), row.get("tcp.srcport"));
            expect(problems, frame, "tcp.dstport", String.valueOf(Wire.port(r.to())), row.get("tcp.dstport"));
            expect(problems, frame, "tcp.flags", String.format("0x%04x", flags), row.get("tcp.flags"));
            expect(problems, frame, "tcp.seq_raw", String.valueOf(seg.seq()), row.get("tcp.seq_raw"));
            expect(problems, frame, "tcp.ack_raw", String.valueOf(seg.has(Flag.ACK) ? seg.ack() : 0), row.get("tcp.ack_raw"));
            expect(problems, frame, "tcp.len", String.valueOf(seg.payload().length), row.get("tcp.len"));
            expect(problems, frame, "tcp.checksum.status (1 = good)", "1", row.get("tcp.checksum.status"));
            expect(problems, frame, "ip.checksum.status (1 = good)", "1", row.get("ip.checksum.status"));
            if (!row.get("_ws.malformed").isEmpty()) problems.add(frame + ": malformed");
            // relative numbers: counted from the first segment seen each way (the SYN where there is one);
            // a capture where a side starts a second connection (port reuse) restarts them, so skip it
            if (restarted.isEmpty()) {
                expect(problems, frame, "tcp.seq (relative)", String.valueOf(seg.seq() - base.get(r.from()) & 0xFFFF_FFFFL), row.get("tcp.seq"));
                if (seg.has(Flag.ACK) && base.containsKey(r.to())) {
                    expect(problems, frame, "tcp.ack (relative)", String.valueOf(seg.ack() - base.get(r.to()) & 0xFFFF_FFFFL), row.get("tcp.ack"));
                }
            }
            String[] messages = row.get("_ws.expert.message").split("\\|", -1);
            String[] severities = row.get("_ws.expert.severity").split("\\|", -1);
            for (int m = 0; m < severities.length; m++) {
                if (severities[m].isEmpty()) continue;
                int severity = Integer.parseInt(severities[m]);
                String message = m < messages.length ? messages[m] : "?";
                boolean expected = message.equals(RESET) && seg.has(Flag.RST)
                        || !restarted.isEmpty() && SECOND_CONNECTION.stream().anyMatch(message::startsWith);
                if (severity >= WARNING && !expected) {
                    problems.add(frame + ": Wireshark warns \"" + message + "\"");
                }
            }
            boolean ownRetransmission = r.retransmission() && r.from() == capture.at();
            if (ownRetransmission && !row.retransmission()) {
                problems.add(frame + ": the simulator resent it but Wireshark does not mark a retransmission");
            }
            if (row.retransmission() && !r.retransmission() && !overtaken(capture.packets(), i)) {
                problems.add(frame + ": Wireshark marks a retransmission the simulator did not make");
            }
        }
    }

    /**
     * Whether frame {@code i} arrived after its own retransmission had: at the receiver the late
     * original repeats what the resent copy brought (Linux's Figure 8: the SYN resent at once
     * overtakes the slow first one), so Wireshark rightly calls it a retransmission.
     */
    static boolean overtaken(List<Pcap.Packet> packets, int i) {
        SegmentRecord late = packets.get(i).record();
        for (int k = 0; k < i; k++) {
            SegmentRecord earlier = packets.get(k).record();
            if (earlier.from() == late.from() && earlier.retransmission() && earlier.segment().equals(late.segment())
                    && earlier.n() > late.n()) return true;
        }
        return false;
    }

    /** Sides whose SYNs in this capture carry more than one sequence number (a new connection). */
    static Set<Side> restartedSides(List<Pcap.Packet> packets) {
        Map<Side, Set<Long>> syns = new HashMap<>();
        for (Pcap.Packet p : packets) {
            if (p.record().segment().has(Flag.SYN)) syns.computeIfAbsent(p.record().from(), k -> new HashSet<>()).add(p.record().segment().seq());
        }
        Set<Side> restarted = new HashSet<>();
        syns.forEach((side, seqs) -> { if (seqs.size() > 1) restarted.add(side); });
        return restarted;
    }

    static void expect(List<String> problems, String frame, String field, String expected, String actual) {
        if (!expected.equals(actual)) problems.add(frame + ": " + field + " is " + actual + ", expected " + expected);
    }

    static List<Row> decode(Path file) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(tshark, "-n", "-r", file.toString(),
                "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE", "-o", "tcp.relative_sequence_numbers:TRUE",
                "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=|"));
        for (String f : FIELDS) {
            command.add("-e");
            command.add(f);
        }
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("tshark failed on " + file + " (exit " + p.exitValue() + ")");
        }
        List<Row> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) continue;
            String[] values = line.split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < FIELDS.length && i < values.length; i++) row.put(FIELDS[i], values[i]);
            rows.add(new Row(row));
        }
        return rows;
    }
}
