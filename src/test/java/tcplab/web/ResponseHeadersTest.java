package tcplab.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tcplab.support.RawHttp;
import tcplab.support.TestSite;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every kind of response the site sends (pages, fragments, redirects, errors of every status,
 * static files, webjars, Jetty's own errors) carries the strict CSP, nosniff, a referrer policy
 * and frame-ancestors, and no server banner; every cookie is HttpOnly and SameSite.
 */
class ResponseHeadersTest {

    private static TestSite site;

    @BeforeAll static void start() {
        site = new TestSite();
    }

    @AfterAll static void stop() {
        site.close();
    }

    private static RawHttp.Response get(String path) {
        return RawHttp.send(site.port(), "GET", path.getBytes(StandardCharsets.UTF_8), List.of(), null);
    }

    private static RawHttp.Response post(String path, String body, String... headers) {
        List<String> all = new ArrayList<>(List.of("Content-Type: application/x-www-form-urlencoded"));
        all.addAll(List.of(headers));
        return RawHttp.send(site.port(), "POST", path.getBytes(StandardCharsets.UTF_8), all, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyResponseCarriesTheSecurityHeadersAndNoBanner() {
        String lesson = get("/en/lessons/three-way-handshake").text();
        Matcher css = Pattern.compile("href=\"(/static/[0-9a-f]{10}/app\\.css)\"").matcher(lesson);
        Matcher htmx = Pattern.compile("src=\"(/webjars/htmx\\.org/[^\"]+)\"").matcher(lesson);
        assertTrue(css.find() && htmx.find());
        String lab = "/en/lessons/three-way-handshake/labs/1";

        Map<String, RawHttp.Response> responses = new LinkedHashMap<>();
        responses.put("200 page", get("/en/lessons/three-way-handshake"));
        responses.put("200 home", get("/zh/"));
        responses.put("200 health", get("/healthz"));
        responses.put("200 static", get(css.group(1)));
        responses.put("200 webjar", get(htmx.group(1)));
        responses.put("302 root", get("/"));
        responses.put("200 fragment", post(lab, "do=connect&version=0", "HX-Request: true"));
        responses.put("303 redirect", post(lab, "do=connect&version=0"));
        responses.put("400 bad action", post(lab, "do=bogus&version=0", "HX-Request: true"));
        responses.put("400 bad action page", post(lab, "do=bogus&version=0"));
        responses.put("409 stale version", post(lab, "do=connect&version=7", "HX-Request: true"));
        responses.put("403 cross-site", post(lab, "do=connect&version=0", "Origin: https://evil.example"));
        responses.put("413 too large", post(lab, "do=connect&version=0&text=" + "x".repeat(20_000)));
        responses.put("404 page", get("/en/lessons/nope"));
        responses.put("404 unrouted", get("/nothing/here/at/all"));
        responses.put("404 lab fragment", post("/en/lessons/three-way-handshake/labs/9", "do=next&version=0", "HX-Request: true"));
        responses.put("404 static", get("/static/0000000000/nope.css"));
        responses.put("404 webjar", get("/webjars/nope.js"));
        responses.put("4xx wrong method", RawHttp.send(site.port(), "DELETE", "/en/".getBytes(StandardCharsets.UTF_8), List.of(), null));
        responses.put("400 jetty bad encoding", get("/en/%zz"));
        responses.put("400 jetty bad header", RawHttp.send(site.port(), "GET", "/en/".getBytes(StandardCharsets.UTF_8), List.of("Bad Header: x"), null));

        responses.forEach((what, r) -> {
            String expected = what.split(" ")[0];
            if (expected.matches("\\d+")) assertEquals(Integer.parseInt(expected), r.status(), what + ": " + r.text());
            else assertTrue(r.status() >= 400 && r.status() < 500, what + " → " + r.status());
            assertEquals(WebApp.CSP, r.header("Content-Security-Policy").orElse(null), what);
            assertTrue(r.header("Content-Security-Policy").get().contains("frame-ancestors 'none'"), what);
            assertFalse(r.header("Content-Security-Policy").get().contains("unsafe-"), what);
            assertEquals("nosniff", r.header("X-Content-Type-Options").orElse(null), what);
            assertEquals("same-origin", r.header("Referrer-Policy").orElse(null), what);
            assertEquals("DENY", r.header("X-Frame-Options").orElse(null), what);
            assertTrue(r.header("Server").isEmpty(), what + " has no Server banner");
            assertTrue(r.header("X-Powered-By").isEmpty(), what);
            for (String cookie : r.all("Set-Cookie")) {
                assertTrue(cookie.contains("HttpOnly"), what + ": " + cookie);
                assertTrue(cookie.contains("SameSite=Lax"), what + ": " + cookie);
                assertTrue(cookie.contains("Path=/"), what + ": " + cookie);
            }
            if (r.status() >= 400) {
                assertTrue(r.body().length > 0, what + " says what went wrong");
                assertFalse(r.text().contains("Exception") || r.text().contains("\tat "), what + " shows no stack trace");
            }
        });
        assertTrue(responses.get("200 fragment").header("Set-Cookie").isPresent(), "a first action makes the session");
        // pages and fragments that may show a learner's progress are kept by no cache (issue 15.6)
        for (String what : List.of("200 fragment", "400 bad action", "400 bad action page", "409 stale version", "404 page")) {
            assertEquals("private, no-store", responses.get(what).header("Cache-Control").orElse(null), what);
        }
        assertEquals("private, no-store", get("/en/lessons/three-way-handshake").header("Cache-Control").orElse(null));
        assertEquals("private, no-store", get("/en/play/handshake").header("Cache-Control").orElse(null));
        assertEquals("private, no-store", get("/en/").header("Cache-Control").orElse(null));
        assertTrue(responses.get("413 too large").text().contains("16 KB"), responses.get("413 too large").text());
        assertTrue(responses.get("403 cross-site").text().contains("another site"));
    }
}
