package tcplab.drill;

import org.junit.jupiter.api.Test;
import tcplab.export.HostTraceJson;
import tcplab.export.TraceJson;
import tcplab.sim.BadActionException;
import tcplab.sim.LabSpec;
import tcplab.sim.Profile;
import tcplab.sim.Scenario;
import tcplab.sim.Simulation;
import tcplab.sim.Snapshot;
import tcplab.support.Json;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every drill's answer is what the lab shows: for thousands of seeds per kind, the drill's
 * moment and reveal are replayed from their replay link alone, written out as the contract's
 * trace JSON, and the answer is read off that JSON here, without the generator's code.
 */
class DrillCheckTest {

    /** Seeds per deck and kind: every kind is asked by at least two decks, so each kind gets thousands. */
    static final int SEEDS = 1_000;
    /**
     * Seeds per host deck and kind: a host drill costs about 2.4 ms of CPU to generate and check
     * (a flood's trace JSON is large), against 0.5 ms for a connection drill, so each host kind
     * gets just over 2,000: queue-length, which one deck asks, 2,000; counter and errno, which
     * three decks ask, 700 each.
     */
    static final int QUEUE_SEEDS = 2_000;
    static final int HOST_SEEDS = 700;

    @Test
    void everyAnswerIsWhatTheTraceShows() {
        Map<Kind, Integer> checked = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (Deck deck : Deck.values()) {
            for (Kind kind : deck.kinds()) {
                int seeds = kind == Kind.QUEUE_LENGTH ? QUEUE_SEEDS : kind.isHost() ? HOST_SEEDS : SEEDS;
                for (long seed = 0; seed < seeds; seed++) {
                    DrillId id = new DrillId(deck, kind, seed * 7919 % DrillId.MAX_SEED);
                    try {
                        check(Drills.generate(id));
                    } catch (AssertionError | RuntimeException e) {
                        if (failures.size() < 10) failures.add(id + ": " + e.getMessage());
                        else if (failures.size() == 10) failures.add("…");
                    }
                    checked.merge(kind, 1, Integer::sum);
                }
            }
        }
        assertEquals(List.of(), failures);
        for (Kind kind : Kind.values()) assertTrue(checked.getOrDefault(kind, 0) >= 2_000, kind + " " + checked);
    }

    @Test
    void aDrillIsTheSameDrillEveryTime() {
        for (Deck deck : Deck.values()) {
            for (Kind kind : deck.kinds()) {
                DrillId id = new DrillId(deck, kind, 424242);
                assertEquals(Drills.generate(id), Drills.generate(DrillId.parse(id.key()).orElseThrow()));
            }
        }
    }

    @Test
    void drillsVary() {
        for (Deck deck : Deck.values()) {
            for (Kind kind : deck.kinds()) {
                Set<List<String>> moments = new HashSet<>();
                Set<String> answers = new HashSet<>();
                for (long seed = 0; seed < 60; seed++) {
                    Drill d = Drills.generate(new DrillId(deck, kind, seed));
                    moments.add(d.moment().actions());
                    answers.add(d.answer().value());
                }
                assertTrue(moments.size() > 1 && answers.size() > 1, deck.key() + "." + kind.key() + " always asks the same");
            }
        }
    }

    // ------------------------------------------------------------------ the independent check

    static void check(Drill d) {
        // options: one right, no two equal (by value or by what the learner reads)
        assertEquals(1, d.options().stream().filter(Option::isRight).count());
        assertEquals(d.options().size(), d.options().stream().map(Option::value).distinct().count(), "equal values");
        assertEquals(d.options().size(), d.options().stream().map(Option::label).distinct().count(), "equal labels");
        assertTrue(d.options().size() >= 3, "at least three options");
        for (Option o : d.options()) assertTrue(o.isRight() || o.misconception() != null);
        if (d.id().kind().isHost()) {
            checkHost(d);
            return;
        }

        // the replay link opens on the moment asked about
        Link link = Link.parse(d.momentPath("en"));
        assertEquals(d.moment().scenario().key(), link.scenario);
        Map<String, Object> at = trace(link.scenario, link.seed, link.profile, link.actions);
        assertEquals(d.moment().actions(), at.get("actions"));
        Object askedAt = d.question().args().get(0);
        assertEquals(((Text.Ms) askedAt).millis(), at.get("time"), "the question's time is the moment's");

        List<String> all = new ArrayList<>(link.actions);
        all.addAll(d.reveal());
        Map<String, Object> after = trace(link.scenario, link.seed, link.profile, all);
        List<Map<String, Object>> before = list(at.get("segments"));
        List<Map<String, Object>> segments = list(after.get("segments"));
        int m = before.size();
        String answer = d.answer().value();
        long time = (Long) at.get("time");

        switch (d.id().kind()) {
            case NEXT_SEGMENT -> {
                assertTrue(d.reveal().stream().allMatch("next"::equals));
                assertEquals(m + 1, segments.size(), "exactly one new segment when the answer shows");
                Map<String, Object> s = segments.get(m);
                assertEquals(s.get("from") + " " + rfcNotation(s), answer);
            }
            case STATE_AFTER -> {
                assertEquals(List.of("next"), d.reveal());
                assertEquals(state(after, d.side()), answer);
            }
            case RETRANSMIT_AT -> {
                Map<String, Object> first = firstRetransmission(segments, m);
                assertTrue(first != null, "a retransmission shows");
                assertEquals(first.get("sentAt").toString(), answer);
                assertEquals(segments.get(segments.size() - 1), first, "the reveal stops at it");
            }
            case GIVE_UP_AT -> {
                for (String w : d.reveal()) {
                    if (w.startsWith("drop:")) {
                        assertEquals(d.side().key(), segments.get(Integer.parseInt(w.substring(5)) - 1).get("from"), "only the asked side loses");
                    }
                }
                // a side that gave up is CLOSED, or LISTEN again when it came from a passive open (MUST-11)
                Map<String, Object> last = lastChange(after, d.side());
                assertEquals(last.get("to"), state(after, d.side()));
                assertTrue(Set.of("CLOSED", "LISTEN").contains(last.get("to")), last.toString());
                assertTrue(last.get("reason").toString().contains("retransmissions"), "it gave up: " + last.get("reason"));
                assertEquals(last.get("at").toString(), answer);
            }
            case WAIT_LEFT -> {
                String was = state(at, d.side());
                assertTrue(was.equals("TIME-WAIT") || was.equals("FIN-WAIT-2"), was);
                assertTrue(d.reveal().stream().allMatch("next"::equals));
                if (answer.equals("never")) {
                    assertEquals(was, state(after, d.side()));
                    assertFalse(replay(link.scenario, link.seed, link.profile, all).pending(), "nothing left to happen");
                } else {
                    Map<String, Object> closed = null;
                    for (Map<String, Object> c : DrillCheckTest.<Map<String, Object>>list(after.get("stateChanges"))) {
                        if (c.get("endpoint").equals(d.side().key()) && c.get("to").equals("CLOSED") && (Long) c.get("at") >= time) {
                            closed = c;
                            break;
                        }
                    }
                    assertTrue(closed != null, "it closes");
                    assertEquals(Long.toString((Long) closed.get("at") - time), answer);
                }
            }
            case WHO_RETRANSMITS -> {
                String lastWord = link.actions.get(link.actions.size() - 1);
                assertTrue(lastWord.startsWith("drop:"), "the moment is just after a loss");
                Map<String, Object> lost = before.get(Integer.parseInt(lastWord.substring(5)) - 1);
                assertEquals("lost", lost.get("fate"));
                Map<String, Object> first = firstRetransmission(segments, m);
                if (first == null) {
                    assertEquals("none", answer);
                    assertFalse(replay(link.scenario, link.seed, link.profile, all).pending(), "nothing left to happen");
                } else {
                    assertEquals(first.get("from"), answer);
                }
            }
        }
    }

    /**
     * A host drill: the replay link read back (settings included) replays into the host trace
     * JSON, and the answer is read off the JSON: the listener's queue, the counters' differences
     * (for every option: right exactly when the counter moved by that much), or the first
     * error the application was told after the moment.
     */
    @SuppressWarnings("unchecked")
    static void checkHost(Drill d) {
        HostLink link = HostLink.parse(d.momentPath("en"));
        LabSpec spec = LabSpec.parseHost(link.actions, link.seed, link.profile, link.host);
        assertEquals(d.moment(), spec, "the replay link carries the whole spec");
        Map<String, Object> at = hostTrace(spec);
        assertEquals(d.moment().actions(), at.get("actions"));
        assertEquals(((Text.Ms) d.question().args().get(0)).millis(), at.get("time"), "the question's time is the moment's");
        List<String> all = new ArrayList<>(spec.actions());
        all.addAll(d.reveal());
        Map<String, Object> after = hostTrace(spec.withActions(all));
        Map<String, Object> finalAt = (Map<String, Object>) at.get("final");
        Map<String, Object> finalAfter = (Map<String, Object>) after.get("final");
        String answer = d.answer().value();
        switch (d.id().kind()) {
            case QUEUE_LENGTH -> {
                assertTrue(Set.of("synQueue", "acceptQueue").contains(d.subject()), d.subject());
                assertEquals(answer, ((Map<String, Object>) finalAfter.get("listener")).get(d.subject()).toString());
            }
            case COUNTER -> {
                Map<String, Object> before = (Map<String, Object>) ((Map<String, Object>) finalAt.get("counters")).get(d.subject());
                Map<String, Object> now = (Map<String, Object>) ((Map<String, Object>) finalAfter.get("counters")).get(d.subject());
                for (Option o : d.options()) {
                    int plus = o.value().indexOf('+');
                    String name = o.value().substring(0, plus);
                    long claimed = Long.parseLong(o.value().substring(plus + 1));
                    long moved = (Long) now.get(name) - (Long) before.get(name);
                    assertEquals(o.isRight(), moved == claimed, o.value() + ": " + name + " moved by " + moved);
                }
                assertFalse(answer.endsWith("+0"), "the asked counter moves");
            }
            case ERRNO -> {
                List<Map<String, Object>> errors = list(finalAfter.get("errors"));
                int seen = list(finalAt.get("errors")).size();
                Map<String, Object> first = null;
                for (Map<String, Object> e : errors.subList(seen, errors.size())) {
                    String c = e.get("connection").toString();
                    if (c.equals(d.subject()) || c.startsWith(d.subject() + "/")) {
                        first = e;
                        break;
                    }
                }
                if (first == null) {
                    assertEquals("none", answer);
                    try {
                        assertFalse(spec.withActions(all).replayHost().pending(), "nothing left to happen");
                    } catch (BadActionException e) {
                        fail(e.getMessage());
                    }
                } else {
                    assertEquals(first.get("call") + ":" + first.get("errno") + ":" + first.get("at"), answer);
                    assertEquals(after.get("time"), first.get("at"), "the reveal stops when the application is told");
                }
            }
            default -> fail("not a host kind: " + d.id());
        }
    }

    static Map<String, Object> hostTrace(LabSpec spec) {
        try {
            return Json.object(HostTraceJson.of(spec.replayHost()));
        } catch (BadActionException e) {
            fail("the replay link does not replay: " + e.getMessage());
            return null;
        }
    }

    /** A host lab's replay link read back as a browser would send it: {@code /{lang}/lab/host?actions=…&backlog=…&sysctl.…}. */
    record HostLink(String actions, String seed, String profile, Map<String, String> host) {
        static HostLink parse(String path) {
            URI uri = URI.create("http://localhost" + path);
            String[] parts = uri.getRawPath().split("/");
            assertEquals(4, parts.length, path);
            assertEquals("lab", parts[2]);
            assertEquals("host", parts[3]);
            Map<String, String> query = new LinkedHashMap<>();
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            Map<String, String> host = new LinkedHashMap<>();
            query.forEach((k, v) -> {
                if (k.equals("backlog") || k.equals("keepalive") || k.startsWith("sysctl.")) host.put(k, v);
            });
            return new HostLink(query.get("actions"), query.get("seed"), query.get("profile"), host);
        }
    }

    static Map<String, Object> firstRetransmission(List<Map<String, Object>> segments, int after) {
        for (Map<String, Object> s : segments.subList(after, segments.size())) {
            if (Boolean.TRUE.equals(s.get("retransmission"))) return s;
        }
        return null;
    }

    static Map<String, Object> lastChange(Map<String, Object> trace, tcplab.sim.Side side) {
        Map<String, Object> last = null;
        for (Map<String, Object> c : DrillCheckTest.<Map<String, Object>>list(trace.get("stateChanges"))) {
            if (c.get("endpoint").equals(side.key())) last = c;
        }
        return last;
    }

    @SuppressWarnings("unchecked")
    static String state(Map<String, Object> trace, tcplab.sim.Side side) {
        return (String) ((Map<String, Object>) ((Map<String, Object>) trace.get("final")).get(side.key())).get("state");
    }

    /** RFC 9293's notation, built from the trace JSON's fields. */
    static String rfcNotation(Map<String, Object> s) {
        StringBuilder b = new StringBuilder("<SEQ=").append(s.get("seq")).append('>');
        if (s.get("ack") != null) b.append("<ACK=").append(s.get("ack")).append('>');
        List<Object> flags = list(s.get("flags")).stream().map(Object.class::cast).toList();
        if (!flags.isEmpty()) b.append("<CTL=").append(String.join(",", flags.stream().map(Object::toString).toList())).append('>');
        if (!s.get("data").toString().isEmpty()) b.append("<DATA=\"").append(s.get("data")).append("\">");
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> list(Object o) {
        return (List<T>) o;
    }

    static Map<String, Object> trace(String scenario, Long seed, String profile, List<String> actions) {
        return Json.object(TraceJson.of(replay(scenario, seed, profile, actions)));
    }

    static Snapshot replay(String scenario, Long seed, String profile, List<String> actions) {
        try {
            return Simulation.replay(Scenario.byKey(scenario).orElseThrow(), seed, Profile.byKey(profile).orElseThrow(), actions);
        } catch (BadActionException e) {
            fail("the replay link does not replay: " + e.getMessage());
            return null;
        }
    }

    /** A replay link read back as a browser would send it. */
    record Link(String scenario, Long seed, String profile, List<String> actions) {
        static Link parse(String path) {
            URI uri = URI.create("http://localhost" + path);
            String[] parts = uri.getRawPath().split("/");
            assertEquals(4, parts.length, path);
            assertEquals("lab", parts[2]);
            Map<String, String> query = new LinkedHashMap<>();
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            String actions = query.getOrDefault("actions", "");
            return new Link(parts[3], query.containsKey("seed") ? Long.valueOf(query.get("seed")) : null,
                    query.getOrDefault("profile", "linux"), actions.isEmpty() ? List.of() : List.of(actions.split(",", -1)));
        }
    }
}
