package tcplab.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tcplab.Config;
import tcplab.support.TestSite;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A teacher's edit loop in development ({@code TCPLAB_DEV=1}): a lesson with a typo shows the
 * file, block, line and problem on its own page, inside the site's layout, and every other
 * page is served as before.
 */
class BrokenLessonPageTest {

    @TempDir
    Path root;

    private TestSite site;
    private int line;

    @BeforeEach
    void developmentSiteWithABrokenLesson() throws IOException {
        Path repo = Path.of("").toAbsolutePath();
        Files.createSymbolicLink(root.resolve("templates"), repo.resolve("templates"));
        Files.createSymbolicLink(root.resolve("static"), repo.resolve("static"));
        String lesson = Files.readString(repo.resolve("content/en/three-way-handshake.md"));
        List<String> lines = new java.util.ArrayList<>(lesson.lines().toList());
        int profile = lines.indexOf("profile: linux");
        lines.set(profile, "profile: rfcc");
        line = profile + 1;
        for (String lang : List.of("en", "zh")) {
            Path dir = Files.createDirectories(root.resolve("content/" + lang));
            Files.copy(repo.resolve("content/" + lang + "/three-way-handshake.md"), dir.resolve("three-way-handshake.md"));
        }
        Files.writeString(root.resolve("content/en/broken.md"), String.join("\n", lines) + "\n");
        site = new TestSite(new Config("127.0.0.1", 0, true, root, false));
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void theBrokenLessonSaysWhereAndWhatInTheLayout() {
        HttpResponse<String> page = site.get("/en/lessons/broken");
        assertEquals(500, page.statusCode());
        String text = unescape(page.body());
        assertTrue(text.contains("<h1>This lesson cannot be shown</h1>"), text);
        assertTrue(text.contains("en/broken.md"), text);
        assertTrue(text.contains("lab block 1"), text);
        assertTrue(text.contains("<dd>" + line + "</dd>"), "line " + line + " in " + text);
        assertTrue(text.contains("unknown profile 'rfcc': one of [linux, rfc]"), text);
        assertTrue(text.contains("href=\"/en/lessons/three-way-handshake\""), "the layout's navigation is there: " + text);
    }

    @Test
    void aLabActionInTheBrokenLessonSaysTheSame() {
        HttpResponse<String> action = site.post("/en/lessons/broken/labs/1", java.util.Map.of("action", "connect", "version", "0"));
        assertEquals(500, action.statusCode());
        assertTrue(unescape(action.body()).contains("unknown profile 'rfcc'"), action.body());
    }

    @Test
    void everyOtherPageIsServed() {
        for (String path : List.of("/en/", "/zh/", "/en/lessons/three-way-handshake", "/zh/lessons/three-way-handshake")) {
            assertEquals(200, site.get(path).statusCode(), path);
        }
        assertEquals(404, site.get("/en/lessons/no-such-lesson").statusCode());
    }

    @Test
    void theChinesePageSaysTheSame() {
        Path zh = root.resolve("content/zh/broken.md");
        try {
            Files.copy(root.resolve("content/en/broken.md"), zh);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String text = unescape(site.get("/zh/lessons/broken").body());
        assertTrue(text.contains("<h1>这一课无法显示</h1>"), text);
        assertTrue(text.contains("zh/broken.md") && text.contains("unknown profile 'rfcc'"), text);
    }

    private static String unescape(String html) {
        return html.replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

}
