package tcplab.web.session;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tcplab.sim.LabSpec;
import tcplab.sim.Profile;
import tcplab.sim.Scenario;
import tcplab.support.RedisServer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RedisSessionStore against a real redis-server: compare-and-set, progress, idle expiry, and an absent Redis. */
class RedisSessionStoreTest {

    private static final Duration IDLE = Duration.ofMinutes(30);

    private static RedisServer server;
    private static RedisSessionStore store;
    private static RedisClient rawClient;
    private static StatefulRedisConnection<String, String> rawConnection;
    private static RedisCommands<String, String> redis;

    @BeforeAll static void startRedis() {
        server = new RedisServer();
        store = new RedisSessionStore(server.url(), IDLE, Duration.ofSeconds(10));
        rawClient = RedisClient.create(server.url());
        rawConnection = rawClient.connect();
        redis = rawConnection.sync();
    }

    @AfterAll static void stopRedis() {
        rawConnection.close();
        rawClient.shutdown();
        store.close();
        server.close();
    }

    private static LabRecord lab(String actions, long version) {
        return new LabRecord(LabSpec.parse(Scenario.HANDSHAKE, actions, null, null), version);
    }

    @Test void aNewSessionExistsAndHasNothingInIt() {
        String id = store.create();
        assertTrue(store.exists(id));
        assertFalse(store.exists(MemorySessionStore.newId()));
        assertTrue(store.lab(id, "three-way-handshake#1").isEmpty());
        assertEquals(Progress.NONE, store.progress(id));
        assertEquals("redis", store.health());
    }

    @Test void replaceLabStoresOnlyOverTheExpectedVersion() {
        String id = store.create();
        String key = "three-way-handshake#1";

        assertTrue(store.replaceLab(id, key, 0, lab("connect", 1)), "the first action, over version 0");
        assertFalse(store.replaceLab(id, key, 0, lab("connect,next", 1)), "a second form made for version 0");
        assertFalse(store.replaceLab(id, key, 5, lab("connect,next", 6)), "a version from the future");
        assertFalse(store.replaceLab(id, key, 1, lab("connect,next", 1)), "a next version that does not grow");
        assertTrue(store.replaceLab(id, key, 1, lab("connect,next", 2)));

        assertEquals(lab("connect,next", 2), store.lab(id, key).orElseThrow());
        assertTrue(store.lab(id, "three-way-handshake#2").isEmpty(), "labs are kept apart by key");
    }

    @Test void aLabRoundTripsWithSeedProfileAndEncodedText() {
        String id = store.create();
        LabRecord record = new LabRecord(LabSpec.parse(Scenario.FREE, "connect,next,send:client:a%7Cb%2C%20c", "-42", "rfc"), 1);
        assertTrue(store.replaceLab(id, "review#1", 0, record));
        assertEquals(record, store.lab(id, "review#1").orElseThrow());
        assertEquals("1|free|rfc|-42|connect,next,send:client:a%7Cb%2C%20c", redis.hget(RedisSessionStore.key(id), "lab:review#1"),
                "stored compactly, version first");
    }

    @Test void labsStoredBeforeTheLabSpecStillLoad() {
        String id = store.create();
        String key = RedisSessionStore.key(id);
        // values as the site wrote them before labs were one LabSpec: version|scenario|profile|seed|actions
        redis.hset(key, "lab:three-way-handshake#1", "7|handshake|linux||connect,next");
        redis.hset(key, "lab:play:free", "2|free|rfc|-42|connect,send:client:a%7Cb%2C%20c");
        redis.hset(key, "lab:play:gone", "3|no-such-scenario|linux||connect");
        assertEquals(new LabRecord(new LabSpec(Scenario.HANDSHAKE, null, Profile.LINUX, List.of("connect", "next")), 7),
                store.lab(id, "three-way-handshake#1").orElseThrow());
        assertEquals(new LabRecord(new LabSpec(Scenario.FREE, -42L, Profile.RFC, List.of("connect", "send:client:a%7Cb%2C%20c")), 2),
                store.lab(id, "play:free").orElseThrow());
        assertTrue(store.lab(id, "play:gone").isEmpty(), "a scenario this version does not know: the learner starts afresh");
        assertTrue(store.replaceLab(id, "three-way-handshake#1", 7, store.lab(id, "three-way-handshake#1").orElseThrow().with(List.of("connect"))),
                "and plays on from the stored version");
    }

    @Test void aHostLabRoundTripsWithItsSettingsBesideConnectionLabs() {
        String id = store.create();
        LabSpec spec = LabSpec.parseHost("flood:10000,next,connect:client,send:client/1:a%7Cb", "7", null,
                Map.of("backlog", "3", "keepalive", "both", "sysctl.tcp_syncookies", "0", "sysctl.ip_local_port_range", "40000-40009"));
        LabRecord host = new LabRecord(spec, 4);
        assertTrue(store.replaceLab(id, "play:host", 0, host));
        assertTrue(store.replaceLab(id, "play:free", 0, lab("connect", 1)));
        assertEquals(host, store.lab(id, "play:host").orElseThrow(), "settings, seed and actions come back as they were");
        assertEquals(lab("connect", 1), store.lab(id, "play:free").orElseThrow());
        assertEquals("4|host|linux|7|backlog=3&keepalive=both&sysctl.tcp_syncookies=0&sysctl.ip_local_port_range=40000-40009"
                        + "|flood:10000,next,connect:client,send:client/1:a%7Cb",
                redis.hget(RedisSessionStore.key(id), "lab:play:host"), "the settings in the contract's URL form before the actions");
        LabRecord defaults = new LabRecord(LabSpec.parseHost("connect:client", null, null, Map.of()), 5);
        assertTrue(store.replaceLab(id, "play:host", 4, defaults));
        assertEquals(defaults, store.lab(id, "play:host").orElseThrow(), "Linux's defaults store as no settings");
        redis.hset(RedisSessionStore.key(id), "lab:play:host", "6|host|linux||sysctl.tcp_gone=1|next");
        assertTrue(store.lab(id, "play:host").isEmpty(), "a setting this version does not know: the learner starts afresh");
    }

    @Test void concurrentCompareAndSetsAreSerialized() throws Exception {
        String id = store.create();
        String key = "review#1";
        int threads = 8;
        int attempts = 40;
        AtomicInteger accepted = new AtomicInteger();
        List<String> words = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < attempts; i++) {
                        LabRecord current = store.lab(id, key).orElse(lab("", 0));
                        List<String> actions = new ArrayList<>(current.actionList());
                        String word = "w" + thread + "x" + i;
                        actions.add(word);
                        if (store.replaceLab(id, key, current.version(), current.with(actions))) {
                            accepted.incrementAndGet();
                            words.add(word);
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) f.get(20, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        LabRecord last = store.lab(id, key).orElseThrow();
        assertEquals(accepted.get(), last.version(), "one version per accepted change");
        assertEquals(accepted.get(), last.actionList().size(), "no accepted change was overwritten");
        assertEquals(Set.copyOf(words), Set.copyOf(last.actionList()));
    }

    @Test void progressIsKeptBesideTheLabs() {
        String id = store.create();
        assertTrue(store.replaceLab(id, "three-way-handshake#1", 0, lab("connect", 1), true));
        store.answerPrediction(id, "three-way-handshake#1", 2);
        store.answerQuiz(id, "three-way-handshake#1", List.of(0, 2, 1));
        store.answerQuiz(id, "review#1", List.of());
        Progress progress = store.progress(id);
        assertEquals(Set.of("three-way-handshake#1"), progress.endedLabs());
        assertEquals(Map.of("three-way-handshake#1", 2), progress.predictions());
        assertEquals(Map.of("three-way-handshake#1", List.of(0, 2, 1), "review#1", List.of()), progress.quizzes());
    }

    @Test void theActionThatFinishesALabStoresItAndItsMarkTogether() {
        String id = store.create();
        assertTrue(store.replaceLab(id, "review#1", 0, lab("connect", 1), false));
        assertEquals(Set.of(), store.progress(id).endedLabs());
        assertFalse(store.replaceLab(id, "review#1", 0, lab("connect,end", 1), true), "a refused change marks nothing");
        assertEquals(Set.of(), store.progress(id).endedLabs());
        assertTrue(store.replaceLab(id, "review#1", 1, lab("connect,end", 2), true));
        assertEquals(Set.of("review#1"), store.progress(id).endedLabs());
        assertEquals(2, store.lab(id, "review#1").orElseThrow().version());
        // the memory store keeps the same promise
        MemorySessionStore memory = new MemorySessionStore();
        String m = memory.create();
        assertFalse(memory.replaceLab(m, "review#1", 3, lab("connect", 4), true));
        assertEquals(Set.of(), memory.progress(m).endedLabs());
        assertTrue(memory.replaceLab(m, "review#1", 0, lab("connect", 1), true));
        assertEquals(Set.of("review#1"), memory.progress(m).endedLabs());
    }

    @Test void everyAccessRenewsTheIdleExpiry() {
        String id = store.create();
        String key = RedisSessionStore.key(id);
        assertTtlIsTheIdleTime(key);

        redis.pexpire(key, 5_000);
        assertTrue(store.exists(id));
        assertTtlIsTheIdleTime(key);

        redis.pexpire(key, 5_000);
        assertTrue(store.replaceLab(id, "review#1", 0, lab("connect", 1)));
        assertTtlIsTheIdleTime(key);

        redis.pexpire(key, 5_000);
        store.answerPrediction(id, "review#1", 1);
        assertTtlIsTheIdleTime(key);
    }

    @Test void anExpiredSessionIsGoneAndNothingBringsItBack() {
        String id = store.create();
        assertTrue(store.replaceLab(id, "review#1", 0, lab("connect", 1)));
        redis.del(RedisSessionStore.key(id)); // what Redis does when the TTL runs out

        assertFalse(store.exists(id));
        assertFalse(store.replaceLab(id, "review#1", 0, lab("connect", 1)));
        assertFalse(store.replaceLab(id, "review#1", 1, lab("connect,next", 2)));
        assertFalse(store.replaceLab(id, "review#1", 1, lab("connect,end", 2), true));
        store.answerPrediction(id, "review#1", 1);
        store.answerQuiz(id, "review#1", List.of(1));
        assertEquals(0, redis.exists(RedisSessionStore.key(id)), "writes to an expired session create nothing");
        assertEquals(Progress.NONE, store.progress(id));
    }

    @Test void withoutRedisEveryCallFailsQuicklyAsUnavailable() {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (RedisSessionStore absent = new RedisSessionStore("redis://127.0.0.1:" + closedPort, IDLE, Duration.ofSeconds(1))) {
            long start = System.nanoTime();
            assertThrows(SessionStore.Unavailable.class, absent::create);
            assertThrows(SessionStore.Unavailable.class, () -> absent.exists(MemorySessionStore.newId()));
            assertThrows(SessionStore.Unavailable.class, absent::health);
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "fails fast, never hangs");
        }
    }

    private static void assertTtlIsTheIdleTime(String key) {
        long ttl = redis.pttl(key);
        assertTrue(ttl > IDLE.toMillis() - 60_000 && ttl <= IDLE.toMillis(), "TTL " + ttl + " ms, expected about " + IDLE.toMillis());
    }

    @Test
    void drillsAreComparedAndSetLikeALabAndLeaveTheCourseProgressAlone() {
        for (SessionStore any : java.util.List.of(store, new MemorySessionStore())) {
            String sid = any.create();
            org.junit.jupiter.api.Assertions.assertTrue(any.drills(sid).isEmpty());
            org.junit.jupiter.api.Assertions.assertTrue(any.replaceDrills(sid, 0, new DrillsRecord("AQA|", 1)));
            org.junit.jupiter.api.Assertions.assertFalse(any.replaceDrills(sid, 0, new DrillsRecord("AQB|", 1)), "a stale version is refused");
            org.junit.jupiter.api.Assertions.assertTrue(any.replaceDrills(sid, 1, new DrillsRecord("AQC|1~a.b.1~~-1", 2)));
            org.junit.jupiter.api.Assertions.assertEquals(new DrillsRecord("AQC|1~a.b.1~~-1", 2), any.drills(sid).orElseThrow());
            org.junit.jupiter.api.Assertions.assertEquals(Progress.NONE, any.progress(sid));
            org.junit.jupiter.api.Assertions.assertFalse(any.replaceDrills("no-such-session-at-all", 0, new DrillsRecord("x", 1)));
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new DrillsRecord("x".repeat(DrillsRecord.MAX_CHARS + 1), 1), "a book is bounded");
    }
}
