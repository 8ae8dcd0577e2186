package tcplab.export;

import org.junit.jupiter.api.Test;
import tcplab.sim.EndpointSnapshot;
import tcplab.sim.Profile;
import tcplab.sim.Scenario;
import tcplab.sim.SegmentRecord;
import tcplab.sim.Simulation;
import tcplab.sim.Snapshot;
import tcplab.sim.StateChanged;
import tcplab.sim.Timer;
import tcplab.support.Json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The contract's trace JSON read back: every field, for every run, and a replay from the JSON alone gives the same JSON. */
class TraceJsonTest {

    @Test
    void fieldsOfAHandshakeInFlight() throws Exception {
        Snapshot s = Simulation.replay(Scenario.FREE, null, null, List.of("connect", "next"));
        String json = TraceJson.of(s);
        assertTrue(json.startsWith("{\"scenario\":\"free\",\"seed\":null,\"profile\":\"linux\",\"actions\":[\"connect\",\"next\"],\"time\":50,"), json);
        assertTrue(json.contains("{\"n\":1,\"from\":\"client\",\"to\":\"server\",\"sentAt\":0,\"arrivedAt\":50,\"fate\":\"arrived\","
                + "\"flags\":[\"SYN\"],\"seq\":100,\"ack\":null,\"len\":0,\"data\":\"\",\"retransmission\":false}"), json);
        assertTrue(json.contains("{\"at\":0,\"endpoint\":\"client\",\"from\":\"CLOSED\",\"to\":\"SYN-SENT\",\"reason\":\"connect\"}"), json);
        assertTrue(json.contains("\"client\":{\"state\":\"SYN-SENT\",\"iss\":100,\"irs\":null,\"sndUna\":100,\"sndNxt\":101,"
                + "\"rcvNxt\":null,\"timers\":[{\"kind\":\"retransmission\",\"dueAt\":1000,\"attempt\":1}]}"), json);
        assertTrue(json.contains("\"server\":{\"state\":\"SYN-RECEIVED\",\"iss\":300,\"irs\":100,\"sndUna\":300,\"sndNxt\":301,\"rcvNxt\":101"), json);
        assertEquals("\"a\\\"b\\\\\\n\"", TraceJson.str("a\"b\\\n"));
    }

    @Test
    void everyRunRoundTrips() throws Exception {
        List<ExportFixtures.Case> cases = new ArrayList<>(ExportFixtures.cases());
        cases.add(new ExportFixtures.Case("awkward data", Scenario.HANDSHAKE,
                List.of("connect", "next", "next", "send:client:%22%5C%0A%E2%80%A8%F0%9F%98%80%01", "next", "next"), null));
        for (ExportFixtures.Case c : cases) {
            Snapshot s = c.replay();
            String json = TraceJson.of(s);
            Map<String, Object> trace = Json.object(json);
            check(s, trace);
            Snapshot again = Simulation.replay(Scenario.byKey((String) trace.get("scenario")).orElseThrow(),
                    (Long) trace.get("seed"), Profile.byKey((String) trace.get("profile")).orElseThrow(),
                    strings(trace.get("actions")));
            assertEquals(json, TraceJson.of(again), c.name() + ": the JSON's own actions rebuild it exactly");
        }
    }

    @Test
    void seededRunsCarryTheirSeed() throws Exception {
        Snapshot s = Simulation.replay(Scenario.HANDSHAKE, 42L, Profile.RFC, List.of("connect", "next"));
        Map<String, Object> trace = Json.object(TraceJson.of(s));
        assertEquals(42L, trace.get("seed"));
        assertEquals("rfc", trace.get("profile"));
        check(s, trace);
    }

    @SuppressWarnings("unchecked")
    static void check(Snapshot s, Map<String, Object> trace) {
        assertEquals(List.of("scenario", "seed", "profile", "actions", "time", "segments", "stateChanges", "final"),
                new ArrayList<>(trace.keySet()));
        assertEquals(s.scenario().key(), trace.get("scenario"));
        assertEquals(s.actions(), trace.get("actions"));
        assertEquals(s.time(), trace.get("time"));
        List<Map<String, Object>> segments = (List<Map<String, Object>>) trace.get("segments");
        assertEquals(s.segments().size(), segments.size());
        for (int i = 0; i < segments.size(); i++) {
            SegmentRecord r = s.segments().get(i);
            Map<String, Object> j = segments.get(i);
            assertEquals(List.of("n", "from", "to", "sentAt", "arrivedAt", "fate", "flags", "seq", "ack", "len", "data",
                    "retransmission"), new ArrayList<>(j.keySet()));
            assertEquals((long) r.n(), j.get("n"));
            assertEquals(r.from().key(), j.get("from"));
            assertEquals(r.to().key(), j.get("to"));
            assertEquals(r.sentAt(), j.get("sentAt"));
            assertEquals(r.arrivedAt(), j.get("arrivedAt"));
            assertEquals(r.fate().key(), j.get("fate"));
            assertEquals(r.segment().ctl().isEmpty() ? List.of() : Arrays.asList(r.segment().ctl().split(",")), j.get("flags"));
            assertEquals(r.segment().seq(), j.get("seq"));
            assertEquals(r.segment().has(tcplab.sim.Flag.ACK) ? r.segment().ack() : null, j.get("ack"));
            assertEquals((long) r.segment().payload().length, j.get("len"), "len counts payload bytes, as the contract's SYN example (len 0) does");
            assertEquals(r.segment().data(), j.get("data"));
            assertEquals(r.retransmission(), j.get("retransmission"));
        }
        List<Map<String, Object>> changes = (List<Map<String, Object>>) trace.get("stateChanges");
        List<StateChanged> expected = s.stateChanges();
        assertEquals(expected.size(), changes.size());
        for (int i = 0; i < changes.size(); i++) {
            StateChanged c = expected.get(i);
            assertEquals(Map.of("at", c.at(), "endpoint", c.side().key(), "from", c.from().label(), "to", c.to().label(),
                    "reason", c.reason().english()), changes.get(i));
        }
        Map<String, Object> fin = (Map<String, Object>) trace.get("final");
        endpoint(s.client(), (Map<String, Object>) fin.get("client"));
        endpoint(s.server(), (Map<String, Object>) fin.get("server"));
    }

    @SuppressWarnings("unchecked")
    static void endpoint(EndpointSnapshot e, Map<String, Object> j) {
        assertEquals(List.of("state", "iss", "irs", "sndUna", "sndNxt", "rcvNxt", "timers"), new ArrayList<>(j.keySet()));
        assertEquals(e.state().label(), j.get("state"));
        assertEquals(e.iss(), j.get("iss"));
        assertEquals(e.irs(), j.get("irs"));
        assertEquals(e.sndUna(), j.get("sndUna"));
        assertEquals(e.sndNxt(), j.get("sndNxt"));
        assertEquals(e.rcvNxt(), j.get("rcvNxt"));
        List<Map<String, Object>> timers = (List<Map<String, Object>>) j.get("timers");
        assertEquals(e.timers().size(), timers.size());
        for (int i = 0; i < timers.size(); i++) {
            Timer t = e.timers().get(i);
            assertEquals(Map.of("kind", t.kind().key(), "dueAt", t.dueAt(), "attempt", (long) t.attempt()), timers.get(i));
        }
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object list) {
        return (List<String>) list;
    }
}
