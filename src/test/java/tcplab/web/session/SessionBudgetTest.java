package tcplab.web.session;

import org.junit.jupiter.api.Test;
import tcplab.sim.LabSpec;
import tcplab.sim.Scenario;
import tcplab.support.RedisServer;

import java.time.Duration;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 15.4: a session's limit counts bytes, not entries. The load POST (212 sends of
 * 64 bytes, about 16 KB) fits a few times, then the store refuses the change and keeps what it had.
 */
class SessionBudgetTest {

    /** The flood lab: a handshake, then 64-byte sends, as one load POST stores it. */
    private static LabRecord heavy(long version) {
        List<String> words = new java.util.ArrayList<>(List.of("connect", "next", "next", "next"));
        words.addAll(Collections.nCopies(208, "send:client:" + "x".repeat(64)));
        return new LabRecord(new LabSpec(Scenario.FREE, null, null, words), version);
    }

    private static void fillsUpAndRefuses(SessionStore store) {
        String id = store.create();
        int stored = 0;
        SessionStore.Full refused = null;
        for (int i = 0; i < 20 && refused == null; i++) {
            try {
                assertTrue(store.replaceLab(id, "play:lab" + i, 0, heavy(1)));
                stored++;
            } catch (SessionStore.Full full) {
                refused = full;
            }
        }
        assertNotNull(refused, "the budget is reached");
        int perLab = heavy(1).spec().actionsText().length();
        assertEquals(SessionStore.MAX_SESSION_BYTES / perLab, stored, "as many labs as fit in " + SessionStore.MAX_SESSION_BYTES + " bytes");
        assertTrue(store.lab(id, "play:lab" + stored).isEmpty(), "the refused lab was not stored");
        assertEquals(1, store.lab(id, "play:lab0").orElseThrow().version(), "what was stored stays");
        // a learner at the limit can still make small changes that fit: replacing a lab with a shorter one
        assertTrue(store.replaceLab(id, "play:lab0", 1, new LabRecord(new LabSpec(Scenario.FREE, null, null, List.of("connect")), 2)));
    }

    @Test void theMemoryStoreCountsBytes() {
        fillsUpAndRefuses(new MemorySessionStore());
    }

    @Test void theRedisStoreCountsBytes() {
        try (RedisServer server = new RedisServer();
             RedisSessionStore store = new RedisSessionStore(server.url(), Duration.ofMinutes(5), Duration.ofSeconds(5))) {
            fillsUpAndRefuses(store);
        }
    }
}
