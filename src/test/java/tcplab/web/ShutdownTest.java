package tcplab.web;

import org.junit.jupiter.api.Test;
import tcplab.Config;
import tcplab.support.TestSite;
import tcplab.web.session.LabRecord;
import tcplab.web.session.MemorySessionStore;
import tcplab.web.session.Progress;
import tcplab.web.session.SessionStore;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Stopping the site lets a request in flight finish: a learner's "play to the end" is not cut off. */
class ShutdownTest {

    private static final String LAB = "/en/lessons/three-way-handshake/labs/1";

    /** A store whose next lab change waits, once armed, until the test lets it go. */
    private static final class HeldStore implements SessionStore {
        final MemorySessionStore store = new MemorySessionStore();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean armed;

        @Override public boolean replaceLab(String sessionId, String labKey, long expectedVersion, LabRecord next, boolean ended) {
            if (armed) {
                entered.countDown();
                try {
                    assertTrue(release.await(30, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return store.replaceLab(sessionId, labKey, expectedVersion, next, ended);
        }

        @Override public String create() { return store.create(); }
        @Override public boolean exists(String id) { return store.exists(id); }
        @Override public Optional<LabRecord> lab(String id, String key) { return store.lab(id, key); }
        @Override public Progress progress(String id) { return store.progress(id); }
        @Override public void answerPrediction(String id, String key, int choice) { store.answerPrediction(id, key, choice); }
        @Override public void answerQuiz(String id, String key, List<Integer> answers) { store.answerQuiz(id, key, answers); }
        @Override public Optional<tcplab.web.session.DrillsRecord> drills(String id) { return store.drills(id); }
        @Override public boolean replaceDrills(String id, long expected, tcplab.web.session.DrillsRecord next) {
            return store.replaceDrills(id, expected, next);
        }
        @Override public String health() { return store.health(); }
    }

    @Test
    void stoppingLetsARequestInFlightFinish() throws Exception {
        HeldStore held = new HeldStore();
        TestSite site = new TestSite(Config.forTests(), held);
        HttpResponse<String> first = site.post(LAB, Map.of("do", "connect", "version", "0"), "HX-Request", "true");
        String cookie = first.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

        held.armed = true;
        CompletableFuture<HttpResponse<String>> playToEnd = CompletableFuture.supplyAsync(() ->
                site.post(LAB, Map.of("do", "end", "version", "1"), "HX-Request", "true", "Cookie", cookie));
        assertTrue(held.entered.await(30, TimeUnit.SECONDS), "the request is in flight");

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> site.app().stop());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!site.app().jettyServer().server().isStopping() && !stopping.isDone()) {
            assertTrue(System.nanoTime() < deadline, "the server began to stop");
            Thread.onSpinWait();
        }
        assertFalse(stopping.isDone(), "stopping waits for the request in flight");

        held.release.countDown();
        HttpResponse<String> response = playToEnd.get(30, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertTrue(response.body().trim().endsWith("</section>"), "the whole lab came back");
        assertTrue(response.body().contains("ESTABLISHED"), "played to the end");
        stopping.get(30, TimeUnit.SECONDS);
    }
}
