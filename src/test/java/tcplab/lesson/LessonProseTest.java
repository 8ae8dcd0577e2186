package tcplab.lesson;

import org.junit.jupiter.api.Test;
import tcplab.Resources;
import tcplab.sim.BadActionException;
import tcplab.sim.HostLab;
import tcplab.sim.HostSnapshot;
import tcplab.sim.Profile;
import tcplab.sim.Scenario;
import tcplab.sim.SegmentRecord;
import tcplab.sim.Simulation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Segments a lesson's text quotes in RFC notation are segments its own labs really send: each
 * lab is played to its end from its start, from every prediction's moment, and (where the
 * client can connect) after a connect. A lesson can not quote numbers its labs do not show.
 */
class LessonProseTest {

    private static final Pattern SEGMENT = Pattern.compile("<SEQ=\\d+>(<ACK=\\d+>)?(<CTL=[A-Z,]+>)?");

    /** Segments quoted for a situation no scenario sets up, with where the text stands on the RFC. */
    private static final Map<String, String> ASIDES = Map.of(
            "special-cases <SEQ=0><ACK=101><CTL=RST,ACK>",
            "a SYN to a port where nobody listens: RFC 9293 §3.5.2 and §3.10.7.1, no scenario has a closed port");

    @Test
    void everyQuotedSegmentIsOneTheLessonsLabsSend() throws BadActionException {
        Course course = Course.load(new Resources.Classpath());
        List<String> unknown = new ArrayList<>();
        for (String lang : Course.LANGUAGES) {
            for (Lesson lesson : course.lessons(lang)) {
                Set<String> sent = sentByLabs(lesson);
                for (Lesson.Part part : lesson.parts()) {
                    if (!(part instanceof Lesson.Html html)) continue;
                    Matcher m = SEGMENT.matcher(html.html().replace("&lt;", "<").replace("&gt;", ">"));
                    while (m.find()) {
                        String quoted = m.group();
                        if (!sent.contains(quoted) && !ASIDES.containsKey(lesson.slug() + " " + quoted)) {
                            unknown.add(lang + "/" + lesson.slug() + ": " + quoted);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), unknown, "segments quoted in a lesson that none of its labs sends");
    }

    private static Set<String> sentByLabs(Lesson lesson) throws BadActionException {
        Set<String> sent = new HashSet<>();
        for (LabBlock lab : lesson.labs()) {
            if (lab.isHostLab()) {
                sent.addAll(sentByHostLab(lab));
                continue;
            }
            List<List<String>> starts = new ArrayList<>();
            starts.add(lab.actions());
            for (PredictBlock p : lab.predictions()) starts.add(p.after());
            List<String> connected = new ArrayList<>(lab.actions());
            connected.add("connect");
            starts.add(connected);
            for (List<String> start : starts) {
                Simulation sim = Simulation.start(Scenario.byKey(lab.scenario()).orElseThrow(), lab.seed(),
                        Profile.byKey(lab.profile()).orElseThrow());
                try {
                    for (String word : start) sim.apply(word);
                } catch (BadActionException e) {
                    continue; // "connect" where the client cannot connect
                }
                for (int steps = 0; sim.hasPending() && steps < 300; steps++) sim.apply("next");
                for (SegmentRecord r : sim.snapshot().segments()) {
                    // the quoted form leaves the data out: <SEQ><ACK><CTL> only
                    sent.add(r.segment().toString().replaceAll("<DATA=.*", ""));
                }
            }
        }
        return sent;
    }

    /**
     * A host lab's segments, played on (within reason: keepalive may run on) from its start and
     * from every prediction's moment; a flood's segments (to and from the attacker) are left out.
     */
    private static Set<String> sentByHostLab(LabBlock lab) throws BadActionException {
        Set<String> sent = new HashSet<>();
        List<List<String>> starts = new ArrayList<>();
        starts.add(lab.actions());
        for (PredictBlock p : lab.predictions()) starts.add(p.after());
        for (List<String> start : starts) {
            HostLab host = lab.spec().withActions(List.of()).startHost();
            for (String word : start) host.apply(word);
            for (int steps = 0; host.hasPending() && steps < 300; steps++) host.apply("next");
            for (HostSnapshot.HostSegment g : host.snapshot().segments()) {
                if (g.from().equals(HostLab.ATTACKER) || g.to().equals(HostLab.ATTACKER)) continue;
                sent.add(g.segment().toString().replaceAll("<DATA=.*", ""));
            }
        }
        return sent;
    }
}
