package tcplab.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tcplab.Config;
import tcplab.support.TestSite;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A state-changing request from another site is refused with 403, on top of SameSite cookies. */
class CrossSiteTest {

    private static final String LAB = "/en/lessons/three-way-handshake/labs/1";
    private static final Map<String, String> CONNECT = Map.of("do", "connect", "version", "0");

    private static TestSite site;
    private static TestSite behindProxy;

    @BeforeAll static void start() {
        site = new TestSite();
        Config tests = Config.forTests();
        behindProxy = new TestSite(new Config(tests.host(), 0, false, tests.root(), true));
    }

    @AfterAll static void stop() {
        site.close();
        behindProxy.close();
    }

    private static String self(TestSite s) {
        return "http://127.0.0.1:" + s.port();
    }

    private static void assertRefused(HttpResponse<String> response) {
        assertEquals(403, response.statusCode());
        assertTrue(response.body().contains("another site"), response.body());
        assertTrue(response.headers().firstValue("Set-Cookie").isEmpty(), "a refused request makes no session");
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertTrue(response.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));
    }

    @Test
    void aPostWhoseOriginIsAnotherSiteIsRefused() {
        assertRefused(site.post(LAB, CONNECT, "Origin", "https://evil.example"));
        assertRefused(site.post(LAB, CONNECT, "Origin", "https://evil.example", "HX-Request", "true"));
        assertRefused(site.post(LAB + "/predict", Map.of("version", "0", "q", "0", "choice", "0"), "Origin", "https://evil.example"));
        assertRefused(site.post("/en/lessons/review/quizzes/1", Map.of("q1", "0"), "Origin", "https://evil.example"));
    }

    @Test
    void theSameHostOnAnotherPortOrAnOpaqueOriginIsAnotherSite() {
        assertRefused(site.post(LAB, CONNECT, "Origin", "http://127.0.0.1:1"));
        assertRefused(site.post(LAB, CONNECT, "Origin", "null"));
        assertRefused(site.post(LAB, CONNECT, "Origin", "not a url"));
        assertRefused(site.post(LAB, CONNECT, "Origin", "file://127.0.0.1"));
    }

    @Test
    void withoutAnOriginTheRefererDecides() {
        assertRefused(site.post(LAB, CONNECT, "Referer", "https://evil.example/en/lessons/three-way-handshake"));
        var ours = site.post(LAB, CONNECT, "Referer", self(site) + "/en/lessons/three-way-handshake");
        assertEquals(303, ours.statusCode());
    }

    @Test
    void theOriginWinsOverTheReferer() {
        assertRefused(site.post(LAB, CONNECT, "Origin", "https://evil.example", "Referer", self(site) + "/en/"));
    }

    @Test
    void aPostFromThisSiteIsServed() {
        var plain = site.post(LAB, CONNECT, "Origin", self(site));
        assertEquals(303, plain.statusCode());
        assertTrue(plain.headers().firstValue("Set-Cookie").orElse("").startsWith("tcplab="));
        var htmx = site.post(LAB, CONNECT, "Origin", self(site).toUpperCase(), "HX-Request", "true");
        assertEquals(200, htmx.statusCode(), "scheme and host compare without case");
    }

    @Test
    void aPostWithNeitherHeaderIsServedBecauseOldBrowsersSendNone() {
        assertEquals(303, site.post(LAB, CONNECT).statusCode());
    }

    @Test
    void readingIsNeverRefused() {
        assertEquals(200, site.get("/en/lessons/three-way-handshake", "Origin", "https://evil.example").statusCode());
    }

    @Test
    void aForwardedHostCountsOnlyBehindATrustedProxy() {
        String[] proxied = {"Origin", "https://tcplab.example", "X-Forwarded-Host", "tcplab.example", "X-Forwarded-Proto", "https"};
        assertRefused(site.post(LAB, CONNECT, proxied));
        assertEquals(303, behindProxy.post(LAB, CONNECT, proxied).statusCode());
        assertRefused(behindProxy.post(LAB, CONNECT, "Origin", "https://evil.example", "X-Forwarded-Host", "tcplab.example",
                "X-Forwarded-Proto", "https"));
    }

    @Test
    void theSameHostAndPortUnderAnotherSchemeIsAnotherSite() {
        // issue 15.6: https://127.0.0.1:PORT is not the site served as plain http on PORT
        assertRefused(site.post(LAB, CONNECT, "Origin", "https://127.0.0.1:" + site.port()));
        assertRefused(site.post(LAB, CONNECT, "Referer", "https://127.0.0.1:" + site.port() + "/en/"));
        // behind a proxy that says the site is https, an http origin is not the site either
        assertRefused(behindProxy.post(LAB, CONNECT, "Origin", "http://tcplab.example",
                "X-Forwarded-Host", "tcplab.example", "X-Forwarded-Proto", "https"));
    }

    @Test
    void behindAProxyOnlyItsOwnLastForwardedEntryCounts() {
        // the client's own X-Forwarded-Host comes first; the proxy appends the real one
        assertRefused(behindProxy.post(LAB, CONNECT, "Origin", "https://evil.example",
                "X-Forwarded-Host", "evil.example, tcplab.example", "X-Forwarded-Proto", "https"));
        assertRefused(behindProxy.post(LAB, CONNECT, "Origin", "https://evil.example",
                "X-Forwarded-Host", "evil.example", "X-Forwarded-Host", "tcplab.example", "X-Forwarded-Proto", "https"));
        assertRefused(behindProxy.post(LAB, CONNECT, "Origin", "https://tcplab.example",
                "X-Forwarded-Host", "tcplab.example", "X-Forwarded-Proto", "https, http"));
        assertEquals(303, behindProxy.post(LAB, CONNECT, "Origin", "https://tcplab.example",
                "X-Forwarded-Host", "evil.example, tcplab.example", "X-Forwarded-Proto", "http, https").statusCode());
    }

    @Test
    void theRefusalIsInTheLanguageOfThePage() {
        var zh = site.post("/zh/lessons/three-way-handshake/labs/1", CONNECT, "Origin", "https://evil.example");
        assertEquals(403, zh.statusCode());
        assertTrue(zh.body().contains("其他网站"), zh.body());
    }
}
