package tcplab.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tcplab.support.TestSite;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.*;

/** The real site over HTTP: pages, errors, path tricks and the headers every response carries. */
class SiteTest {

    private static TestSite site;

    @BeforeAll static void start() {
        site = new TestSite();
    }

    @AfterAll static void stop() {
        site.close();
    }

    @Test
    void rootSendsABrowserToItsPreferredLanguage() {
        var zh = site.get("/", "Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8");
        assertEquals(302, zh.statusCode());
        assertEquals("/zh/", zh.headers().firstValue("Location").orElseThrow());
        assertTrue(zh.headers().firstValue("Vary").orElse("").contains("Accept-Language"));

        assertEquals("/en/", site.get("/", "Accept-Language", "de-DE,en;q=0.5,zh;q=0.3").headers().firstValue("Location").orElseThrow());
        assertEquals("/zh/", site.get("/", "Accept-Language", "en;q=0.2,zh-TW;q=0.8").headers().firstValue("Location").orElseThrow());
        assertEquals("/en/", site.get("/").headers().firstValue("Location").orElseThrow(), "no header: English");
        assertEquals("/en/", site.get("/", "Accept-Language", "!!garbage;;").headers().firstValue("Location").orElseThrow());
    }

    @Test
    void homePageListsTheCourseInEachLanguage() {
        var en = site.get("/en/");
        assertEquals(200, en.statusCode());
        assertTrue(en.body().contains("<html lang=\"en\""));
        assertTrue(en.body().contains("href=\"/en/lessons/three-way-handshake\""));
        assertTrue(en.body().contains("href=\"/zh/\""), "language switch");

        var zh = site.get("/zh");
        assertEquals(200, zh.statusCode());
        assertTrue(zh.body().contains("<html lang=\"zh-Hans\""));
        assertTrue(zh.body().contains("href=\"/zh/lessons/four-way-teardown\""));
    }

    @Test
    void lessonPageHasNavigationTocPagerAndALanguageSwitchToTheSameLesson() {
        var page = site.get("/en/lessons/three-way-handshake");
        assertEquals(200, page.statusCode());
        String html = page.body();
        assertTrue(html.contains("aria-current=\"page\""), "current lesson marked");
        assertTrue(html.contains("href=\"/zh/lessons/three-way-handshake\""), "switch keeps the lesson");
        assertTrue(html.contains("class=\"toc\""));
        Matcher tocLink = Pattern.compile("<aside class=\"toc\"[^>]*>.*?href=\"#([^\"]+)\"", Pattern.DOTALL).matcher(html);
        assertTrue(tocLink.find(), "toc has links");
        assertTrue(html.contains("id=\"" + tocLink.group(1) + "\""), "toc link points at a heading");
        assertTrue(html.contains("rel=\"prev\"") || html.contains("rel=\"next\""));
        assertEquals("text/html;charset=utf-8", page.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase());
    }

    @Test
    void unknownLessonOrLanguageIsA404InsideTheLayout() {
        for (String path : new String[] {"/en/lessons/no-such-lesson", "/fr/lessons/three-way-handshake", "/fr", "/en/nothing/here"}) {
            var response = site.get(path);
            assertEquals(404, response.statusCode(), path);
            assertTrue(response.body().contains("class=\"course-nav\""), path + " is inside the layout");
            assertTrue(response.body().contains("Page not found") || response.body().contains("找不到页面"), path);
        }
        assertTrue(site.get("/zh/lessons/nope").body().contains("找不到页面"), "404 in the language of the path");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/en/lessons/..%2F..%2Fpom.xml", "/en/lessons/%2e%2e%2f%2e%2e%2fpom", "/en/lessons/..%5c..%5cpom",
            "/en/lessons/%2Fetc%2Fpasswd", "/en/lessons/three-way-handshake%00.md", "/en/lessons/three-way-handshake.md",
            "/en/lessons/..", "/static/x/..%2F..%2Fpom.xml", "/static/x/%2e%2e%2fpom.xml", "/en/lessons//etc/passwd",
            "/../../etc/passwd", "/en/lessons/../../content/en/three-way-handshake.md"})
    void pathTricksNeverReadAFileOutsideTheContent(String path) {
        var response = site.get(path);
        assertTrue(response.statusCode() == 404 || response.statusCode() == 400, path + " → " + response.statusCode());
        assertFalse(response.body().contains("<modelVersion>"), "pom.xml leaked");
        assertFalse(response.body().contains("root:x:0:0"), "/etc/passwd leaked");
        assertFalse(response.body().contains("order:"), "raw Markdown leaked");
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        for (String path : new String[] {"/en/", "/en/lessons/three-way-handshake", "/en/lessons/nope", "/healthz"}) {
            var response = site.get(path);
            var headers = response.headers();
            String csp = headers.firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("default-src 'self'"), path);
            assertTrue(csp.contains("frame-ancestors 'none'"), path);
            assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), path);
            assertEquals("nosniff", headers.firstValue("X-Content-Type-Options").orElse(""), path);
            assertTrue(headers.firstValue("Referrer-Policy").isPresent(), path);
            assertTrue(headers.firstValue("Server").isEmpty(), path + " has no server banner");
        }
    }

    @Test
    void pagesUseNoInlineScriptsOrStyles() {
        String html = site.get("/en/lessons/three-way-handshake").body();
        assertFalse(html.contains("style="), "no style attributes");
        assertFalse(html.contains("<style"), "no style elements");
        assertFalse(Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>").matcher(html).find(), "no inline scripts");
        assertFalse(html.contains("hx-on"), "no hx-on (needs eval)");
        assertTrue(html.contains("\"allowEval\":false") && html.contains("\"includeIndicatorStyles\":false"));
    }

    @Test
    void textIsCompressedAndStaticFilesAreCachedByContentHash() throws IOException {
        HttpResponse<byte[]> page = site.getBytes("/en/lessons/three-way-handshake", "Accept-Encoding", "gzip");
        assertEquals("gzip", page.headers().firstValue("Content-Encoding").orElse(""));
        String html = new String(new GZIPInputStream(new ByteArrayInputStream(page.body())).readAllBytes(), StandardCharsets.UTF_8);
        Matcher css = Pattern.compile("href=\"(/static/[0-9a-f]{10}/app\\.css)\"").matcher(html);
        assertTrue(css.find(), "stylesheet URL carries a hash");
        Matcher htmx = Pattern.compile("src=\"(/webjars/htmx\\.org/[0-9.]+/dist/htmx\\.min\\.js)\"").matcher(html);
        assertTrue(htmx.find(), "htmx comes from its webjar");

        var cssResponse = site.get(css.group(1));
        assertEquals(200, cssResponse.statusCode());
        assertTrue(cssResponse.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
        assertTrue(cssResponse.headers().firstValue("Cache-Control").orElse("").contains("max-age=31536000"));

        var stale = site.get(css.group(1).replaceFirst("/static/[0-9a-f]{10}/", "/static/0000000000/"));
        assertEquals("no-cache", stale.headers().firstValue("Cache-Control").orElse(""), "an old hash is not cached forever");

        var js = site.get(htmx.group(1));
        assertEquals(200, js.statusCode());
        assertTrue(js.headers().firstValue("Cache-Control").orElse("").matches(".*max-age=\\d{7,}.*"));
        assertEquals(404, site.get("/static/x/nope.css").statusCode());
    }

    @Test
    void healthCheckAnswers() {
        var health = site.get("/healthz");
        assertEquals(200, health.statusCode());
        assertTrue(health.body().startsWith("ok"));
    }
}
