package tcplab.lesson;

import org.junit.jupiter.api.Test;
import tcplab.sim.BadActionException;
import tcplab.sim.Fate;
import tcplab.sim.HostLab;
import tcplab.sim.HostSnapshot;
import tcplab.sim.HostSnapshot.ConnectionRow;
import tcplab.sim.HostSnapshot.HostSegment;
import tcplab.sim.LabSpec;
import tcplab.sim.State;
import tcplab.sim.host.Nstat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The host-lab lessons played in the simulator: every {@code scenario: host} lab block of
 * these lessons replays, both languages carry the same blocks, every prediction's right answer
 * is what HostLab does next, and every number the text quotes is read off a lab played the
 * way the lesson tells the learner to.
 * <p>
 * A prediction in a host lab speaks of the newest connection of the host {@code client} or
 * {@code server}, as a bare host name in an action word does: {@code client-state} and
 * {@code server-state} are their states after one {@code next} (CLOSED once gone);
 * {@code client-sends} and {@code server-sends} the next segment that host sends.
 */
class HostLessonsTest {

    static final List<String> SLUGS = List.of("syn-queue-and-accept-queue", "time-wait-at-scale", "crashes-and-keepalive");
    private static final Pattern BLOCK = Pattern.compile("(?s)```(lab|predict)\\n(.*?)\\n```");

    /** A block as written: its kind and its key: value lines (a predict block's question lines left out). */
    record Block(String kind, Map<String, String> keys, List<String> choices) {
        String right() {
            return choices.stream().filter(c -> c.startsWith("+ ")).map(c -> c.substring(2, c.indexOf(" | "))).findFirst().orElseThrow();
        }
    }

    /** The lesson as published in content/. */
    static String markdown(String lang, String slug) throws IOException {
        try (InputStream in = HostLessonsTest.class.getResourceAsStream("/content/" + lang + "/" + slug + ".md")) {
            if (in == null) throw new AssertionError("no " + lang + "/" + slug);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<Block> blocks(String lang, String slug) throws IOException {
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(markdown(lang, slug));
        while (m.find()) {
            Map<String, String> keys = new LinkedHashMap<>();
            List<String> choices = new ArrayList<>();
            for (String line : m.group(2).split("\n")) {
                if (line.startsWith("+ ") || line.startsWith("- ")) choices.add(line);
                else if (line.contains(":") && !line.startsWith("q:")) keys.put(line.substring(0, line.indexOf(':')).trim(), line.substring(line.indexOf(':') + 1).trim());
            }
            out.add(new Block(m.group(1), keys, choices));
        }
        return out;
    }

    /** The spec of a host lab block: its host keys and {@code actions} (or a prediction's {@code after}). */
    static LabSpec spec(Block lab, String actions) {
        Map<String, String> host = new LinkedHashMap<>();
        lab.keys().forEach((k, v) -> {
            if (k.equals("backlog") || k.equals("keepalive") || k.startsWith("sysctl.")) host.put(k, v);
        });
        return LabSpec.parseHost(actions == null ? "" : actions, lab.keys().get("seed"), lab.keys().get("profile"), host);
    }

    /** The n-th lab block (from 1) of a lesson, in English. */
    static Block lab(String slug, int n) throws IOException {
        return blocks("en", slug).stream().filter(b -> b.kind().equals("lab")).skip(n - 1).findFirst().orElseThrow();
    }

    static HostLab play(Block lab, String... more) throws BadActionException {
        HostLab h = spec(lab, lab.keys().get("actions")).startHost();
        for (String w : spec(lab, lab.keys().get("actions")).actions()) h.apply(w);
        for (String w : more) h.apply(w);
        return h;
    }

    @Test
    void bothLanguagesCarryTheSameHostLabsAndPredictions() throws IOException {
        for (String slug : SLUGS) {
            List<Block> en = blocks("en", slug), zh = blocks("zh", slug);
            assertEquals(en.size(), zh.size(), slug);
            for (int i = 0; i < en.size(); i++) {
                Map<String, String> a = new LinkedHashMap<>(en.get(i).keys()), b = new LinkedHashMap<>(zh.get(i).keys());
                a.remove("title");
                b.remove("title");
                assertEquals(a, b, slug + " block " + (i + 1));
                assertEquals(en.get(i).choices().size(), zh.get(i).choices().size(), slug + " block " + (i + 1));
                for (int c = 0; c < en.get(i).choices().size(); c++) {
                    assertEquals(en.get(i).choices().get(c).charAt(0), zh.get(i).choices().get(c).charAt(0), slug + " block " + (i + 1));
                }
            }
        }
    }

    @Test
    void everyHostLabReplaysAndEveryPredictionIsWhatTheSimulatorDoes() throws IOException, BadActionException {
        List<String> wrong = new ArrayList<>();
        int predictions = 0;
        for (String lang : List.of("en", "zh")) {
            for (String slug : SLUGS) {
                Block lab = null;
                for (Block b : blocks(lang, slug)) {
                    if (b.kind().equals("lab")) {
                        lab = b;
                        if (b.keys().get("scenario").equals(HostLab.SCENARIO)) spec(b, b.keys().get("actions")).replayHost();
                        continue;
                    }
                    predictions++;
                    String where = lang + "/" + slug + " after " + b.keys().get("after");
                    assertTrue(b.keys().get("after").startsWith(lab.keys().getOrDefault("actions", "")), where + ": starts with the lab's actions");
                    String actual = outcome(lab, b.keys().get("after"), b.keys().get("check"));
                    if (!b.right().equals(actual)) wrong.add(where + ": the lesson says " + b.right() + ", the simulator " + actual);
                    long matching = b.choices().stream().filter(c -> c.substring(2, c.indexOf(" | ")).equals(actual)).count();
                    if (matching != 1) wrong.add(where + ": " + matching + " choices match " + actual);
                }
            }
        }
        assertTrue(predictions >= 2 * 15, "predictions found: " + predictions);
        assertEquals(List.of(), wrong);
    }

    /**
     * A learner reaches every question by pressing the lab's own controls: each word a
     * prediction's {@code after} adds to its lab's {@code actions} is one HostLab offers at that
     * moment, as the host view's buttons send it (a connection's controls name it HOST/K; the
     * flood and wait forms take any number, a Send form any text). A word no control sends
     * (send:server:hi where the Send form sends send:server/1:…) leaves the question unasked.
     */
    @Test
    void everyQuestionIsReachedWithTheLabsOwnControls() throws IOException, BadActionException {
        List<String> unreachable = new ArrayList<>();
        for (String lang : List.of("en", "zh")) {
            for (String slug : SLUGS) {
                Block lab = null;
                for (Block b : blocks(lang, slug)) {
                    if (b.kind().equals("lab")) {
                        lab = b;
                        continue;
                    }
                    List<String> after = spec(lab, b.keys().get("after")).actions();
                    int given = spec(lab, lab.keys().get("actions")).actions().size();
                    HostLab h = play(lab);
                    for (String word : after.subList(given, after.size())) {
                        if (!offeredAsAControl(h.offered(), word)) {
                            unreachable.add(lang + "/" + slug + " after " + b.keys().get("after") + ": no control sends " + word + " (offered " + h.offered() + ")");
                            break;
                        }
                        h.apply(word);
                    }
                }
            }
        }
        assertEquals(List.of(), unreachable);
    }

    private static boolean offeredAsAControl(List<String> offered, String word) {
        if (word.startsWith("flood:") || word.startsWith("wait:")) {
            String kind = word.substring(0, word.indexOf(':') + 1);
            return offered.stream().anyMatch(o -> o.startsWith(kind));
        }
        if (word.startsWith("send:")) {
            String target = word.substring(0, word.indexOf(':', 5) + 1);
            return offered.stream().anyMatch(o -> o.startsWith(target));
        }
        return offered.contains(word);
    }

    /** What a host-lab prediction's {@code check} names after one {@code next} (see the class comment). */
    static String outcome(Block lab, String after, String check) throws BadActionException {
        HostLab h = spec(lab, after).startHost();
        for (String w : spec(lab, after).actions()) h.apply(w);
        assertTrue(h.hasPending(), "a prediction needs a step to play after " + after);
        int sentBefore = h.snapshot().segments().size();
        h.apply("next");
        HostSnapshot s = h.snapshot();
        return switch (check) {
            case "client-state" -> state(s, newest(s, "client")).label();
            case "server-state" -> state(s, newest(s, HostLab.SERVER)).label();
            case "client-sends", "server-sends" -> {
                String host = check.startsWith("client") ? "client" : HostLab.SERVER;
                int steps = 0;
                while (firstFrom(s, sentBefore, host) == null && h.hasPending() && steps++ < 20) {
                    h.apply("next");
                    s = h.snapshot();
                }
                HostSegment seg = firstFrom(s, sentBefore, host);
                yield seg == null ? "nothing" : seg.segment().toString();
            }
            default -> throw new AssertionError("unknown check " + check);
        };
    }

    private static HostSegment firstFrom(HostSnapshot s, int from, String host) {
        return s.segments().stream().skip(from).filter(g -> g.from().equals(host)).findFirst().orElse(null);
    }

    /** A host's newest connection's id (as a bare host name in an action word means it), closed ones included. */
    static String newest(HostSnapshot s, String host) {
        String newest = null;
        int k = 0;
        List<String> ids = new ArrayList<>();
        s.connections().forEach(c -> ids.add(c.id()));
        s.events().forEach(e -> {
            if (e.connection() != null) ids.add(e.connection());
        });
        for (String id : ids) {
            int slash = id.indexOf('/');
            if (id.substring(0, slash).equals(host) && Integer.parseInt(id.substring(slash + 1)) > k) {
                k = Integer.parseInt(id.substring(slash + 1));
                newest = id;
            }
        }
        return newest;
    }

    static State state(HostSnapshot s, String id) {
        return id == null ? State.CLOSED : s.connection(id).map(ConnectionRow::state).orElse(State.CLOSED);
    }

    static List<Long> sentAt(HostSnapshot s, Predicate<HostSegment> p) {
        return s.segments().stream().filter(p).map(HostSegment::sentAt).toList();
    }

    static Predicate<HostSegment> ctl(String ctl) {
        return g -> g.segment().ctl().equals(ctl);
    }

    static Predicate<HostSegment> from(String host) {
        return g -> g.from().equals(host);
    }

    static boolean told(HostSnapshot s, String connection, String call, String errno) {
        return s.errors().stream().anyMatch(e -> e.connection().equals(connection) && e.call().equals(call) && e.errno().equals(errno));
    }

    // ------------------------------------------------------------ syn-queue-and-accept-queue

    private static final String QUEUES = "syn-queue-and-accept-queue";

    /** Lab 1: the dropped ACK and data (ListenOverflows), the SYN-ACK resent at 1.2 s, ss -lnt's Recv-Q 2 and Send-Q 1. */
    @Test
    void aFullAcceptQueueDropsTheThirdAckAndTheData() throws IOException, BadActionException {
        HostLab h = play(lab(QUEUES, 1), "next");
        HostSnapshot s = h.snapshot();
        assertEquals(2, s.listener().acceptQueue());
        assertEquals(1, s.listener().acceptQueueMax());
        assertEquals(1, s.counter("server", Nstat.LISTEN_OVERFLOWS));
        assertEquals(1, s.counter("server", Nstat.LISTEN_DROPS));
        assertEquals(State.ESTABLISHED, state(s, "client/1"));
        h.apply("send:client:GET%20%2F");
        h.apply("next");
        assertEquals(2, h.snapshot().counter("server", Nstat.LISTEN_OVERFLOWS), "the data is dropped too");
        h.apply("wait:1000");
        s = h.snapshot();
        List<Long> synAcks = sentAt(s, ctl("SYN,ACK").and(g -> "server/3".equals(g.connection()) && g.retransmission()));
        assertEquals(List.of(1200L), synAcks, "the request socket resends its SYN-ACK 1 s after its first");
        // The application makes room: the next retransmission of the data completes the handshake.
        h.apply("accept");
        h.apply("wait:3000");
        assertEquals(State.ESTABLISHED, state(h.snapshot(), "server/3"));
    }

    /** Lab 1: if the application never makes room, the request socket gives up at 63.2 s and the client learns it when it next sends. */
    @Test
    void aRequestThatNeverFindsRoomEndsAtTheClientsNextSend() throws IOException, BadActionException {
        HostLab h = play(lab(QUEUES, 1), "next", "wait:70000");
        assertEquals(0, h.snapshot().listener().synQueue());
        assertEquals(State.ESTABLISHED, state(h.snapshot(), "client/1"), "the client still believes it is connected");
        h.apply("send:client:hi");
        h.apply("wait:200");
        assertEquals(State.CLOSED, state(h.snapshot(), "client/1"));
        assertTrue(told(h.snapshot(), "client/1", "read", "ECONNRESET"), h.snapshot().errors().toString());
    }

    /** Lab 2: tcp_abort_on_overflow=1 resets: EmbryonicRsts, and the client's read() gets ECONNRESET. */
    @Test
    void abortOnOverflowResets() throws IOException, BadActionException {
        HostLab h = play(lab(QUEUES, 2), "next", "next");
        HostSnapshot s = h.snapshot();
        assertEquals(1, s.counter("server", Nstat.EMBRYONIC_RSTS));
        assertEquals(State.CLOSED, state(s, "client/1"));
        assertTrue(told(s, "client/1", "read", "ECONNRESET"), s.errors().toString());
    }

    /** Lab 3: 4,097 request sockets, 5,903 cookies, the client's cookie; somaxconn 4096 as the limit. */
    @Test
    void aFloodOfTenThousandAndTheCookieThatLetsTheClientIn() throws IOException, BadActionException {
        // next: the flood's SYN-ACKs reach the spoofed addresses; then the client's handshake
        HostSnapshot s = play(lab(QUEUES, 3), "connect:client", "next", "next", "next", "next").snapshot();
        assertEquals(4096, s.listener().synQueueMax());
        assertEquals(4096, s.listener().acceptQueueMax());
        assertEquals(4097, s.listener().synQueue());
        assertEquals(5903 + 1, s.counter("server", Nstat.SYNCOOKIES_SENT));
        assertEquals(1, s.counter("server", Nstat.SYNCOOKIES_RECV));
        assertEquals(1, s.listener().acceptQueue());
        // a cookie SYN-ACK is never resent
        HostSnapshot later = play(lab(QUEUES, 3), "connect:client", "next", "next", "drop", "wait:3000").snapshot();
        List<HostSegment> answers = later.segments().stream().filter(ctl("SYN,ACK").and(g -> g.dst().toString().startsWith("192.0.2.10"))).toList();
        assertEquals(List.of(100L, 1100L), answers.stream().map(HostSegment::sentAt).toList(), "each answers a SYN of the client's");
        assertTrue(answers.stream().noneMatch(HostSegment::retransmission));
    }

    /** Lab 4: without cookies the client's SYN is dropped silently at 1, 2, 3, 4, 5 s and gets in at 7.1 s. */
    @Test
    void aFloodWithoutCookiesLocksTheClientOutUntilRequestSocketsArePruned() throws IOException, BadActionException {
        HostLab h = play(lab(QUEUES, 4), "wait:8000");
        HostSnapshot s = h.snapshot();
        assertEquals(List.of(50L, 1050L, 2050L, 3050L, 4050L, 5050L, 7050L), sentAt(s, ctl("SYN").and(from("client"))));
        assertEquals(6 + 871, s.counter("server", Nstat.TCP_REQ_Q_FULL_DROP));
        assertEquals(0, s.segments().stream().filter(ctl("RST").or(ctl("RST,ACK"))).count(), "no RST");
        assertEquals(List.of(7100L), sentAt(s, ctl("SYN,ACK").and(g -> g.dst().toString().startsWith("192.0.2.10"))));
        assertEquals(State.ESTABLISHED, state(s, "client/1"));
        assertEquals(64, s.listener().synQueue(), "64 of the flood's 129 request sockets are left");
    }

    /** Lab 5: one request socket resends its SYN-ACK after 1, 3, 7, 15, 31 s and is dropped 63 s after its first. */
    @Test
    void oneRequestSocketLives63Seconds() throws IOException, BadActionException {
        HostLab h = play(lab(QUEUES, 5), "next", "wait:63000");
        HostSnapshot s = h.snapshot();
        assertEquals(List.of(50L, 1050L, 3050L, 7050L, 15050L, 31050L), sentAt(s, ctl("SYN,ACK")));
        assertEquals(0, s.listener().synQueue());
        assertEquals(63_050L, s.time());
        HostSnapshot before = play(lab(QUEUES, 5), "next", "wait:62999").snapshot();
        assertEquals(1, before.listener().synQueue(), "still there just before 63.05 s");
    }

    // ------------------------------------------------------------ time-wait-at-scale

    private static final String TW = "time-wait-at-scale";

    /** Lab 1: three TIME-WAITs hold the three ports; connect() fails with EADDRNOTAVAIL until they end 60 s later. */
    @Test
    void threePortsInTimeWaitMakeConnectFail() throws IOException, BadActionException {
        HostLab h = play(lab(TW, 1));
        HostSnapshot s = h.snapshot();
        assertEquals(3, s.connections().stream().filter(c -> c.host().equals("client") && c.state() == State.TIME_WAIT).count());
        h.apply("connect:client");
        assertTrue(told(h.snapshot(), "client", "connect", "EADDRNOTAVAIL"), h.snapshot().errors().toString());
        h.apply("wait:60000");
        assertEquals(3, h.snapshot().counter("client", Nstat.TW));
        h.apply("connect:client");
        assertEquals(State.SYN_SENT, state(h.snapshot(), newest(h.snapshot(), "client")));
        assertEquals("32768-60999", tcplab.sim.host.Sysctl.IP_LOCAL_PORT_RANGE.defaultText());
        assertEquals(28_232, 60999 - 32768 + 1);
    }

    /** Lab 2: reuse only 1 s after TIME-WAIT began, with ISN = old SND.NXT + 65537; without timestamps never. */
    @Test
    void twReuseNeedsOneSecondAndTimestamps() throws IOException, BadActionException {
        Block reuse = lab(TW, 2);
        List<String> words = spec(reuse, reuse.keys().get("actions")).actions();
        List<String> closeOnly = words.subList(0, words.indexOf("wait:1000"));
        HostLab early = spec(reuse, String.join(",", closeOnly)).startHost();
        for (String w : closeOnly) early.apply(w);
        long twSndNxt = early.snapshot().connection("client/1").orElseThrow().sndNxt();
        early.apply("connect:client");
        assertTrue(told(early.snapshot(), "client", "connect", "EADDRNOTAVAIL"), "not before 1 s");
        HostSnapshot s = play(reuse).snapshot();
        assertEquals(State.SYN_SENT, state(s, "client/2"));
        assertEquals((twSndNxt + 65537) & 0xFFFF_FFFFL, s.connection("client/2").orElseThrow().iss());
        Map<String, String> noTs = new LinkedHashMap<>(Map.of("sysctl.ip_local_port_range", "50000-50000", "sysctl.tcp_tw_reuse", "1", "sysctl.tcp_timestamps", "0"));
        HostSnapshot off = LabSpec.parseHost(reuse.keys().get("actions"), null, null, noTs).replayHost();
        assertTrue(told(off, "client", "connect", "EADDRNOTAVAIL"), "no reuse without timestamps");
    }

    /** Lab 3: beyond tcp_max_tw_buckets the connection skips TIME-WAIT (TCPTimeWaitOverflow). */
    @Test
    void maxTwBucketsSkipsTimeWait() throws IOException, BadActionException {
        HostSnapshot s = play(lab(TW, 3), "next").snapshot();
        assertEquals(State.TIME_WAIT, state(s, "client/1"));
        assertEquals(State.CLOSED, state(s, "client/2"));
        assertEquals(1, s.counter("client", Nstat.TCP_TIME_WAIT_OVERFLOW));
        assertEquals(262_144, tcplab.sim.host.HostSettings.DEFAULTS.sysctls().get(tcplab.sim.host.Sysctl.TCP_MAX_TW_BUCKETS));
    }

    /** Lab 4: the new SYN above RCV.NXT ends the server's TIME-WAIT; the new ISN is the old SND.NXT + 65537; the handshake completes. */
    @Test
    void aNewSynEndsTheServersTimeWait() throws IOException, BadActionException {
        Block lab = lab(TW, 4);
        List<String> words = spec(lab, lab.keys().get("actions")).actions();
        HostLab before = spec(lab, "").startHost();
        for (String w : words.subList(0, words.size() - 1)) before.apply(w);
        assertEquals(State.TIME_WAIT, state(before.snapshot(), "server/1"));
        long twSndNxt = before.snapshot().connection("server/1").orElseThrow().sndNxt();
        HostSnapshot s = play(lab, "next").snapshot();
        assertEquals((twSndNxt + 65537) & 0xFFFF_FFFFL, s.connection("server/2").orElseThrow().iss());
        s = play(lab, "next", "next", "next").snapshot();
        assertEquals(State.ESTABLISHED, state(s, "client/2"));
        assertEquals(State.ESTABLISHED, state(s, "server/2"));
    }

    /**
     * SO_REUSEADDR on a client: connect() from a bound port (connect:client:PORT) takes the
     * four-tuple of a TIME-WAIT socket at once, whatever tcp_tw_reuse says, when the old
     * connection carried timestamps (tcp_twsk_unique with no twp); without timestamps, or with a
     * live connection on it, connect() fails with EADDRNOTAVAIL.
     */
    @Test
    void aBoundPortTakesATimeWaitOnlyWithTimestamps() throws BadActionException {
        String closed = "connect:client,next,next,next,accept,close:client,next,next,close:server/1,next,next";
        HostSnapshot ts = LabSpec.parseHost(closed + ",connect:client:32768", null, null, Map.of()).replayHost();
        assertEquals(State.SYN_SENT, state(ts, "client/2"), "default tcp_tw_reuse=2 on a non-loopback address, yet a bound port reuses");
        assertFalse(told(ts, "client", "connect", "EADDRNOTAVAIL"), ts.errors().toString());
        HostSnapshot noTs = LabSpec.parseHost(closed + ",connect:client:32768", null, null, Map.of("sysctl.tcp_timestamps", "0")).replayHost();
        assertTrue(told(noTs, "client", "connect", "EADDRNOTAVAIL"), "no timestamps: TIME-WAIT keeps its four-tuple");
        HostSnapshot live = LabSpec.parseHost("connect:client,next,next,next,connect:client:32768", null, null, Map.of()).replayHost();
        assertTrue(told(live, "client", "connect", "EADDRNOTAVAIL"), "a live connection's four-tuple is never taken");
    }

    /** Labs 5 and 6: with tcp_rfc1337=1 TIME-WAIT runs out its 60 s after the ignored RST. */
    @Test
    void rfc1337KeepsTimeWait() throws IOException, BadActionException {
        HostLab h = play(lab(TW, 6), "next");
        assertEquals(State.TIME_WAIT, state(h.snapshot(), "client/1"));
        assertEquals(60_600L, h.snapshot().connection("client/1").orElseThrow().timers().get(0).dueAt());
        assertEquals(State.CLOSED, state(play(lab(TW, 5), "next").snapshot(), "client/1"));
    }

    // ------------------------------------------------------------ crashes-and-keepalive

    private static final String CRASH = "crashes-and-keepalive";

    /** Lab 2: the data to a crashed host is resent 15 times; at 993.45 s the server gives up with ETIMEDOUT. */
    @Test
    void aWriteToACrashedHostTimesOut() throws IOException, BadActionException {
        HostSnapshot s = play(lab(CRASH, 2), "wait:1000000").snapshot();
        assertEquals(15, s.segments().stream().filter(from("server").and(HostSegment::retransmission)).count());
        assertTrue(s.segments().stream().filter(from("server")).skip(1).allMatch(g -> g.fate() == Fate.LOST));
        assertTrue(told(s, "server/1", "read", "ETIMEDOUT"), s.errors().toString());
        assertEquals(993_450L, s.errors().get(0).at());
        assertEquals(1, s.counter("server", Nstat.TCP_ABORT_ON_TIMEOUT));
    }

    /** Lab 3: the rebooted host's RST: ECONNRESET. */
    @Test
    void aWriteToARebootedHostIsReset() throws IOException, BadActionException {
        HostSnapshot s = play(lab(CRASH, 3), "next", "next").snapshot();
        assertTrue(told(s, "server/1", "read", "ECONNRESET"), s.errors().toString());
    }

    /** Lab 4: keepalive's 7,200 s, 9 probes 75 s apart, the RST and ETIMEDOUT at 7,875.15 s. */
    @Test
    void keepaliveFindsACrashedHostAfter7875Seconds() throws IOException, BadActionException {
        HostSnapshot s = play(lab(CRASH, 4), "wait:8000000").snapshot();
        List<Long> probes = sentAt(s, from("server").and(ctl("ACK")));
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 9; i++) expected.add(7_200_150L + 75_000L * i);
        assertEquals(expected, probes);
        assertEquals(List.of(7_875_150L), sentAt(s, from("server").and(ctl("RST,ACK"))));
        assertTrue(told(s, "server/1", "read", "ETIMEDOUT"));
        assertEquals(9, s.counter("server", Nstat.TCP_KEEP_ALIVE));
        assertEquals(1, s.counter("server", Nstat.TCP_ABORT_ON_TIMEOUT));
        assertEquals(7_200 + 9 * 75, 7_875);
    }

    /**
     * Quiz: "Keepalive probes only an idle connection; this one has data outstanding, and the
     * retransmission timer rules" (tcp_keepalive_timer reschedules while packets are out). With
     * keepalive after 10 s, the server's unacknowledged write to a crashed host sends no probe:
     * only its 15 retransmissions, then ETIMEDOUT at 993.45 s.
     */
    @Test
    void keepaliveWaitsWhileDataIsOutstanding() throws IOException, BadActionException {
        Block crashed = lab(CRASH, 2);
        Map<String, String> keys = Map.of("keepalive", "server", "sysctl.tcp_keepalive_time", "10");
        HostSnapshot s = LabSpec.parseHost(crashed.keys().get("actions") + ",wait:1000000", null, null, keys).replayHost();
        assertEquals(0, s.counter("server", Nstat.TCP_KEEP_ALIVE), "no probe while data is outstanding");
        assertEquals(15, s.segments().stream().filter(from("server").and(HostSegment::retransmission)).count());
        assertTrue(told(s, "server/1", "read", "ETIMEDOUT"), s.errors().toString());
        assertEquals(993_450L, s.errors().get(0).at());
    }

    /** Lab 5: the rebooted host answers the first probe with RST at 7,200.2 s: ECONNRESET at 7,200.25 s. */
    @Test
    void keepaliveFindsARebootedHostAtTheFirstProbe() throws IOException, BadActionException {
        HostSnapshot s = play(lab(CRASH, 5), "next", "next", "next").snapshot();
        assertEquals(7_200_250L, s.time());
        assertTrue(told(s, "server/1", "read", "ECONNRESET"), s.errors().toString());
        assertEquals(1, s.counter("server", Nstat.TCP_KEEP_ALIVE));
    }

    /** Lab 6: CLOSE-WAIT has no timer; the orphan leaves FIN-WAIT-2 at 60.25 s; the late write is reset (EPIPE). */
    @Test
    void closeWaitLastsUntilTheApplicationActs() throws IOException, BadActionException {
        HostLab h = play(lab(CRASH, 6));
        assertEquals(State.CLOSE_WAIT, state(h.snapshot(), "server/1"));
        assertTrue(h.snapshot().connection("server/1").orElseThrow().timers().isEmpty(), "no timer ends CLOSE-WAIT");
        h.apply("next");
        assertEquals(60_250L, h.snapshot().time());
        assertEquals(State.CLOSED, state(h.snapshot(), "client/1"));
        assertFalse(h.hasPending(), "nothing is left to happen: the server stays in CLOSE-WAIT");
        assertEquals(State.CLOSE_WAIT, state(h.snapshot(), "server/1"));
        h.apply("send:server:hi");
        h.apply("next");
        h.apply("next");
        assertTrue(told(h.snapshot(), "server/1", "write", "EPIPE"), h.snapshot().errors().toString());
    }
}
