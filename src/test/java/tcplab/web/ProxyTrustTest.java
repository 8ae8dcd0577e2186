package tcplab.web;

import org.junit.jupiter.api.Test;
import tcplab.Config;
import tcplab.support.TestSite;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** REDIS_URL and TRUST_PROXY from the environment, and what trusting a proxy changes. */
class ProxyTrustTest {

    private static final String LAB = "/en/lessons/three-way-handshake/labs/1";

    @Test void theEnvironmentChoosesTheStoreAndTheTrust() {
        Config plain = Config.fromEnvironment(Map.of());
        assertFalse(plain.usesRedis());
        assertFalse(plain.trustProxy());

        Config behindProxy = Config.fromEnvironment(Map.of("REDIS_URL", " redis://10.0.0.5:6379 ", "TRUST_PROXY", "1"));
        assertTrue(behindProxy.usesRedis());
        assertEquals("redis://10.0.0.5:6379", behindProxy.redisUrl());
        assertTrue(behindProxy.trustProxy());
        assertTrue(Config.fromEnvironment(Map.of("TRUST_PROXY", "true")).trustProxy());
        assertFalse(Config.fromEnvironment(Map.of("TRUST_PROXY", "0")).trustProxy());
    }

    @Test void theMemoryStoreIsTheDefault() {
        try (TestSite site = new TestSite()) {
            assertEquals("ok store=memory\n", site.get("/healthz").body());
        }
    }

    @Test void aSessionCookieIsSecureBehindAnHttpsProxyOnlyWhenTheProxyIsTrusted() {
        assertFalse(sessionCookie(Config.forTests()).contains("Secure"), "X-Forwarded-Proto is ignored by default");
        assertTrue(sessionCookie(Config.forTests().withTrustProxy(true)).contains("Secure"));
    }

    @Test void shareLinksStartWithThePublicUrlAndNeverWithAForwardedHost() {
        try (TestSite site = new TestSite(Config.forTests().withTrustProxy(true).withPublicUrl("https://tcp-lab.example.org/"))) {
            var page = site.get("/en/play/handshake", "X-Forwarded-Host", "evil.example").body();
            assertTrue(page.contains("value=\"https://tcp-lab.example.org/en/lab/handshake?actions="), "the configured address, once");
            assertFalse(page.contains("evil.example"));
        }
        try (TestSite site = new TestSite(Config.forTests().withTrustProxy(true))) {
            var page = site.get("/en/play/handshake", "X-Forwarded-Host", "evil.example").body();
            assertTrue(page.contains("value=\"/en/lab/handshake?actions="), "without PUBLIC_URL: a link from the site's root");
            assertFalse(page.contains("evil.example"));
        }
        assertEquals("https://a.example/lab", Config.fromEnvironment(Map.of("PUBLIC_URL", "https://a.example/lab/")).publicUrl());
        assertThrows(IllegalArgumentException.class, () -> Config.fromEnvironment(Map.of("PUBLIC_URL", "javascript:alert(1)")));
    }

    private static String sessionCookie(Config config) {
        try (TestSite site = new TestSite(config)) {
            var response = site.post(LAB, Map.of("do", "connect", "version", "0"), "HX-Request", "true", "X-Forwarded-Proto", "https");
            assertEquals(200, response.statusCode());
            return response.headers().firstValue("Set-Cookie").orElseThrow();
        }
    }
}
