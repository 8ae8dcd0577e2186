package tcplab.web.session;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tcplab.Config;
import tcplab.support.Learner;
import tcplab.support.RedisServer;
import tcplab.support.TestSite;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 15.5 against a real Redis: a stored value this version cannot use (it does not decode,
 * it no longer replays, the session key has the wrong type) never breaks a learner for good.
 */
class BadStoredValueTest {

    private static final String LESSON = "/en/lessons/three-way-handshake";
    private static final String LAB = LESSON + "/labs/1";

    private static RedisServer redisServer;
    private static TestSite site;
    private static RedisClient rawClient;
    private static StatefulRedisConnection<String, String> rawConnection;
    private static RedisCommands<String, String> redis;

    @BeforeAll static void start() {
        redisServer = new RedisServer();
        site = new TestSite(Config.forTests().withRedis(redisServer.url()));
        rawClient = RedisClient.create(redisServer.url());
        rawConnection = rawClient.connect();
        redis = rawConnection.sync();
    }

    @AfterAll static void stop() {
        rawConnection.close();
        rawClient.shutdown();
        site.close();
        redisServer.close();
    }

    /** A learner with the first lab of the lesson connected, and the name of that lab's field. */
    private static Learner learnerWithALab() {
        Learner learner = new Learner(site);
        learner.press(LAB, "connect");
        return learner;
    }

    private static String key(Learner learner) {
        return RedisSessionStore.key(learner.cookie());
    }

    private static String labField(Learner learner) {
        return redis.hkeys(key(learner)).stream().filter(f -> f.startsWith("lab:")).findFirst().orElseThrow();
    }

    @Test void aLabThatDoesNotDecodeIsAbsentAndTheLearnerPlaysOn() {
        Learner learner = learnerWithALab();
        String field = labField(learner);
        for (String garbage : new String[] {"garbage", "x|handshake|linux||connect", "1|handshake|linux|notaseed|connect", "1|nope|linux||connect"}) {
            redis.hset(key(learner), field, garbage);
            assertEquals(200, learner.page(LESSON).statusCode(), garbage);
            assertNull(redis.hget(key(learner), field), "removed, so it is read once: " + garbage);
            var reset = learner.act(LAB, "reset", 0);
            assertEquals(200, reset.statusCode(), garbage + ": " + reset.body());
            assertEquals(200, learner.act(LAB, "connect", 1).statusCode(), "and plays on");
        }
    }

    @Test void aLabThatNoLongerReplaysStartsAfreshWithANotice() {
        Learner learner = learnerWithALab();
        String field = labField(learner);
        // what an upgrade does: the stored actions stop being legal where they stand
        redis.hset(key(learner), field, "7|handshake|linux||connect,send:nobody:x");
        var page = learner.page(LESSON);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("no longer plays the same way"), "the learner is told");
        assertTrue(redis.hget(key(learner), field).startsWith("8|"), "stored afresh, once: " + redis.hget(key(learner), field));
        assertFalse(learner.page(LESSON).body().contains("no longer plays the same way"), "and only once");
        assertEquals(200, learner.act(LAB, "connect", 8).statusCode());

        redis.hset(key(learner), field, "3|handshake|linux||bogus");
        var zh = learner.page("/zh/lessons/three-way-handshake");
        assertEquals(200, zh.statusCode());
        assertTrue(zh.body().contains("无法按原样重放"), "in both languages");
    }

    @Test void badProgressValuesAreAbsent() {
        Learner learner = learnerWithALab();
        redis.hset(key(learner), "pred:three-way-handshake#1", "not a number");
        redis.hset(key(learner), "quiz:three-way-handshake#1", "1,x,2");
        redis.hset(key(learner), "drills", "no version here");
        assertEquals(200, learner.page(LESSON).statusCode());
        assertEquals(200, learner.page("/en/").statusCode());
        assertNull(redis.hget(key(learner), "pred:three-way-handshake#1"));
        assertNull(redis.hget(key(learner), "quiz:three-way-handshake#1"));
        assertEquals(200, learner.act(LAB, "next", 1).statusCode(), "the lab itself was untouched");
    }

    @Test void aSessionKeyOfTheWrongTypeIsANewSessionNotAnOutage() {
        Learner learner = learnerWithALab();
        String old = learner.cookie();
        redis.del(key(learner));
        redis.set(RedisSessionStore.key(old), "a string where a hash belongs");
        var page = learner.page(LESSON);
        assertEquals(200, page.statusCode(), "no 503: Redis answered");
        var act = learner.act(LAB, "connect", 0);
        assertEquals(200, act.statusCode(), act.body());
        assertNotEquals(old, learner.cookie(), "a fresh session");
        assertEquals(0, redis.exists(RedisSessionStore.key(old)), "the bad key is gone");
        assertEquals("ok store=redis\n", site.get("/healthz").body());
    }
}
