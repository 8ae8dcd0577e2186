package tcplab.web;

import org.junit.jupiter.api.Test;
import tcplab.Config;
import tcplab.support.TestSite;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 15.4: one address cannot fill the session store. Sessions are made only for requests
 * that change something and succeed, and one address starts them no faster than its limit (an
 * honest 429 with Retry-After); learners who have a session play on.
 */
class SessionFloodTest {

    private static final String LAB = "/en/lessons/three-way-handshake/labs/1";
    private static final Map<String, String> CONNECT = Map.of("do", "connect", "version", "0");

    private static Config limited(boolean trustProxy) {
        return Config.forTests().withTrustProxy(trustProxy).withLimits(Config.Limits.DEFAULT.withNewSessions(2, 3));
    }

    private static boolean madeASession(HttpResponse<String> r) {
        return r.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("tcplab="));
    }

    @Test
    void oneAddressStartsSessionsNoFasterThanItsLimit() {
        try (TestSite site = new TestSite(limited(false))) {
            String cookie = null;
            for (int i = 0; i < 3; i++) {
                var r = site.post(LAB, CONNECT, "HX-Request", "true");
                assertEquals(200, r.statusCode(), "within the burst");
                cookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            }
            var refused = site.post(LAB, CONNECT, "HX-Request", "true");
            assertEquals(429, refused.statusCode());
            assertTrue(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()) >= 1);
            assertTrue(refused.body().contains("Too many new sessions"), refused.body());
            assertFalse(madeASession(refused));
            assertEquals(429, site.post("/zh/lessons/three-way-handshake/labs/1", CONNECT).statusCode());

            var learner = site.post(LAB, Map.of("do", "next", "version", "1"), "HX-Request", "true", "Cookie", cookie);
            assertEquals(200, learner.statusCode(), "a learner with a session plays on");
            assertEquals(200, site.get("/en/lessons/three-way-handshake").statusCode(), "reading needs no session");
        }
    }

    @Test
    void behindATrustedProxyTheAddressIsTheProxysOwnForwardedEntry() {
        try (TestSite site = new TestSite(limited(true))) {
            for (int i = 0; i < 3; i++) {
                assertEquals(303, site.post(LAB, CONNECT, "X-Forwarded-For", "10.9.9." + i + ", 203.0.113.7").statusCode());
            }
            assertEquals(429, site.post(LAB, CONNECT, "X-Forwarded-For", "10.9.9.99, 203.0.113.7").statusCode(),
                    "a client-made first entry changes nothing");
            assertEquals(303, site.post(LAB, CONNECT, "X-Forwarded-For", "203.0.113.8").statusCode(), "another learner");
        }
    }

    @Test
    void aRequestThatFailsMakesNoSession() {
        try (TestSite site = new TestSite(Config.forTests())) {
            assertFalse(madeASession(site.post("/en/play/no-such-scenario", CONNECT)), "404");
            assertFalse(madeASession(site.post("/en/lessons/three-way-handshake/labs/99", CONNECT)), "404");
            var bogus = site.post(LAB, Map.of("do", "bogus", "version", "0"), "HX-Request", "true");
            assertEquals(400, bogus.statusCode());
            assertFalse(madeASession(bogus), "a bad form");
            assertFalse(madeASession(site.post(LAB, Map.of("do", "connect"), "HX-Request", "true")), "no version");
            var quiz = site.post("/en/lessons/review/quizzes/1", Map.of("q1", "99"));
            assertEquals(400, quiz.statusCode());
            assertFalse(madeASession(quiz), "an incomplete quiz");
            assertFalse(madeASession(site.post("/en/play/free/load", Map.of("actions", "bogus"))), "a bad replay");
            assertTrue(madeASession(site.post(LAB, CONNECT, "HX-Request", "true")), "a good one does");
        }
    }
}
