package tcplab.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tcplab.drill.Deck;
import tcplab.drill.Drill;
import tcplab.drill.DrillId;
import tcplab.drill.Drills;
import tcplab.drill.Kind;
import tcplab.drill.Option;
import tcplab.support.BrowserExtension;
import tcplab.support.Browsers;
import tcplab.support.TestSite;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A learner practises drills in a real browser: right and wrong answers in both languages, the
 * schedule they come back on, progress carried to a fresh browser, the interview round without
 * JavaScript, a phone's width, and nothing axe objects to.
 */
@Tag("browser")
class DrillBrowserTest {

    @RegisterExtension static final BrowserExtension browser = new BrowserExtension();
    static TestSite site;
    static final Path SHOTS = Path.of("target", "screens", "drills");

    @BeforeAll static void start() {
        site = new TestSite();
    }

    @AfterAll static void stop() {
        site.close();
    }

    static final DrillId CHOICE = new DrillId(Deck.LOST_HANDSHAKE, Kind.WHO_RETRANSMITS, 4242);
    static final DrillId STATE = new DrillId(Deck.TWO_MSL, Kind.STATE_AFTER, 5);

    static void choose(Page page, String value) {
        // a segment's value may quote its data: escaped for the CSS attribute selector
        String css = value.replace("\\", "\\\\").replace("\"", "\\\"");
        page.locator("#drill input[name=answer][value=\"" + css + "\"]").check();
        page.locator("#drill button[type=submit]").click();
    }

    static Option wrong(Drill d) {
        return d.options().stream().filter(o -> !o.isRight()).findFirst().orElseThrow();
    }

    @Test
    void aLearnerAnswersInBothLanguagesSeesTheDrillsScheduledAndTakesThemToAnotherBrowser() {
        Page page = browser.page(new Browser.NewContextOptions().setViewportSize(1366, 768));
        Drill first = Drills.generate(CHOICE);
        page.navigate(site.url("/en/drills/d/" + CHOICE.key()));
        choose(page, first.answer().value());
        page.locator(".verdict").waitFor();
        assertEquals("Right.", page.locator(".verdict").innerText());
        assertTrue(page.locator("#drill").innerText().contains("This drill comes back in 24 h (box 2 of 5)."));
        assertEquals("/en/drills/d/" + CHOICE.key(), java.net.URI.create(page.url()).getPath(), "htmx answered in place");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("feedback-right-en-1366.png")).setFullPage(true));
        Browsers.assertAccessible(page);

        Drill second = Drills.generate(STATE);
        page.navigate(site.url("/zh/drills/d/" + STATE.key()));
        choose(page, wrong(second).value());
        page.locator(".verdict").waitFor();
        assertEquals("不完全对。", page.locator(".verdict").innerText());
        assertTrue(page.locator(".drill-miss").innerText().length() > 10, "the misconception behind the choice is named");
        assertTrue(page.locator("#drill").innerText().contains("10 分钟后"), "a miss comes back soon");
        assertTrue(page.locator("#drill a[href^='/zh/lab/']").count() >= 2, "links to the moment and to the answer");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("feedback-wrong-zh-1366.png")).setFullPage(true));

        page.navigate(site.url("/zh/drills/d/" + CHOICE.key()));
        Browsers.assertAccessible(page);

        page.navigate(site.url("/en/drills"));
        String overview = page.locator("main").innerText();
        assertTrue(overview.contains("Nothing is due now."), overview);
        assertEquals(2, overview.split("% of 1 seen").length - 1, "two decks tried, one drill each: " + overview);
        Browsers.assertAccessible(page);

        page.locator("a[href='/en/drills/export']").click();
        String code = page.locator("#progress-code").inputValue();
        assertTrue(code.startsWith("tcplab1."), code);

        BrowserContext fresh = page.context().browser().newContext();
        try {
            Page elsewhere = fresh.newPage();
            elsewhere.navigate(site.url("/zh/drills"));
            assertTrue(elsewhere.locator("main").innerText().contains("还没做过"));
            elsewhere.navigate(site.url("/zh/drills/import"));
            elsewhere.locator("#import-code").fill(code);
            elsewhere.locator("main button[type=submit]").click();
            assertTrue(elsewhere.locator("main .notice").innerText().contains("你现在有 2 道题"));
            elsewhere.navigate(site.url("/en/drills"));
            String there = elsewhere.locator("main").innerText();
            assertEquals(2, there.split("% of 1 seen").length - 1, "the same two decks there: " + there);
            elsewhere.navigate(site.url("/en/drills/import"));
            elsewhere.locator("#import-code").fill(code.substring(0, code.length() - 4) + "AAAA");
            elsewhere.locator("main button[type=submit]").click();
            assertTrue(elsewhere.locator("main .notice-error").innerText().contains("Nothing was changed."));
        } finally {
            fresh.close();
        }
    }

    @Test
    void withoutJavaScriptOnAPhoneTheRoundRunsAndNothingScrollsSideways() {
        Page page = browser.page(new Browser.NewContextOptions().setJavaScriptEnabled(false).setViewportSize(390, 844));
        page.navigate(site.url("/en/drills"));
        noSidewaysScroll(page);
        page.locator("form[action='/en/drills/round'] button").click();
        for (int i = 0; i < 2; i++) {
            assertTrue(page.locator(".round-line").innerText().contains("Question " + (i + 1) + " of 10"));
            noSidewaysScroll(page);
            Drill d = Drills.generate(DrillId.parse(page.locator("#drill input[name=id]").inputValue()).orElseThrow());
            if (d.typed()) {
                page.locator("#drill-typed").fill(d.answer().value());
                page.locator("#drill button[type=submit]").click();
            } else {
                choose(page, d.answer().value());
            }
            assertEquals("Right.", page.locator(".verdict").innerText());
            noSidewaysScroll(page);
            if (i == 0) page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("round-feedback-en-390.png")).setFullPage(true));
            page.locator("#drill a.btn-primary").click();
        }
        // an answer that quotes a segment's data ("GET /") is chosen like any other
        Drill quoted = null;
        for (long seed = 0; quoted == null; seed++) {
            Drill d = Drills.generate(new DrillId(Deck.THREE_WAY, Kind.NEXT_SEGMENT, seed));
            if (d.answer().value().contains("DATA=")) quoted = d;
        }
        page.navigate(site.url("/en/drills/d/" + quoted.id().key()));
        choose(page, quoted.answer().value());
        assertEquals("Right.", page.locator(".verdict").innerText());

        page.navigate(site.url("/zh/drills/d/" + STATE.key()));
        noSidewaysScroll(page);
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("drill-zh-390.png")).setFullPage(true));
        // axe needs JavaScript: the pages are scanned in the other test
    }

    static void noSidewaysScroll(Page page) {
        Object wider = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertEquals(0, ((Number) wider).intValue(), "the page scrolls sideways at " + page.url());
    }

    static final DrillId HOST_QUEUE = new DrillId(Deck.SYN_FLOOD, Kind.QUEUE_LENGTH, 0);
    static final DrillId HOST_ERRNO = new DrillId(Deck.KEEPALIVE, Kind.ERRNO, 2);

    @Test
    void aHostDrillShowsTheHostLabsViewAndIsAnsweredInBothLanguagesAndProgressTravelsAsAFile() throws Exception {
        Page page = browser.page(new Browser.NewContextOptions().setViewportSize(1366, 768));
        Drill queue = Drills.generate(HOST_QUEUE);
        page.navigate(site.url("/en/drills/d/" + HOST_QUEUE.key()));
        assertTrue(page.locator("#drill .host-queues .queue-bar").count() == 2, "the listener's two queues as bars");
        assertTrue(page.locator("#drill table.ss").count() == 1, "the sockets as ss lists them");
        assertTrue(page.locator("#drill .host-ladder-wrap svg.ladder").count() >= 1, "the host ladder");
        Browsers.assertAccessible(page);
        choose(page, queue.answer().value());
        page.locator(".verdict").waitFor();
        assertEquals("Right.", page.locator(".verdict").innerText());
        assertTrue(page.locator("#drill .drill-why").innerText().contains("min(backlog, somaxconn)"));
        String moment = page.locator("#drill a[href^='/en/lab/host?']").first().getAttribute("href");
        assertEquals(queue.momentPath("en"), moment, "the replay link opens the host lab at the moment");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("host-feedback-right-en-1366.png")).setFullPage(true));
        Browsers.assertAccessible(page);

        Drill errno = Drills.generate(HOST_ERRNO);
        page.navigate(site.url("/zh/drills/d/" + HOST_ERRNO.key()));
        choose(page, wrong(errno).value());
        page.locator(".verdict").waitFor();
        assertEquals("不完全对。", page.locator(".verdict").innerText());
        assertTrue(page.locator(".drill-miss").innerText().length() > 10, "the misconception behind the choice is named");
        assertTrue(page.locator("#drill").innerText().contains("半连接队列"), "the host view in Chinese");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("host-feedback-wrong-zh-1366.png")).setFullPage(true));
        Browsers.assertAccessible(page);

        // the host lab opens at the moment the drill asked about
        page.navigate(site.url(errno.momentPath("zh")));
        assertTrue(page.locator(".host-lab").count() == 1);

        // progress as a file: downloaded here, uploaded in a fresh browser
        page.navigate(site.url("/en/drills/export"));
        com.microsoft.playwright.Download download = page.waitForDownload(() -> page.locator("main a[download]").click());
        Path file = SHOTS.resolve("tcplab-progress.txt");
        download.saveAs(file);
        BrowserContext fresh = page.context().browser().newContext();
        try {
            Page elsewhere = fresh.newPage();
            elsewhere.navigate(site.url("/zh/drills/import"));
            elsewhere.locator("#import-file").setInputFiles(file);
            elsewhere.locator("main button[type=submit]").click();
            assertTrue(elsewhere.locator("main .notice").innerText().contains("你现在有 2 道题"), elsewhere.locator("main").innerText());
            Browsers.assertAccessible(elsewhere);
        } finally {
            fresh.close();
        }
    }

    @Test
    void aHostDrillOnAPhoneWithoutJavaScriptDoesNotScrollSideways() {
        Page page = browser.page(new Browser.NewContextOptions().setJavaScriptEnabled(false).setViewportSize(390, 844));
        Drill d = Drills.generate(HOST_QUEUE);
        page.navigate(site.url("/zh/drills/d/" + HOST_QUEUE.key()));
        noSidewaysScroll(page);
        choose(page, wrong(d).value());
        assertEquals("不完全对。", page.locator(".verdict").innerText());
        noSidewaysScroll(page);
        // the answer's host view, the moment's folded: one host view to scroll, not two (about 4,800 px before, about 4,000 now)
        Object tall = page.evaluate("() => document.documentElement.scrollHeight");
        assertTrue(((Number) tall).intValue() < 4300, "the feedback page is " + tall + " px tall at 390");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("host-feedback-zh-390.png")).setFullPage(true));
        page.navigate(site.url("/en/drills/d/" + HOST_ERRNO.key()));
        noSidewaysScroll(page);
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("host-drill-en-390.png")).setFullPage(true));
        page.navigate(site.url("/en/drills/import"));
        noSidewaysScroll(page);
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("import-en-390.png")));
    }
}
