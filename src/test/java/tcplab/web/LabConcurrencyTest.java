package tcplab.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tcplab.support.TestSite;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Many threads acting on one lab of one session at once (double clicks, many tabs): every
 * accepted action got its own version, and the lab ends up exactly as a serial replay of the
 * accepted actions, in version order, leaves it.
 */
class LabConcurrencyTest {

    private static final String LESSON = "/en/lessons/three-way-handshake";
    private static final String LAB = LESSON + "/labs/1";
    private static final String[] WORDS = {"connect", "next", "next", "next", "drop", "back", "end", "close:client", "reset"};
    private static final int THREADS = 8;
    private static final int ACTIONS_PER_THREAD = 20;
    private static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"(\\d+)\"");

    private static TestSite site;

    @BeforeAll static void start() {
        site = new TestSite();
    }

    @AfterAll static void stop() {
        site.close();
    }

    private static String cookieOf(HttpResponse<String> response) {
        return response.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private static long versionIn(String fragment) {
        Matcher m = VERSION.matcher(fragment);
        assertTrue(m.find(), "the lab shows its version");
        return Long.parseLong(m.group(1));
    }

    private static HttpResponse<String> act(String cookie, String word, long version) {
        return site.post(LAB, Map.of("do", word, "version", Long.toString(version)), "HX-Request", "true", "Cookie", cookie);
    }

    private static String labOnPage(String cookie) {
        String page = site.get(LESSON, "Cookie", cookie).body();
        Matcher m = Pattern.compile("<section class=\"lab\" id=\"lab-1\".*?</section>", Pattern.DOTALL).matcher(page);
        assertTrue(m.find());
        return m.group();
    }

    @Test
    void concurrentActionsOnOneLabEqualASerialReplayOfTheAcceptedOnes() throws Exception {
        HttpResponse<String> first = site.post(LAB, Map.of("do", "connect", "version", "0"), "HX-Request", "true");
        assertEquals(200, first.statusCode());
        String cookie = cookieOf(first);

        Map<Long, String> accepted = new ConcurrentHashMap<>();
        accepted.put(1L, "connect");
        List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Random random = new Random(t);
            done.add(pool.submit(() -> {
                go.await();
                long seen = 1; // every thread starts from the same form, so most of them race
                for (int i = 0; i < ACTIONS_PER_THREAD; i++) {
                    String word = WORDS[random.nextInt(WORDS.length)];
                    HttpResponse<String> r = act(cookie, word, seen);
                    statuses.add(r.statusCode());
                    assertTrue(r.statusCode() == 200 || r.statusCode() == 400 || r.statusCode() == 409, r.statusCode() + " " + r.body());
                    long now = versionIn(r.body());
                    if (r.statusCode() == 200) {
                        assertEquals(seen + 1, now, "an accepted action moves the version on by one");
                        assertNull(accepted.put(now, word), "two actions were accepted for version " + now);
                    }
                    seen = now;
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
        pool.shutdown();

        TreeMap<Long, String> inOrder = new TreeMap<>(accepted);
        assertEquals(inOrder.size(), inOrder.lastKey(), "versions 1.." + inOrder.lastKey() + " each went to exactly one action: " + inOrder);
        assertTrue(statuses.contains(409), "the threads did race");
        assertTrue(inOrder.size() > THREADS, "many actions were accepted: " + inOrder);

        String replay = cookieOf(site.post(LAB, Map.of("do", "connect", "version", "0"), "HX-Request", "true"));
        for (Map.Entry<Long, String> e : inOrder.tailMap(2L).entrySet()) {
            HttpResponse<String> r = act(replay, e.getValue(), e.getKey() - 1);
            assertEquals(200, r.statusCode(), "serially, " + e + " is accepted too");
        }
        assertEquals(labOnPage(replay), labOnPage(cookie));
    }
}
