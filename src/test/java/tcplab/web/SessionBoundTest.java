package tcplab.web;

import org.junit.jupiter.api.Test;
import tcplab.Config;
import tcplab.support.TestSite;
import tcplab.web.session.MemorySessionStore;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Requests that each start a new session (a class arriving at once, or a bot) never grow the
 * store past its bound: the store evicts, and the site keeps answering. The million-request
 * version runs in bench/.
 */
class SessionBoundTest {

    private static final int BOUND = 50;
    private static final String LAB = "/en/lessons/three-way-handshake/labs/1";

    @Test
    void manyNewSessionsKeepTheStoreAtItsBoundAndTheSiteAnswering() {
        AtomicLong nanos = new AtomicLong();
        MemorySessionStore store = new MemorySessionStore(BOUND, Duration.ofHours(12), nanos::get, Runnable::run);
        try (TestSite site = new TestSite(Config.forTests(), store)) {
            String last = null;
            for (int i = 0; i < BOUND * 4; i++) {
                HttpResponse<String> r = site.post(LAB, Map.of("do", "connect", "version", "0"), "HX-Request", "true");
                assertEquals(200, r.statusCode());
                last = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
                assertTrue(store.size() <= BOUND, "after " + (i + 1) + " sessions the store holds " + store.size());
                nanos.addAndGet(Duration.ofSeconds(1).toNanos());
            }
            assertEquals(BOUND, store.size(), "the store is full, not more");

            assertEquals(200, site.get("/en/lessons/three-way-handshake").statusCode());
            assertEquals(200, site.get("/healthz").statusCode());
            HttpResponse<String> next = site.post(LAB, Map.of("do", "next", "version", "1"), "HX-Request", "true", "Cookie", last);
            assertEquals(200, next.statusCode(), "the newest learner plays on");
            assertTrue(next.headers().firstValue("Set-Cookie").isEmpty(), "in the session it has");

            nanos.addAndGet(Duration.ofHours(13).toNanos());
            assertEquals(0, store.size(), "idle sessions expire");
        }
    }
}
