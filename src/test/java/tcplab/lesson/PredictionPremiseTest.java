package tcplab.lesson;

import org.junit.jupiter.api.Test;
import tcplab.Resources;
import tcplab.sim.BadActionException;
import tcplab.sim.Flag;
import tcplab.sim.HostLab;
import tcplab.sim.HostSnapshot;
import tcplab.sim.HostSnapshot.ConnectionRow;
import tcplab.sim.LabSpec;
import tcplab.sim.Profile;
import tcplab.sim.Scenario;
import tcplab.sim.Segment;
import tcplab.sim.SegmentRecord;
import tcplab.sim.Snapshot;
import tcplab.sim.State;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A prediction's question is asked at one moment of its lab (its {@code after}); what it takes
 * as given must be true then. Every segment it names (in RFC notation, or as "SYN 90", "ACK 301",
 * "确认号 301") has been sent by then, every ISS it names is one an endpoint chose, every state it
 * names is the state of the side its sentence speaks of (either side when a sentence names both
 * or neither), and every time it names is not later than the lab's clock. In a host lab the
 * side is the host {@code client} or {@code server}, and any of its connections will do.
 */
class PredictionPremiseTest {

    private static final Pattern NOTATION = Pattern.compile("<SEQ=(\\d+)>(?:<ACK=(\\d+)>)?(?:<CTL=([A-Z,]+)>)?");
    private static final Pattern SHORT_SEGMENT = Pattern.compile("(?<![\\w-])(SYN|FIN|ACK|确认号) ?(\\d+)(?!\\d)");
    private static final Pattern ISS = Pattern.compile("ISS (?:为 )?(\\d+)");
    private static final Pattern TIME = Pattern.compile("(\\d+(?:\\.\\d+)?) ?(ms|s|秒)(?![A-Za-z])");
    private static final Pattern STATE = Pattern.compile(Arrays.stream(State.values()).map(State::label)
            .sorted(Comparator.comparingInt(String::length).reversed())
            .collect(Collectors.joining("|", "(?<![A-Z-])(", ")(?![A-Z0-9-])")));
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.?!])\\s+|(?<=[。？！])");

    private final Course course = Course.load(new Resources.Classpath());

    @Test
    void everyPredictionsPremiseIsTrueAtItsMoment() throws BadActionException {
        List<String> false_ = new ArrayList<>();
        for (String lang : Course.LANGUAGES) {
            for (Lesson lesson : course.lessons(lang)) {
                for (LabBlock lab : lesson.labs()) {
                    for (PredictBlock p : lab.predictions()) {
                        Moment now = lab.isHostLab() ? Moment.of(lab.spec().withActions(p.after()).replayHost())
                                : Moment.of(new LabSpec(Scenario.byKey(lab.scenario()).orElseThrow(), lab.seed(),
                                        Profile.byKey(lab.profile()).orElseThrow(), p.after()).replay());
                        String where = lang + "/" + lesson.slug() + " prediction " + (p.index() + 1)
                                + " (after " + String.join(",", p.after()) + ", at " + now.time() + " ms): ";
                        for (String problem : premiseProblems(p.question().text(), now)) false_.add(where + problem);
                    }
                }
            }
        }
        assertEquals(List.of(), false_, "prediction questions that take as given what has not happened");
    }

    /** The checker itself: it catches a premise that is false, and passes one that is true. */
    @Test
    void theCheckCatchesASegmentNotYetSentAStateNotYetReachedAndATimeNotYetCome() throws BadActionException {
        Scenario scenario = Scenario.byKey("old-duplicate-syn").orElseThrow();
        Snapshot atZero = new LabSpec(scenario, null, Profile.LINUX, List.of("next")).replay();
        String question = "The server has answered the old SYN 90 with <SEQ=300><ACK=91><CTL=SYN,ACK>. "
                + "The server is in SYN-RECEIVED. At 50 ms the client is in SYN-SENT.";
        assertEquals(4, premiseProblems(question, atZero).size(), premiseProblems(question, atZero).toString());
        Snapshot atFifty = new LabSpec(scenario, null, Profile.LINUX, List.of("next", "next", "next")).replay();
        assertEquals(List.of(), premiseProblems(question, atFifty));
        assertTrue(premiseProblems("服务器处于 LISTEN。", atFifty).size() == 1);
    }

    /**
     * What a question may take as given at its moment: the segments sent, the ISSs chosen, the
     * clock, and the states of the client's and the server's connections. A connection lab has
     * one of each; in a host lab the client is the host {@code client} and the server the host
     * {@code server}, each with any of its connections (CLOSED too, for a connection gone).
     */
    record Moment(List<Segment> sent, List<Long> iss, long time, List<State> client, List<State> server) {
        static Moment of(Snapshot s) {
            List<Long> iss = new ArrayList<>();
            if (s.client().iss() != null) iss.add(s.client().iss());
            if (s.server().iss() != null) iss.add(s.server().iss());
            return new Moment(s.segments().stream().map(SegmentRecord::segment).toList(), iss, s.time(),
                    List.of(s.client().state()), List.of(s.server().state()));
        }

        static Moment of(HostSnapshot s) {
            List<Long> iss = s.connections().stream().map(ConnectionRow::iss).filter(java.util.Objects::nonNull).toList();
            return new Moment(s.segments().stream().map(HostSnapshot.HostSegment::segment).toList(), iss, s.time(),
                    states(s, "client"), states(s, HostLab.SERVER));
        }

        private static List<State> states(HostSnapshot s, String host) {
            List<State> states = new ArrayList<>(s.connections().stream().filter(c -> c.host().equals(host)).map(ConnectionRow::state).toList());
            boolean gone = s.events().stream().anyMatch(e -> e.connection() != null && e.connection().startsWith(host + "/")
                    && s.connection(e.connection()).isEmpty());
            if (states.isEmpty() || gone) states.add(State.CLOSED);
            return states;
        }
    }

    static List<String> premiseProblems(String question, Snapshot now) {
        return premiseProblems(question, Moment.of(now));
    }

    static List<String> premiseProblems(String question, Moment now) {
        List<String> problems = new ArrayList<>();
        List<Segment> sent = now.sent();
        Matcher m = NOTATION.matcher(question);
        while (m.find()) {
            String quoted = m.group();
            if (sent.stream().noneMatch(s -> s.toString().replaceAll("<DATA=.*", "").equals(quoted))) {
                problems.add(quoted + " has not been sent");
            }
        }
        String plain = NOTATION.matcher(question).replaceAll(" ");
        m = SHORT_SEGMENT.matcher(plain);
        while (m.find()) {
            long n = Long.parseLong(m.group(2));
            Predicate<Segment> named = switch (m.group(1)) {
                case "SYN" -> s -> s.has(Flag.SYN) && s.seq() == n;
                case "FIN" -> s -> s.has(Flag.FIN) && s.seq() == n;
                default -> s -> s.has(Flag.ACK) && s.ack() == n;
            };
            if (sent.stream().noneMatch(named)) problems.add("\"" + m.group() + "\" has not been sent");
        }
        m = ISS.matcher(plain);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            if (!now.iss().contains(n)) {
                problems.add("no endpoint has ISS " + n);
            }
        }
        m = TIME.matcher(plain);
        while (m.find()) {
            double ms = Double.parseDouble(m.group(1)) * (m.group(2).equals("ms") ? 1 : 1000);
            if (ms > now.time()) problems.add(m.group() + " has not come yet");
        }
        for (String sentence : SENTENCE_END.split(plain)) {
            boolean client = sentence.matches("(?is).*(client|客户端).*");
            boolean server = sentence.matches("(?is).*(server|服务器).*");
            m = STATE.matcher(sentence);
            while (m.find()) {
                State named = State.byLabel(m.group(1)).orElseThrow();
                List<State> sides = new ArrayList<>();
                if (client || !server) sides.addAll(now.client());
                if (server || !client) sides.addAll(now.server());
                if (!sides.contains(named)) {
                    problems.add(named.label() + " is not the state of " + (client == server ? "either side"
                            : client ? "the client (" + labels(now.client()) + ")"
                            : "the server (" + labels(now.server()) + ")"));
                }
            }
        }
        return problems;
    }

    private static String labels(List<State> states) {
        return states.stream().map(State::label).collect(Collectors.joining(", "));
    }
}
