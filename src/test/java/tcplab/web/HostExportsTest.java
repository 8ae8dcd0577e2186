package tcplab.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tcplab.export.HostPcap;
import tcplab.export.HostTraceJson;
import tcplab.export.Pcap;
import tcplab.sim.HostSnapshot;
import tcplab.sim.LabSpec;
import tcplab.support.TestSite;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Host labs through the export URLs (CONTRACT.md "Host labs"): the trace JSON with the host
 * fields, a capture at any host with the TCP options Linux puts on a SYN (read back by tshark),
 * the ladder with a flood summarised, and a 400 naming the key or word of a bad spec.
 */
class HostExportsTest {

    static TestSite site;

    @BeforeAll static void start() {
        site = new TestSite();
    }

    @AfterAll static void stop() {
        site.close();
    }

    static String q(String actions) {
        return "?actions=" + URLEncoder.encode(actions, StandardCharsets.UTF_8);
    }

    @Test
    void traceJsonCarriesTheSpecsSettingsAndTheHostFields() throws Exception {
        String actions = "connect:client,next,next,next,accept";
        var r = site.get("/lab/host/trace.json" + q(actions) + "&backlog=2&sysctl.tcp_syncookies=0");
        assertEquals(200, r.statusCode(), r.body());
        HostSnapshot s = LabSpec.parseHost(actions, null, null, Map.of("backlog", "2", "sysctl.tcp_syncookies", "0")).replayHost();
        assertEquals(HostTraceJson.of(s), r.body());
        for (String field : List.of("\"src\":\"192.0.2.10:", "\"dst\":\"198.51.100.20:80\"", "\"options\":", "\"connection\":\"client/1\"",
                "\"listener\":", "\"acceptQueueMax\":2", "\"TcpExtListenOverflows\":0", "\"errors\":[")) {
            assertTrue(r.body().contains(field), field + " in " + r.body());
        }
    }

    @Test
    void badSpecsAreA400NamingTheKeyOrTheWord() throws Exception {
        var unknown = site.get("/lab/host/trace.json" + q("next") + "&sysctl.tcp_tw_recycle=1");
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("\"key\":\"sysctl.tcp_tw_recycle\""), unknown.body());

        var range = site.get("/lab/host/capture.pcap" + q("connect:client") + "&sysctl.tcp_syncookies=3");
        assertEquals(400, range.statusCode());
        assertTrue(range.body().contains("sysctl.tcp_syncookies"), range.body());

        var backlog = site.get("/lab/host/ladder.svg" + q("connect:client") + "&backlog=-1");
        assertEquals(400, backlog.statusCode());
        assertTrue(backlog.body().contains("backlog"), backlog.body());

        var flood = site.get("/lab/host/trace.json" + q("connect:client,flood:10001"));
        assertEquals(400, flood.statusCode());
        assertTrue(flood.body().contains("\"position\":2") && flood.body().contains("flood:10001"), flood.body());

        var at = site.get("/lab/host/capture.pcap" + q("connect:client") + "&at=mars");
        assertEquals(400, at.statusCode());
        assertTrue(at.body().contains("mars"), at.body());
    }

    @Test
    void aFloodIsOneRowOfTheLadderNotTenThousandArrows() throws Exception {
        var r = site.get("/lab/host/ladder.svg" + q("flood:10000,next,connect:client,next") + "&lang=en");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().startsWith("<?xml"));
        assertTrue(r.body().contains("10,000"), "the burst is counted: " + r.body());
        int arrows = r.body().split("<g class=\"seg").length - 1;
        assertTrue(arrows < 20, arrows + " rows drawn");
        var zh = site.get("/lab/host/ladder.svg" + q("flood:10000,next") + "&lang=zh");
        assertTrue(zh.body().contains("攻击者"), "the attacker's lane in Chinese");
    }

    @Test
    void tsharkReadsTheOptionsLinuxPutsOnASynAtEveryHost() throws Exception {
        String actions = "connect:client,next,next,next,connect:c2,next,next,flood:3,next,next";
        HostSnapshot s = LabSpec.parseHost(actions, null, null, Map.of()).replayHost();
        Path dir = Files.createTempDirectory("tcplab-host-tshark");
        for (String at : List.of("server", "client", "c2", "attacker")) {
            var r = site.getBytes("/lab/host/capture.pcap" + q(actions) + "&at=" + at);
            assertEquals(200, r.statusCode());
            assertEquals(HostPcap.packets(s, at).size(), Pcap.read(r.body()).size(), "frames at " + at);
            Path file = dir.resolve(at + ".pcap");
            Files.write(file, r.body());
            List<String> rows = tshark(file, "ip.src", "ip.dst", "tcp.flags.syn", "tcp.flags.ack", "tcp.options.mss_val",
                    "tcp.options.sack_perm", "tcp.options.timestamp.tsval", "tcp.options.wscale.shift", "tcp.checksum.status",
                    "_ws.malformed");
            assertFalse(rows.isEmpty(), at);
            for (String row : rows) {
                String[] f = row.split("\t", -1);
                assertEquals("1", f[8], at + ": the TCP checksum is good (1): " + row);
                assertEquals("", f[9], at + ": nothing malformed: " + row);
                boolean syn = f[2].equals("1") || f[2].equals("True");
                if (syn && !f[0].startsWith("203.0.113.") && !f[1].startsWith("203.0.113.")) {
                    assertEquals("1460", f[4], at + ": MSS on a SYN: " + row);
                    assertFalse(f[5].isEmpty(), at + ": SACK permitted on a SYN: " + row);
                    assertFalse(f[6].isEmpty(), at + ": a timestamp on a SYN: " + row);
                    assertEquals("7", f[7], at + ": window scale 7 on a SYN: " + row);
                }
            }
        }
    }

    static List<String> tshark(Path file, String... fields) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/tshark", "-r", file.toString(), "-T", "fields", "-o", "tcp.check_checksum:TRUE"));
        for (String f : fields) {
            command.add("-e");
            command.add(f);
        }
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "tshark on " + file);
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
