package tcplab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import tcplab.sim.BadActionException;
import tcplab.sim.HostLab;
import tcplab.sim.HostSnapshot;
import tcplab.sim.Profile;
import tcplab.sim.host.HostSettings;
import tcplab.sim.host.Nstat;
import tcplab.support.Json;

/** The host fields of the contract's trace JSON, read back as a client would. */
class HostTraceJsonTest {

    @SuppressWarnings("unchecked")
    @Test
    void carriesTheContractsHostFields() throws BadActionException {
        HostSnapshot s = HostLab.replay(null, Profile.LINUX, HostSettings.DEFAULTS.withBacklog(1),
                List.of("connect:client", "next", "next", "next", "flood:3", "next", "connect:c2", "wait:100"));
        Map<String, Object> json = Json.object(HostTraceJson.of(s));
        assertEquals("host", json.get("scenario"));
        List<Map<String, Object>> segments = (List<Map<String, Object>>) json.get("segments");
        assertEquals(s.segments().size(), segments.size());
        Map<String, Object> syn = segments.get(0);
        assertEquals("client", syn.get("from"));
        assertEquals("server", syn.get("to"));
        assertEquals("192.0.2.10:32768", syn.get("src"));
        assertEquals("198.51.100.20:80", syn.get("dst"));
        assertEquals("client/1", syn.get("connection"));
        List<Map<String, Object>> options = (List<Map<String, Object>>) syn.get("options");
        assertEquals(1460L, ((Number) options.get(0).get("mss")).longValue());
        assertEquals(2, ((List<Object>) options.get(2).get("ts")).size());
        Map<String, Object> flood = segments.get(3);
        assertEquals("attacker", flood.get("from"));
        assertEquals("203.0.113.1:7777", flood.get("src"));
        assertNull(flood.get("connection"));
        List<Map<String, Object>> changes = (List<Map<String, Object>>) json.get("stateChanges");
        assertTrue(changes.stream().allMatch(c -> c.get("connection") != null));
        Map<String, Object> fin = (Map<String, Object>) json.get("final");
        Map<String, Object> listener = (Map<String, Object>) fin.get("listener");
        assertEquals(1L, ((Number) listener.get("acceptQueueMax")).longValue());
        assertEquals((long) s.listener().synQueue(), ((Number) listener.get("synQueue")).longValue());
        Map<String, Map<String, Object>> counters = (Map<String, Map<String, Object>>) fin.get("counters");
        for (Nstat n : Nstat.values()) assertTrue(counters.get("client").containsKey(n.key()), n.key());
        assertEquals(s.counter("server", Nstat.LISTEN_OVERFLOWS), ((Number) counters.get("server").get("TcpExtListenOverflows")).longValue());
        List<Map<String, Object>> connections = (List<Map<String, Object>>) fin.get("connections");
        assertEquals(s.connections().size(), connections.size());
        assertTrue(connections.stream().anyMatch(c -> "server/1".equals(c.get("id")) && "ESTABLISHED".equals(c.get("state"))));
        assertEquals(List.of(), fin.get("errors"));
    }
}
