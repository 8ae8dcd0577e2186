package tcplab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tcplab.ladder.LadderSvg;
import tcplab.ladder.Words;
import tcplab.export.Pcap;
import tcplab.sim.Profile;
import tcplab.sim.Scenario;
import tcplab.sim.Side;
import tcplab.sim.Simulation;
import tcplab.sim.Snapshot;
import tcplab.export.TraceJson;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The command line in-process: exit status, standard output and standard error. */
class CliTest {

    record Result(int status, byte[] out, String err) {
        String text() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    static Result cli(boolean terminal, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = Cli.run(args, out, new PrintStream(err, true, StandardCharsets.UTF_8), terminal);
        return new Result(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    static Result cli(String... args) {
        return cli(false, args);
    }

    static Snapshot handshake() throws Exception {
        return Simulation.replay(Scenario.HANDSHAKE, null, Profile.LINUX, List.of("connect", "next", "next", "next"));
    }

    @Test
    void helpExplainsTheCommand() {
        Result r = cli("--help");
        assertEquals(0, r.status());
        assertTrue(r.text().startsWith("Usage: java -jar tcplab.jar run <scenario> [options]"));
        assertTrue(r.text().contains("send:client:GET%20%2F"));
        assertTrue(r.text().contains("three-segment-close"));
        assertEquals("", r.err());
    }

    @Test
    void textIsTheTraceInRfcNotation() {
        Result r = cli("run", "handshake", "--actions", "connect,next,next,next");
        assertEquals(0, r.status(), r.err());
        String text = r.text();
        assertTrue(text.startsWith("# TCP Lab: handshake, profile linux\n# actions: connect next next next\n"), text);
        assertTrue(text.contains("0 ms  client sends 1 <SEQ=100><CTL=SYN>\n"), text);
        assertTrue(text.contains("50 ms  server sends 2 <SEQ=300><ACK=101><CTL=SYN,ACK>\n"), text);
        assertTrue(text.contains("100 ms  client: SYN-SENT → ESTABLISHED"), text);
        assertTrue(text.endsWith("# at 150 ms: client ESTABLISHED, server ESTABLISHED; nothing is pending\n"), text);
    }

    @Test
    void jsonSvgAndPcapAreTheExports(@TempDir Path dir) throws Exception {
        Snapshot s = handshake();
        Result json = cli("run", "handshake", "--actions=connect,next,next,next", "--format", "json");
        assertEquals(0, json.status());
        assertEquals(TraceJson.of(s) + "\n", json.text());

        Result svg = cli("run", "handshake", "--actions", "connect,next,next,next", "--format", "svg");
        assertEquals(LadderSvg.standalone(s, Words.english()), svg.text());

        Path file = dir.resolve("server.pcap");
        Result pcap = cli("run", "handshake", "--actions", "connect,next,next,next", "--format", "pcap", "--at", "server",
                "--out", file.toString());
        assertEquals(0, pcap.status(), pcap.err());
        assertEquals(0, pcap.out().length);
        assertArrayEquals(Pcap.capture(s, Side.SERVER), Files.readAllBytes(file));

        Result piped = cli("run", "handshake", "--actions", "connect,next,next,next", "--format", "pcap");
        assertArrayEquals(Pcap.capture(s, Side.CLIENT), piped.out(), "to a pipe, at the client by default");
    }

    @Test
    void seedAndProfileReachTheSimulator() throws Exception {
        Result r = cli("run", "handshake", "--actions", "connect", "--seed", "7", "--profile", "rfc", "--format", "json");
        assertEquals(TraceJson.of(Simulation.replay(Scenario.HANDSHAKE, 7L, Profile.RFC, List.of("connect"))) + "\n", r.text());
    }

    @Test
    void badInputExitsWithStatus2AndSaysWhy() {
        assertUsage(cli("run"), "tcplab: run needs a scenario: free, handshake");
        assertUsage(cli("run", "nope"), "tcplab: no such scenario \"nope\"; the scenarios are free, handshake");
        assertUsage(cli("frobnicate"), "tcplab: unknown command \"frobnicate\"");
        assertUsage(cli("run", "handshake", "--actions", "connect,next,bogus"),
                "tcplab: bad --actions: action 3 \"bogus\" is not an action");
        assertUsage(cli("run", "handshake", "--format", "pdf"), "tcplab: --format must be text, json, pcap or svg, not \"pdf\"");
        assertUsage(cli("run", "handshake", "--seed", "x"), "tcplab: --seed must be a whole number, not \"x\"");
        assertUsage(cli("run", "handshake", "--profile", "bsd"), "tcplab: --profile must be linux or rfc, not \"bsd\"");
        assertUsage(cli("run", "handshake", "--format", "pcap", "--at", "router"), "tcplab: --at must be client or server, not \"router\"");
        assertUsage(cli("run", "handshake", "--at", "server"), "tcplab: --at goes with --format pcap");
        assertUsage(cli("run", "handshake", "--colour", "red"), "tcplab: unknown option --colour");
        assertUsage(cli("run", "handshake", "--actions"), "tcplab: --actions needs a value");
        assertUsage(cli("run", "handshake", "extra"), "tcplab: unexpected argument \"extra\"");
        assertUsage(cli("run", "handshake", "--seed", "1", "--seed", "2"), "tcplab: --seed is given twice");
        assertUsage(cli(true, "run", "handshake", "--format", "pcap"), "tcplab: a capture is binary");
        Result none = cli();
        assertEquals(2, none.status());
        assertTrue(none.err().contains("Usage:"));
    }

    @Test
    void hostLabsTakeTheirSettingsAndEveryExport(@TempDir Path dir) throws Exception {
        String actions = "connect:client,next,next,connect:c2,next,next,next";
        Result text = cli("run", "host", "--actions", actions, "--backlog", "1", "--sysctl", "tcp_abort_on_overflow=1");
        assertEquals(0, text.status(), text.err());
        String out = new String(text.out(), StandardCharsets.UTF_8);
        assertTrue(out.startsWith("# TCP Lab: host, profile linux, backlog=1, sysctl.tcp_abort_on_overflow=1\n"), out);
        assertTrue(out.contains("# listener: SYN queue "), out);
        var spec = tcplab.sim.LabSpec.parseHost(actions, null, null, java.util.Map.of("backlog", "1", "sysctl.tcp_abort_on_overflow", "1"));
        Result json = cli("run", "host", "--actions", actions, "--backlog=1", "--sysctl=tcp_abort_on_overflow=1", "--format", "json");
        assertEquals(tcplab.export.HostTraceJson.of(spec.replayHost()) + "\n", new String(json.out(), StandardCharsets.UTF_8));
        Path pcap = dir.resolve("c2.pcap");
        assertEquals(0, cli("run", "host", "--actions", actions, "--format", "pcap", "--at", "c2", "--out", pcap.toString()).status());
        assertEquals(tcplab.export.HostPcap.packets(spec.withActions(spec.actions()).replayHost(), "c2").size(),
                Pcap.read(Files.readAllBytes(pcap)).size());
        Result svg = cli("run", "host", "--actions", "flood:10000,next", "--format", "svg");
        assertTrue(new String(svg.out(), StandardCharsets.UTF_8).contains("10,000"));

        assertUsage(cli("run", "host", "--sysctl", "tcp_tw_recycle=1"), "tcplab: \"sysctl.tcp_tw_recycle\" is not a sysctl");
        assertUsage(cli("run", "host", "--sysctl", "somaxconn=-1"), "tcplab: \"sysctl.somaxconn\" must be between");
        assertUsage(cli("run", "host", "--sysctl", "tcp_syncookies"), "tcplab: --sysctl takes NAME=VALUE");
        assertUsage(cli("run", "host", "--actions", "flood:10001"), "tcplab: bad --actions: action 1 \"flood:10001\"");
        assertUsage(cli("run", "host", "--format", "pcap", "--at", "mars"), "tcplab: --at must be one of");
        assertUsage(cli("run", "handshake", "--backlog", "3"), "tcplab: --backlog is for host labs");
        assertUsage(cli("run", "handshake", "--sysctl", "somaxconn=3"), "tcplab: --sysctl is for host labs");
    }

    @Test
    void anUnwritableOutputFileIsStatus1(@TempDir Path dir) {
        Result r = cli("run", "handshake", "--out", dir.resolve("missing/dir/x.txt").toString());
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("tcplab: cannot write "), r.err());
    }

    static void assertUsage(Result r, String start) {
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().startsWith(start), r.err());
        assertTrue(r.err().endsWith("Try: java -jar tcplab.jar --help" + System.lineSeparator()), r.err());
        assertEquals(0, r.out().length);
    }
}
