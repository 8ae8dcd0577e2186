package tcplab.lesson;

import org.junit.jupiter.api.Test;
import tcplab.Resources;
import tcplab.support.LabStory;
import tcplab.sim.BadActionException;
import tcplab.sim.Profile;
import tcplab.sim.Scenario;
import tcplab.sim.SegmentRecord;
import tcplab.sim.Side;
import tcplab.sim.Simulation;
import tcplab.sim.Snapshot;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Lessons are data: every lab block of every lesson runs in the simulator, and the right
 * answer of every prediction is what the simulator really does next. A lesson can never
 * predict one thing while its lab shows another.
 */
class LessonLabsTest {

    private final Course course = Course.load(new Resources.Classpath());

    @Test
    void everyLabStartsAndCanBePlayedToItsEnd() throws BadActionException {
        for (String lang : Course.LANGUAGES) {
            for (Lesson lesson : course.lessons(lang)) {
                for (LabBlock lab : lesson.labs()) {
                    String where = lang + "/" + lesson.slug() + " lab " + (lab.index() + 1);
                    if (lab.isHostLab()) {
                        // a host lab's story is the learner's (no goal; keepalive may run on): it must replay
                        lab.spec().replayHost();
                        continue;
                    }
                    Scenario scenario = Scenario.byKey(lab.scenario()).orElseThrow(() -> new AssertionError(where + ": unknown scenario " + lab.scenario()));
                    Profile profile = Profile.byKey(lab.profile()).orElseThrow(() -> new AssertionError(where + ": unknown profile " + lab.profile()));
                    Simulation sim = Simulation.start(scenario, lab.seed(), profile);
                    for (String word : lab.actions()) sim.apply(word);
                    int steps = 0;
                    while (sim.hasPending() && steps++ < 300) sim.apply("next");
                    assertFalse(sim.hasPending(), where + " never ends");
                }
            }
        }
    }

    @Test
    void everyLabsStoryCanBeFinishedAndNoneStartsFinished() throws BadActionException {
        for (String lang : Course.LANGUAGES) {
            for (Lesson lesson : course.lessons(lang)) {
                for (LabBlock lab : lesson.labs()) {
                    String where = lang + "/" + lesson.slug() + " lab " + (lab.index() + 1);
                    if (lab.isHostLab()) {
                        // at rest once what it set going has played out: not at the start, and within a lab's action limit
                        assertEquals(List.of(Goal.REST), lab.goals(), where);
                        tcplab.sim.Lab host = lab.spec().open();
                        for (String word : lab.actions()) host.apply(word);
                        assertFalse(Goal.finished(lab.goals(), host.snapshot()), where + " is over before the learner does anything");
                        int nexts = 0;
                        while (host.hasPending() && lab.actions().size() + nexts < tcplab.web.lab.Labs.MAX_ACTIONS) {
                            host.apply("next");
                            nexts++;
                        }
                        assertTrue(Goal.finished(lab.goals(), host.snapshot()), where + " comes to rest by playing on");
                        continue;
                    }
                    Snapshot start = Simulation.replay(Scenario.byKey(lab.scenario()).orElseThrow(), lab.seed(),
                            Profile.byKey(lab.profile()).orElseThrow(), lab.actions());
                    assertFalse(Goal.finished(lab.goals(), start), where + " is over before the learner does anything");
                    List<String> played = new ArrayList<>(LabStory.afterPredictions(lab));
                    List<String> controls = LabStory.finish(lab, played);
                    assertTrue(controls.size() <= 6, where + ": a short story: " + controls);
                }
            }
        }
    }

    @Test
    void everyPredictionsRightAnswerIsWhatTheSimulatorDoes() throws BadActionException {
        List<String> wrong = new ArrayList<>();
        for (String lang : Course.LANGUAGES) {
            for (Lesson lesson : course.lessons(lang)) {
                for (LabBlock lab : lesson.labs()) {
                    for (PredictBlock p : lab.predictions()) {
                        String where = lang + "/" + lesson.slug() + " prediction " + (p.index() + 1) + " (after " + p.after() + ")";
                        assertTrue(p.after().size() >= lab.actions().size() && p.after().subList(0, lab.actions().size()).equals(lab.actions()),
                                where + ": 'after' must start with the lab's own actions " + lab.actions());
                        String expected = p.question().choices().get(p.question().rightIndex()).text();
                        String actual = outcome(lab, p);
                        if (!expected.equals(actual)) wrong.add(where + ": the lesson says " + expected + ", the simulator " + actual);
                        long matching = p.question().choices().stream().filter(c -> c.text().equals(actual)).count();
                        if (matching != 1) wrong.add(where + ": " + matching + " choices match the simulator's " + actual);
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** What the prediction's {@code check} names, after the lab plays the step. */
    static String outcome(LabBlock lab, PredictBlock p) throws BadActionException {
        if (lab.isHostLab()) return hostOutcome(lab, p);
        Simulation sim = Simulation.start(Scenario.byKey(lab.scenario()).orElseThrow(), lab.seed(), Profile.byKey(lab.profile()).orElseThrow());
        for (String word : p.after()) sim.apply(word);
        int sentBefore = sim.snapshot().segments().size();
        assertTrue(sim.hasPending(), "a prediction needs a step to play after " + p.after());
        sim.apply("next");
        Snapshot after = sim.snapshot();
        return switch (p.check()) {
            case "client-state" -> after.client().state().label();
            case "server-state" -> after.server().state().label();
            case "client-sends", "server-sends" -> {
                Side side = p.check().startsWith("client") ? Side.CLIENT : Side.SERVER;
                // the next segment this side sends: play on (within reason) until it sends one
                Snapshot s = after;
                int steps = 0;
                while (firstFrom(s, sentBefore, side) == null && sim.hasPending() && steps++ < 20) {
                    sim.apply("next");
                    s = sim.snapshot();
                }
                SegmentRecord r = firstFrom(s, sentBefore, side);
                yield r == null ? "nothing" : r.segment().toString();
            }
            case "ack", "seq" -> {
                Snapshot s = after;
                int steps = 0;
                while (s.segments().size() == sentBefore && sim.hasPending() && steps++ < 20) {
                    sim.apply("next");
                    s = sim.snapshot();
                }
                if (s.segments().size() == sentBefore) yield "nothing";
                var segment = s.segments().get(sentBefore).segment();
                yield String.valueOf(p.check().equals("ack") ? segment.ack() : segment.seq());
            }
            default -> throw new AssertionError("unknown check " + p.check());
        };
    }

    /**
     * A host lab's prediction: {@code client-state}/{@code server-state} name the state of that
     * host's newest connection by number (CLOSED once it is gone); {@code client-sends}/
     * {@code server-sends} the next segment it sends (its control bits as the trace prints the
     * segment); {@code ack}/{@code seq} the next segment anyone sends.
     */
    static String hostOutcome(LabBlock lab, PredictBlock p) throws BadActionException {
        tcplab.sim.HostLab sim = lab.spec().withActions(java.util.List.of()).startHost();
        for (String word : p.after()) sim.apply(word);
        int sentBefore = sim.snapshot().segments().size();
        assertTrue(sim.hasPending(), "a prediction needs a step to play after " + p.after());
        sim.apply("next");
        tcplab.sim.HostSnapshot s = sim.snapshot();
        return switch (p.check()) {
            // the host's newest connection by number, CLOSED once gone (as HostLessonsTest.newest): the
            // last row is not it after a flood (request sockets) or once the newest connection closed
            case "client-state" -> HostLessonsTest.state(s, HostLessonsTest.newest(s, "client")).label();
            case "server-state" -> HostLessonsTest.state(s, HostLessonsTest.newest(s, tcplab.sim.HostLab.SERVER)).label();
            case "client-sends", "server-sends", "ack", "seq" -> {
                String host = p.check().startsWith("client") ? "client" : p.check().startsWith("server") ? "server" : null;
                int steps = 0;
                while (true) {
                    var found = s.segments().subList(sentBefore, s.segments().size()).stream()
                            .filter(x -> host == null || x.from().equals(host)).findFirst();
                    if (found.isPresent()) {
                        var seg = found.get().segment();
                        yield p.check().equals("ack") ? String.valueOf(seg.ack()) : p.check().equals("seq") ? String.valueOf(seg.seq())
                                : seg.toString();
                    }
                    if (!sim.hasPending() || steps++ >= 20) yield "nothing";
                    sim.apply("next");
                    s = sim.snapshot();
                }
            }
            default -> throw new AssertionError("unknown check " + p.check());
        };
    }

    private static SegmentRecord firstFrom(Snapshot s, int from, Side side) {
        return s.segments().stream().skip(from).filter(r -> r.from() == side).findFirst().orElse(null);
    }
}
