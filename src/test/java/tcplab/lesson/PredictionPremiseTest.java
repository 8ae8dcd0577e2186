package tcplab.lesson;

import org.junit.jupiter.api.Test;
import tcplab.Resources;
import tcplab.sim.BadActionException;
import tcplab.sim.EndpointSnapshot;
import tcplab.sim.Flag;
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
 * or neither), and every time it names is not later than the lab's clock.
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
                        Snapshot now = new LabSpec(Scenario.byKey(lab.scenario()).orElseThrow(), lab.seed(),
                                Profile.byKey(lab.profile()).orElseThrow(), p.after()).replay();
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

    static List<String> premiseProblems(String question, Snapshot now) {
        List<String> problems = new ArrayList<>();
        List<Segment> sent = now.segments().stream().map(SegmentRecord::segment).toList();
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
            if (!Long.valueOf(n).equals(now.client().iss()) && !Long.valueOf(n).equals(now.server().iss())) {
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
                List<EndpointSnapshot> sides = client == server ? List.of(now.client(), now.server())
                        : List.of(client ? now.client() : now.server());
                if (sides.stream().noneMatch(e -> e.state() == named)) {
                    problems.add(named.label() + " is not the state of " + (client == server ? "either side"
                            : client ? "the client (" + now.client().state().label() + ")"
                            : "the server (" + now.server().state().label() + ")"));
                }
            }
        }
        return problems;
    }
}
