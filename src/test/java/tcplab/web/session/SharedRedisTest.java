package tcplab.web.session;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tcplab.Config;
import tcplab.sim.Send;
import tcplab.sim.Side;
import tcplab.support.RedisServer;
import tcplab.support.Learner;
import tcplab.support.TestSite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two instances of the site share one real Redis, the way a course runs behind a load
 * balancer: a learner may land on either, an instance may restart, Redis may go away.
 */
class SharedRedisTest {

    private static final String HANDSHAKE = "/en/lessons/three-way-handshake";
    private static final String HANDSHAKE_LAB = HANDSHAKE + "/labs/1";
    private static final String REVIEW = "/en/lessons/review";
    private static final String FREE_LAB = REVIEW + "/labs/1";
    private static final List<String> ESTABLISH = List.of("connect", "next", "next", "next");

    private static RedisServer redisServer;
    private static Config config;
    private static TestSite a;
    private static TestSite b;
    private static RedisClient rawClient;
    private static StatefulRedisConnection<String, String> rawConnection;
    private static RedisCommands<String, String> redis;

    @BeforeAll static void start() {
        redisServer = new RedisServer();
        config = Config.forTests().withRedis(redisServer.url());
        a = new TestSite(config);
        b = new TestSite(config);
        rawClient = RedisClient.create(redisServer.url());
        rawConnection = rawClient.connect();
        redis = rawConnection.sync();
    }

    @AfterAll static void stop() {
        rawConnection.close();
        rawClient.shutdown();
        a.close();
        b.close();
        redisServer.close();
    }

    @Test void bothInstancesSayTheyUseRedis() {
        for (TestSite site : List.of(a, b)) {
            var health = site.get("/healthz");
            assertEquals(200, health.statusCode());
            assertEquals("ok store=redis\n", health.body());
        }
    }

    @Test void aLearnerAlternatingBetweenInstancesSeesOneLabAndOneProgress() {
        Learner learner = new Learner();
        long version = 0;
        TestSite[] turns = {a, b, a, b};
        for (int i = 0; i < ESTABLISH.size(); i++) {
            var response = learner.act(turns[i], HANDSHAKE_LAB, ESTABLISH.get(i), version);
            assertEquals(200, response.statusCode(), "step " + (i + 1) + " on instance " + (i % 2 == 0 ? "A" : "B"));
            assertEquals(version + 1, version(response.body()), "one version per step, whichever instance took it");
            version++;
        }
        assertEquals(List.of("ESTABLISHED", "ESTABLISHED"), states(learner.act(a, HANDSHAKE_LAB, "next", 2).body()),
                "a stale form on A is refused with the lab as B left it");

        int questions = questions(a.get(HANDSHAKE).body());
        Map<String, String> answers = new LinkedHashMap<>();
        for (int q = 1; q <= questions; q++) answers.put("q" + q, "0");
        assertEquals(200, learner.post(b, HANDSHAKE + "/quizzes/1", answers, "HX-Request", "true").statusCode());

        String onA = learner.page(a, HANDSHAKE).body();
        String onB = learner.page(b, HANDSHAKE).body();
        assertEquals(labSection(onA, "lab-1"), labSection(onB, "lab-1"), "one history, the same on both");
        assertEquals(List.of("ESTABLISHED", "ESTABLISHED"), states(labSection(onA, "lab-1")));
        assertEquals(nav(onA), nav(onB), "one progress, the same on both");
        assertTrue(nav(onA).contains("class=\"score\""), "the quiz score shows in the course menu");
        assertEquals("1", redis.hget(RedisSessionStore.key(learner.cookie()), "end:three-way-handshake#1"), "the lab counts as played to its end");
    }

    @Test void aRestartedInstanceContinuesTheLabWhereItWas() {
        Learner learner = new Learner();
        assertEquals(200, learner.act(a, HANDSHAKE_LAB, "connect", 0).statusCode());
        assertEquals(200, learner.act(a, HANDSHAKE_LAB, "next", 1).statusCode());
        String before = labSection(learner.page(a, HANDSHAKE).body(), "lab-1");

        a.close();
        a = new TestSite(config);
        assertEquals(before, labSection(learner.page(a, HANDSHAKE).body(), "lab-1"), "the lab is where it was");
        var response = learner.act(a, HANDSHAKE_LAB, "next", 2);
        assertEquals(200, response.statusCode());
        assertEquals(3, version(response.body()));
        assertEquals("connect,next,next", storedLab(learner, "three-way-handshake#1").spec().actionsText());
    }

    @Test void concurrentActionsThroughBothInstancesAreSerialized() throws Exception {
        Learner learner = establishedFreeLab();
        int threads = 6;
        int attemptsEach = 15;
        Map<Long, String> acceptedByVersion = new ConcurrentHashMap<>();
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                TestSite site = t % 2 == 0 ? a : b;
                int thread = t;
                futures.add(pool.submit(() -> {
                    long known = ESTABLISH.size();
                    for (int i = 0; i < attemptsEach; i++) {
                        String text = "t" + thread + "n" + i;
                        var response = learner.send(site, FREE_LAB, text, known);
                        known = version(response.body());
                        if (response.statusCode() == 200) {
                            assertNull(acceptedByVersion.putIfAbsent(known, wordOf(text)), "two actions accepted as version " + known);
                        } else {
                            assertEquals(409, response.statusCode(), response.body());
                            conflicts.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertEquals(threads * attemptsEach, acceptedByVersion.size() + conflicts.get(), "every attempt was accepted or refused as stale");
        List<String> serial = new ArrayList<>(ESTABLISH);
        serial.addAll(new TreeMap<>(acceptedByVersion).values());
        LabRecord stored = storedLab(learner, "review#1");
        assertEquals(serial, stored.actionList(), "the stored log is the accepted actions, in the order of their versions");
        assertEquals(serial.size(), stored.version());
        assertEquals(labSection(learner.page(a, REVIEW).body(), "lab-1"), labSection(learner.page(b, REVIEW).body(), "lab-1"));
    }

    @Test void whileRedisIsAwayLearnersGetAClearTemporaryErrorAndNothingIsLost() throws Exception {
        Learner steady = new Learner();
        assertEquals(200, steady.act(a, HANDSHAKE_LAB, "connect", 0).statusCode());
        assertEquals(200, steady.act(b, HANDSHAKE_LAB, "next", 1).statusCode());
        Learner busy = establishedFreeLab();

        // The busy learner keeps sending through both instances while Redis stops and starts.
        BlockingQueue<Integer> statuses = new LinkedBlockingQueue<>();
        Map<Long, String> accepted = new ConcurrentHashMap<>();
        List<String> attempted = new ArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        Future<?> acting = worker.submit(() -> {
            long known = ESTABLISH.size();
            for (int i = 0; !done.get() && i < 20_000; i++) {
                String text = "x" + i;
                attempted.add(wordOf(text));
                var response = busy.send(i % 2 == 0 ? a : b, FREE_LAB, text, known);
                if (response.statusCode() == 200) {
                    known = version(response.body());
                    accepted.put(known, wordOf(text));
                } else if (response.statusCode() == 409) {
                    known = version(response.body()); // its earlier request was stored though its answer was lost
                } else {
                    assertEquals(503, response.statusCode(), response.body());
                }
                statuses.add(response.statusCode());
            }
            return null;
        });
        try {
            awaitStatus(statuses, 200, 3);
            redisServer.stop();
            awaitStatus(statuses, 503, 3);

            var fragment = steady.act(a, HANDSHAKE_LAB, "next", 2, "HX-Target", "lab-1");
            assertEquals(503, fragment.statusCode());
            assertEquals("#lab-1", fragment.headers().firstValue("HX-Retarget").orElse(""), "the notice goes into the lab that asked");
            assertEquals("afterbegin", fragment.headers().firstValue("HX-Reswap").orElse(""));
            assertTrue(fragment.body().contains("Nothing you had done is lost"), fragment.body());
            assertTrue(fragment.body().length() < 400, "a small fragment, not a page");

            var page = steady.post(b, HANDSHAKE_LAB, Map.of("do", "next", "version", "2"));
            assertEquals(503, page.statusCode());
            assertTrue(page.body().contains("<title>Temporarily unavailable"), "a whole page without htmx");
            var zh = steady.page(a, "/zh/lessons/three-way-handshake");
            assertEquals(503, zh.statusCode());
            assertTrue(zh.body().contains("暂时无法使用"), "in the page's language");
            assertEquals(200, a.get(HANDSHAKE).statusCode(), "reading lessons needs no store");
            assertEquals(503, a.get("/healthz").statusCode());
            assertEquals(503, b.get("/healthz").statusCode());

            redisServer.start();
            awaitHealthy(a);
            awaitHealthy(b);
            awaitStatus(statuses, 200, 3);
        } finally {
            done.set(true);
            acting.get(30, TimeUnit.SECONDS);
            worker.shutdownNow();
            redisServer.start();
        }

        var next = steady.act(a, HANDSHAKE_LAB, "next", 2);
        assertEquals(200, next.statusCode(), "the steady learner's lab survived, at the version it had");
        assertEquals("connect,next,next", storedLab(steady, "three-way-handshake#1").spec().actionsText());

        LabRecord busyLab = storedLab(busy, "review#1");
        List<String> actions = busyLab.actionList();
        assertEquals(actions.size(), busyLab.version(), "one version per stored action");
        assertEquals(ESTABLISH, actions.subList(0, ESTABLISH.size()));
        accepted.forEach((version, word) -> assertEquals(word, actions.get((int) (version - 1)),
                "every accepted action is stored at its version"));
        assertTrue(attempted.containsAll(actions.subList(ESTABLISH.size(), actions.size())), "nothing else was stored");
        assertEquals(200, busy.page(b, REVIEW).statusCode(), "the lab still replays");
    }

    @Test void anInstanceStartedWhileRedisIsDownConnectsOnceItIsUp() {
        redisServer.stop();
        try (TestSite c = new TestSite(config)) {
            assertEquals(503, c.get("/healthz").statusCode(), "it starts, and says the store is away");
            assertEquals(503, new Learner().act(c, HANDSHAKE_LAB, "connect", 0).statusCode());
            redisServer.start();
            awaitHealthy(c);
            awaitHealthy(a);
            awaitHealthy(b);
            Learner learner = new Learner();
            assertEquals(200, learner.act(c, HANDSHAKE_LAB, "connect", 0).statusCode());
            assertEquals(200, learner.act(a, HANDSHAKE_LAB, "next", 1).statusCode(), "and shares the learner with the others");
        } finally {
            redisServer.start();
        }
    }

    // ---- helpers

    private static Learner establishedFreeLab() {
        Learner learner = new Learner();
        for (int i = 0; i < ESTABLISH.size(); i++) {
            assertEquals(200, learner.act(i % 2 == 0 ? a : b, FREE_LAB, ESTABLISH.get(i), i).statusCode());
        }
        return learner;
    }

    private static LabRecord storedLab(Learner learner, String labKey) {
        String stored = redis.hget(RedisSessionStore.key(learner.cookie()), "lab:" + labKey);
        assertNotNull(stored, "Redis holds " + labKey);
        return RedisSessionStore.decode(stored).orElseThrow();
    }

    private static String wordOf(String text) {
        return new Send(Side.CLIENT, text).word();
    }

    /** Waits, within a bound, until the worker has seen {@code count} more responses with {@code status}. */
    private static void awaitStatus(BlockingQueue<Integer> statuses, int status, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        int seen = 0;
        while (seen < count) {
            Integer next = statuses.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) fail("no " + count + " responses with status " + status + " within 15 s");
            if (next == status) seen++;
        }
    }

    private static void awaitHealthy(TestSite site) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (site.get("/healthz").statusCode() != 200) {
            if (System.nanoTime() > deadline) fail("the site did not reconnect to Redis within 15 s");
        }
    }

    static long version(String html) {
        Matcher m = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(html);
        assertTrue(m.find(), "the lab's forms carry its version: " + html);
        return Long.parseLong(m.group(1));
    }

    static List<String> states(String html) {
        Matcher m = Pattern.compile("class=\"state [^\"]*\">([A-Z0-9-]+)<").matcher(html);
        List<String> states = new ArrayList<>();
        while (m.find()) states.add(m.group(1));
        return states;
    }

    /** The lab's region, with the instance's own address (in its share link) taken out. */
    static String labSection(String page, String anchor) {
        int start = page.indexOf("<section class=\"lab\" id=\"" + anchor + "\"");
        assertTrue(start >= 0, "page has " + anchor);
        return page.substring(start, page.indexOf("</section>", start)).replaceAll("http://127\\.0\\.0\\.1:\\d+", "http://site");
    }

    static String nav(String page) {
        int start = page.indexOf("<nav class=\"course-nav\"");
        assertTrue(start >= 0, "page has the course menu");
        return page.substring(start, page.indexOf("</nav>", start));
    }

    static int questions(String page) {
        Matcher m = Pattern.compile("name=\"q(\\d+)\"").matcher(page.substring(page.indexOf("class=\"quiz\"")));
        int max = 0;
        while (m.find()) max = Math.max(max, Integer.parseInt(m.group(1)));
        assertTrue(max > 0, "the lesson has a quiz");
        return max;
    }
}
