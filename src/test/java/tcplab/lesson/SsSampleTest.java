package tcplab.lesson;

import org.junit.jupiter.api.Test;
import tcplab.Resources;
import tcplab.sim.BadActionException;
import tcplab.sim.Flag;
import tcplab.sim.LabSpec;
import tcplab.sim.Profile;
import tcplab.sim.Scenario;
import tcplab.sim.SegmentRecord;
import tcplab.sim.Side;
import tcplab.sim.Simulation;
import tcplab.sim.TimerKind;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code ss -o} samples a lesson prints could be read off the lesson's own Linux schedules:
 * a {@code SYN-SENT} line's {@code timer:(on,T,N)} after N resends of the SYN, a {@code SYN-RECV}
 * line's after N resends of the SYN-ACK, with T no more than the gap to the next resend; a
 * {@code timewait} timer no longer than TIME-WAIT. (ss truncates: "12sec" means 12 to 13 s.)
 */
class SsSampleTest {

    private static final Pattern TIMER = Pattern.compile("(?m)^(\\S+)\\s.*timer:\\((on|timewait),(\\d+)(?:\\.(\\d+))?(sec|ms),(\\d+)\\)");

    @Test
    void everySsTimerInALessonIsOneTheLessonsSchedulesProduce() throws BadActionException {
        List<Long> synSends = sends(Side.CLIENT, List.of("connect", "drop"));
        List<Long> synAckSends = sends(Side.SERVER, List.of("connect", "next", "next", "drop"));
        long timeWait = new LabSpec(Scenario.byKey("teardown").orElseThrow(), null, Profile.LINUX,
                        List.of("close:client", "next", "next", "close:server", "next")).replay()
                .client().timer(TimerKind.TIME_WAIT).orElseThrow().rto();

        Course course = Course.load(new Resources.Classpath());
        List<String> impossible = new ArrayList<>();
        int samples = 0;
        for (String lang : Course.LANGUAGES) {
            for (Lesson lesson : course.lessons(lang)) {
                for (Lesson.Part part : lesson.parts()) {
                    if (!(part instanceof Lesson.Html html)) continue;
                    Matcher m = TIMER.matcher(html.html());
                    while (m.find()) {
                        samples++;
                        long low = Long.parseLong(m.group(3)) * (m.group(5).equals("ms") && m.group(4) == null ? 1 : 1000)
                                + (m.group(4) == null ? 0 : Long.parseLong(m.group(4)));
                        int count = Integer.parseInt(m.group(6));
                        // ss prints whole seconds, or seconds and three digits of milliseconds
                        boolean printable = m.group(4) == null || m.group(4).length() == 3;
                        boolean possible = printable && switch (m.group(1) + " " + m.group(2)) {
                            case "SYN-SENT on" -> possibleAfter(synSends, count, low);
                            case "SYN-RECV on" -> possibleAfter(synAckSends, count, low);
                            default -> m.group(2).equals("timewait") && count == 0 && low <= timeWait;
                        };
                        if (!possible) impossible.add(lang + "/" + lesson.slug() + ": " + m.group());
                    }
                }
            }
        }
        assertTrue(samples >= 6, "the lessons' ss samples are found (" + samples + ")");
        assertEquals(List.of(), impossible, "ss timers no schedule of the lessons produces");
    }

    @Test
    void theSchedulesAreTheOnesTheLessonStates() throws BadActionException {
        assertEquals(List.of(0L, 1000L, 2000L, 3000L, 4000L, 5000L, 7000L, 11000L, 19000L, 35000L, 67000L),
                sends(Side.CLIENT, List.of("connect", "drop")));
        List<Long> synAck = sends(Side.SERVER, List.of("connect", "next", "next", "drop"));
        assertEquals(List.of(0L, 1000L, 3000L, 7000L, 15000L, 31000L), synAck.stream().map(t -> t - synAck.get(0)).toList());
        assertFalse(possibleAfter(List.of(0L, 1000L, 2000L, 3000L, 4000L), 3, 1900), "(on,1.9sec,3) with 1 s gaps");
        assertTrue(possibleAfter(List.of(0L, 1000L, 2000L, 3000L, 4000L), 3, 900));
    }

    /** After {@code count} resends (sends[count]), the next is due no sooner than {@code leftAtLeast} later. */
    private static boolean possibleAfter(List<Long> sends, int count, long leftAtLeast) {
        return count + 1 < sends.size() && leftAtLeast > 0 && leftAtLeast <= sends.get(count + 1) - sends.get(count);
    }

    /** When {@code side} sends its SYN, every copy lost (and every answer too), in the Linux profile. */
    private static List<Long> sends(Side side, List<String> start) throws BadActionException {
        Simulation sim = new LabSpec(Scenario.byKey("handshake").orElseThrow(), null, Profile.LINUX, List.of()).start();
        for (String word : start) sim.apply(word);
        for (int steps = 0; sim.hasPending() && steps < 100; steps++) {
            sim.apply("next");
            while (!sim.snapshot().inFlight().isEmpty()) sim.apply("drop");
        }
        return sim.snapshot().segments().stream()
                .filter(r -> r.from() == side && r.segment().has(Flag.SYN))
                .map(SegmentRecord::sentAt).toList();
    }
}
