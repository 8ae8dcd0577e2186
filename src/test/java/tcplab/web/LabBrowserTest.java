package tcplab.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tcplab.support.BrowserExtension;
import tcplab.support.Browsers;
import tcplab.support.TestSite;

import java.util.function.Consumer;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A learner plays labs in a real browser, with JavaScript (htmx swaps the lab) and without
 * (plain forms and redirects): the same walk must work both ways.
 */
@Tag("browser")
class LabBrowserTest {

    private static TestSite site;
    @RegisterExtension static final BrowserExtension browser = new BrowserExtension();

    @BeforeAll static void start() {
        site = new TestSite();
    }

    @AfterAll static void stop() {
        site.close();
    }

    private void withPage(boolean javascript, Consumer<Page> walk) {
        walk.accept(browser.page(new Browser.NewContextOptions().setJavaScriptEnabled(javascript)));
    }

    private static Locator lab(Page page) {
        return page.locator("section.lab").first();
    }

    /** Presses a lab control and waits until the lab has moved on (its version changed). */
    private static void press(Page page, String value) {
        String before = lab(page).locator("input[name=version]").first().inputValue();
        lab(page).locator("button[value='" + value + "']").first().click();
        assertThat(lab(page).locator("input[name=version]").first()).not().hasValue(before);
    }

    private static void assertStates(Page page, String client, String server) {
        assertThat(lab(page).locator(".ep-client .state")).hasText(client);
        assertThat(lab(page).locator(".ep-server .state")).hasText(server);
    }

    @ParameterizedTest(name = "javascript={0}")
    @ValueSource(booleans = {true, false})
    void playTheHandshakeToEstablishedAndSeeThreeArrows(boolean javascript) {
        withPage(javascript, page -> {
            page.navigate(site.url("/en/play/handshake"));
            assertStates(page, "CLOSED", "LISTEN");
            press(page, "connect");
            assertStates(page, "SYN-SENT", "LISTEN");
            press(page, "next");
            assertStates(page, "SYN-SENT", "SYN-RECEIVED");
            assertThat(lab(page).locator(".ep-server .state")).hasClass(java.util.regex.Pattern.compile("changed"));
            press(page, "next");
            press(page, "next");
            assertStates(page, "ESTABLISHED", "ESTABLISHED");
            assertThat(lab(page).locator("svg.ladder-wide .seg")).hasCount(3);
            assertThat(lab(page).locator("svg.ladder-wide .seg").nth(1)).containsText("<SEQ=300><ACK=101><CTL=SYN,ACK>");
            assertThat(lab(page).locator("button[value=next]")).hasCount(0);
        });
    }

    @ParameterizedTest(name = "javascript={0}")
    @ValueSource(booleans = {true, false})
    void dropTheSynAckAndWatchBothEndsRecover(boolean javascript) {
        withPage(javascript, page -> {
            page.navigate(site.url("/en/play/handshake"));
            press(page, "connect");
            press(page, "next");
            press(page, "drop:2");
            assertThat(lab(page).locator(".flight")).containsText("Nothing in flight");
            assertThat(lab(page).locator("svg.ladder-wide .seg-lost")).hasCount(1);
            press(page, "next");
            assertThat(lab(page).locator(".clock strong")).hasText("1000 ms");
            assertThat(lab(page).locator(".log")).containsText("1000 ms · Client retransmits: segment #3 <SEQ=100><CTL=SYN>");
            assertThat(lab(page).locator(".ep-client .timer")).containsText("attempt 2");
            press(page, "end");
            assertStates(page, "ESTABLISHED", "ESTABLISHED");
        });
    }

    @ParameterizedTest(name = "javascript={0}")
    @ValueSource(booleans = {true, false})
    void loseTheLastAckAndSeeTheFinResentReacknowledgedAndTimeWaitRestart(boolean javascript) {
        withPage(javascript, page -> {
            page.navigate(site.url("/en/play/teardown"));
            assertStates(page, "ESTABLISHED", "ESTABLISHED");
            press(page, "close:client");
            press(page, "next");
            press(page, "next");
            assertStates(page, "FIN-WAIT-2", "CLOSE-WAIT");
            press(page, "close:server");
            press(page, "next");
            assertStates(page, "TIME-WAIT", "LAST-ACK");
            String firstDeadline = lab(page).locator(".ep-client .t-time-wait").innerText();
            press(page, "drop");
            press(page, "next");
            assertThat(lab(page).locator(".flight .card")).containsText("retransmission");
            assertThat(lab(page).locator(".flight .card")).containsText("<SEQ=301><ACK=102><CTL=FIN,ACK>");
            press(page, "next");
            String restarted = lab(page).locator(".ep-client .t-time-wait").innerText();
            assertTrue(!restarted.equals(firstDeadline), "TIME-WAIT restarted: " + firstDeadline + " then " + restarted);
            assertThat(lab(page).locator(".flight .card")).containsText("<SEQ=102><ACK=302><CTL=ACK>");
            press(page, "next");
            assertStates(page, "TIME-WAIT", "CLOSED");
            press(page, "end");
            assertStates(page, "CLOSED", "CLOSED");
        });
    }

    @ParameterizedTest(name = "javascript={0}")
    @ValueSource(booleans = {true, false})
    void stepBackAndReset(boolean javascript) {
        withPage(javascript, page -> {
            page.navigate(site.url("/zh/play/handshake"));
            press(page, "connect");
            press(page, "next");
            assertStates(page, "SYN-SENT", "SYN-RECEIVED");
            press(page, "back");
            assertStates(page, "SYN-SENT", "LISTEN");
            press(page, "back");
            assertStates(page, "CLOSED", "LISTEN");
            assertThat(lab(page).locator("button[value=back]")).hasCount(0);
            press(page, "connect");
            press(page, "reset");
            assertStates(page, "CLOSED", "LISTEN");
        });
    }

    @Test
    void keyboardOnlyPlay() {
        withPage(true, page -> {
            page.navigate(site.url("/en/play/handshake"));
            // htmx and lab.js are deferred scripts: a key pressed before they run would post the
            // form without them (which works, but is not what this test is about)
            page.waitForFunction("() => window.htmx !== undefined");
            // Tab reaches the lab's controls; Enter presses them; the lab keeps focus across swaps.
            Locator connect = lab(page).locator("button[value=connect]");
            for (int i = 0; i < 40 && !((Boolean) connect.evaluate("b => b === document.activeElement")); i++) page.keyboard().press("Tab");
            assertTrue((Boolean) connect.evaluate("b => b === document.activeElement"), "Tab reaches connect");
            page.keyboard().press("Enter");
            assertStates(page, "SYN-SENT", "LISTEN");
            assertThat(lab(page).locator("button[value=next]")).isFocused();
            page.keyboard().press("ArrowRight");
            assertStates(page, "SYN-SENT", "SYN-RECEIVED");
            assertThat(lab(page).locator("button[value=next]")).isFocused();
            page.keyboard().press("ArrowRight");
            assertStates(page, "ESTABLISHED", "SYN-RECEIVED");
            page.keyboard().press("ArrowLeft");
            assertStates(page, "SYN-SENT", "SYN-RECEIVED");
            assertThat(lab(page).locator("button[value=drop]")).hasCount(1);
            page.keyboard().press("d");
            assertThat(lab(page).locator(".flight")).containsText("Nothing in flight");
            assertThat(page.locator(".lab-live")).containsText("Virtual time");
            assertThat(lab(page).locator("button[value=next]")).isFocused();
            page.keyboard().press("r");
            assertStates(page, "CLOSED", "LISTEN");
        });
    }

    @Test
    void theHeaderInspectorShowsARealChecksum() {
        withPage(true, page -> {
            page.navigate(site.url("/en/play/handshake"));
            press(page, "connect");
            press(page, "next");
            lab(page).locator(".inspect-form select").selectOption("2");
            lab(page).locator(".inspect-form button").click();
            Locator inspector = lab(page).locator(".inspector");
            assertThat(inspector).containsText("Headers of segment #2");
            assertThat(inspector.locator("tr", new Locator.LocatorOptions().setHasText("Checksum")).last()).containsText("(correct)");
            assertThat(inspector.locator("tr", new Locator.LocatorOptions().setHasText("Acknowledgment number"))).containsText("101");
            assertStates(page, "SYN-SENT", "SYN-RECEIVED");
        });
    }

    @Test
    void aLabInMidPlayHasNoAccessibilityViolations() {
        withPage(true, page -> {
            page.navigate(site.url("/en/lessons/four-way-teardown"));
            lab(page).locator("button[value='close:client']").click();
            assertThat(lab(page).locator(".ep-client .state")).hasText("FIN-WAIT-1");
            assertThat(page).hasURL(site.url("/en/lessons/four-way-teardown"));
            Browsers.assertAccessible(page);
            page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(com.microsoft.playwright.options.ColorScheme.DARK));
            Browsers.assertAccessible(page);
        });
    }

    @Test
    void aShareLinkReproducesTheLabAndPlayingOnStartsASessionLab() {
        withPage(true, page -> {
            page.navigate(site.url("/en/play/handshake"));
            press(page, "connect");
            press(page, "next");
            // the page completes the link from the site's root with the address the learner used
            assertThat(lab(page).locator(".share-url")).hasValue(site.url("/en/lab/handshake?actions=connect,next"));
            String link = lab(page).locator(".share-url").inputValue();
            page.navigate(link);
            assertStates(page, "SYN-SENT", "SYN-RECEIVED");
            assertThat(lab(page).locator("button[value=next]")).hasCount(0);
            page.locator(".play-on button").click();
            assertStates(page, "SYN-SENT", "SYN-RECEIVED");
            press(page, "next");
            assertStates(page, "ESTABLISHED", "SYN-RECEIVED");
        });
    }

    @Test
    void badInputShowsAClearMessageInsideTheLab() {
        withPage(true, page -> {
            page.navigate(site.url("/en/play/teardown"));
            Locator text = lab(page).locator(".side-group input[name=text]").first();
            text.fill("é".repeat(33));
            lab(page).locator(".side-group .btn-send").first().click();
            assertThat(lab(page).locator(".notice-error")).containsText("66 bytes");
            assertStates(page, "ESTABLISHED", "ESTABLISHED");
            assertEquals(1, page.locator("section.lab").count());
        });
    }
}
