package tcplab.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tcplab.support.BrowserExtension;
import tcplab.support.Browsers;
import tcplab.support.TestSite;

import java.nio.file.Path;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16: a learner plays host labs in the browser, on a phone and a laptop, in both
 * languages: a 10,000-SYN flood (the SYN queue and a one-line summary, not 10,000 rows), and an
 * accept-queue overflow set up from the settings form (backlog 1: the third client's ACK is
 * dropped while it believes it is connected). Nothing scrolls sideways; axe finds nothing.
 * Screenshots go to target/screens/host-*.png.
 */
@Tag("browser")
class HostLabBrowserTest {

    @RegisterExtension static final BrowserExtension browser = new BrowserExtension();
    private static TestSite site;

    @BeforeAll static void start() {
        site = new TestSite();
    }

    @AfterAll static void stop() {
        site.close();
    }

    /** Presses a control and waits for the lab htmx swaps in (its version moves on). */
    private static void click(Page page, String word) {
        press(page, page.locator("section.lab button[value='" + word + "']").first());
    }

    private static void press(Page page, Locator button) {
        String version = page.locator("section.lab input[name=version]").first().inputValue();
        button.click();
        page.waitForFunction("v => { const i = document.querySelector('section.lab input[name=version]'); return i && i.value !== v; }", version);
    }

    private static void noSidewaysScroll(Page page, int width) {
        Object wide = page.evaluate("() => document.documentElement.scrollWidth");
        assertTrue(((Number) wide).intValue() <= width, "the page is " + wide + " px wide at " + width);
    }

    /** Every socket's row read without scrolling its box sideways (below 40rem a card a socket), its addresses whole. */
    private static void socketsReadable(Page page) {
        Locator box = page.locator(".host-sockets .table-scroll");
        assertEquals(false, box.evaluate("w => w.scrollWidth > w.clientWidth"), "ss -tan fits its box");
        Locator rows = page.locator("table.ss tbody tr");
        double right = box.boundingBox().x + box.boundingBox().width;
        for (int i = 0; i < rows.count(); i++) {
            Locator cells = rows.nth(i).locator("td:visible");
            for (int c = 0; c < cells.count(); c++) {
                var cell = cells.nth(c).boundingBox();
                assertTrue(cell.x + cell.width <= right + 0.5, "\"" + cells.nth(c).innerText() + "\" inside the box");
            }
        }
    }

    @ParameterizedTest(name = "{0} at {1}x{2}")
    @CsvSource({"en,390,844", "zh,390,844", "en,1366,768", "zh,1366,768"})
    void aFloodAndAnAcceptQueueOverflow(String lang, int width, int height) {
        Page page = browser.page(new Browser.NewContextOptions().setViewportSize(width, height));
        page.navigate(site.url("/" + lang + "/play/host"));
        Locator lab = page.locator("section.host-lab");
        assertThat(lab).isVisible();

        // the flood: a number input, then the burst arrives
        page.locator("section.lab input[name=n]").fill("10000");
        press(page, page.locator("section.lab button.btn-flood"));
        click(page, "next");
        assertThat(page.locator(".ss-more")).containsText("203.0.113.0/24");
        assertThat(page.locator(".queue").first()).hasClass(java.util.regex.Pattern.compile("queue-full"));
        assertTrue(page.locator("table.ss tbody tr").count() < 20, "a summary, not 10,000 rows");
        noSidewaysScroll(page, width);
        socketsReadable(page);
        Locator ladder = page.locator(".host-ladder-wrap svg.ladder:visible");
        assertThat(ladder).hasCount(1);
        assertEquals(false, page.locator(".host-ladder-wrap").evaluate("w => w.scrollWidth > w.clientWidth"), "the ladder fits");
        Browsers.assertAccessible(page);
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(Path.of("target", "screens", "host-flood-" + lang + "-" + width + ".png")));

        // the controls fit a phone: a group for the next idle client, the others in one select
        Object controls = page.evaluate("() => document.querySelector('.host-groups').getBoundingClientRect().height");
        assertTrue(((Number) controls).intValue() < (width < 600 ? 450 : 300), "the controls are " + controls + " px tall at " + width);

        // the accept queue: backlog 1 from the settings form (closed until a setting changes) starts the lab over
        assertEquals(false, page.locator(".host-settings").evaluate("d => d.open"), "the settings start closed");
        page.locator(".host-settings summary").click();
        page.locator("#host-backlog").fill("1");
        press(page, page.locator(".host-settings button[type=submit]")); // an htmx swap, within the CSP
        assertThat(page.locator(".queue-text").nth(1)).containsText("1");
        assertEquals(true, page.locator(".host-settings").evaluate("d => d.open"), "a changed setting keeps them open");
        // one client accepted into the queue, then two whose handshakes cross: the second third ACK finds it full
        click(page, "connect:client");
        for (int i = 0; i < 3; i++) click(page, "next");
        click(page, "connect:c2");
        // a third client from the select of the other idle clients (c3 is the next idle one, with its own group)
        page.locator(".host-other-clients select").selectOption("connect:c4");
        press(page, page.locator(".host-other-clients button"));
        for (int i = 0; i < 6; i++) click(page, "next");
        assertThat(page.locator(".host-counters")).containsText("TcpExtListenOverflows");
        assertTrue(page.locator("table.ss").innerText().contains("ESTAB"), "the client believes it is connected");
        noSidewaysScroll(page, width);
        socketsReadable(page);
        Browsers.assertAccessible(page);
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(Path.of("target", "screens", "host-overflow-" + lang + "-" + width + ".png")));
        browser.assertNoProblems();
    }
}
