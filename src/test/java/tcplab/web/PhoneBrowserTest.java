package tcplab.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.ColorScheme;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tcplab.support.BrowserExtension;
import tcplab.support.Browsers;
import tcplab.support.TestSite;

import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lab on a 390×844 phone and a 1366×768 laptop (issue 14): while the learner steps with the
 * keyboard, both ends' states and the clock stay on screen; the keys do what the README says or
 * say why not; Back from an export comes back to the lab as it is; without JavaScript the header
 * inspector returns to its lab.
 */
@Tag("browser")
class PhoneBrowserTest {

    private static TestSite site;
    @RegisterExtension static final BrowserExtension browser = new BrowserExtension();

    @BeforeAll static void start() {
        site = new TestSite();
    }

    @AfterAll static void stop() {
        site.close();
    }

    private static final LocatorAssertions.IsInViewportOptions WHOLLY = new LocatorAssertions.IsInViewportOptions().setRatio(1);

    private static Page open(int width, int height, String lang, ColorScheme scheme, boolean javascript) {
        return browser.page(new Browser.NewContextOptions().setViewportSize(width, height).setColorScheme(scheme)
                .setJavaScriptEnabled(javascript).setLocale(lang.equals("zh") ? "zh-CN" : "en-US")
                .setIsMobile(width < 500).setHasTouch(width < 500));
    }

    private static Locator lab(Page page) {
        return page.locator("section.lab").first();
    }

    private static String version(Page page) {
        return lab(page).locator("input[name=version]").first().inputValue();
    }

    /** Presses a key in the lab and waits until the lab has moved on. */
    private static void key(Page page, String key) {
        String before = version(page);
        // the keys belong to the lab that has focus: after a swap, lab.js gives it back once htmx has settled
        page.waitForFunction("() => !!(document.activeElement && document.activeElement.closest && document.activeElement.closest('section.lab'))");
        page.keyboard().press(key);
        assertThat(lab(page).locator("input[name=version]").first()).not().hasValue(before);
    }

    @ParameterizedTest(name = "{0}x{1} {2} {3}")
    @CsvSource({"390, 844, en, LIGHT", "390, 844, zh, DARK", "1366, 768, zh, LIGHT", "1366, 768, en, DARK"})
    void tenStepsIntoTheLongLabBothStatesAndTheClockStayOnScreen(int width, int height, String lang, ColorScheme scheme) {
        Page page = open(width, height, lang, scheme, true);
        page.navigate(site.url("/" + lang + "/lessons/lost-handshake-segments#lab-1"));
        // the ladder fits: its right edge and the server's state inside the screen, no sideways scrolling
        Locator server = lab(page).locator(".ep-server .state");
        server.scrollIntoViewIfNeeded();
        assertThat(server).isInViewport(WHOLLY);
        lab(page).locator("button[value=connect]").click();
        assertThat(lab(page).locator(".ep-client .state")).hasText("SYN-SENT");
        key(page, "d");
        // the prediction asks first: the verdict, then on with the keys
        lab(page).locator(".predict input[name=choice]").first().check();
        key(page, "ArrowRight");
        assertThat(lab(page).locator(".feedback")).isVisible();
        for (int step = 0; step < 8; step++) key(page, step % 2 == 0 ? "d" : "ArrowRight");
        assertTrue(lab(page).boundingBox().height > height, "a long lab: taller than the screen");
        for (String part : new String[] {".status-client strong", ".status-server strong", ".status-clock strong"}) {
            assertThat(lab(page).locator(part)).isInViewport(WHOLLY);
        }
        assertThat(lab(page).locator(".status-client strong")).hasText(lab(page).locator(".ep-client .state").textContent());
        assertThat(lab(page).locator(".status-clock strong")).hasText(lab(page).locator(".clock strong").textContent());
        assertThat(lab(page).locator(".status-timer")).containsText(lang.equals("en") ? "Next timer" : "下一个计时器");
        assertThat(lab(page).locator("button[data-key=next]")).isInViewport(WHOLLY);
        if (width > 1000) {
            // a laptop keeps most of its screen for the lab: the status on one line, the controls beside or below it
            double dock = lab(page).locator(".dock").boundingBox().height;
            assertTrue(dock < 0.1 * height, "the dock covers " + dock + " px of " + height);
            double line = lab(page).locator(".status-client").boundingBox().height;
            assertTrue(lab(page).locator(".lab-status").boundingBox().height < 1.5 * line, "the status on one line");
        }

        BoundingBox ladder = lab(page).locator(".ladder-wrap svg >> visible=true").boundingBox();
        assertTrue(ladder.x + ladder.width <= width, "the ladder's right edge inside the " + width + " px screen: " + (ladder.x + ladder.width));
        assertEquals(width, ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue(), "no sideways scrolling");
        Browsers.assertAccessible(page);
    }

    @Test
    void theKeysDoWhatTheReadmeSaysOrSayWhyNot() {
        Page page = open(390, 844, "en", ColorScheme.LIGHT, true);
        page.navigate(site.url("/en/lessons/tcp-connection#lab-1"));
        Locator hint = lab(page).locator(".key-hint");
        lab(page).locator("button[value=connect]").click();
        assertThat(lab(page).locator(".predict")).isVisible();
        String waiting = version(page);

        page.keyboard().press("d");
        assertThat(hint).containsText("Answer the prediction first");
        page.keyboard().press("ArrowRight");
        assertThat(hint).containsText("Choose an answer first");
        assertThat(lab(page).locator(".predict input[name=choice]").first()).isFocused();
        // on an answer, ← and → never move the choice
        page.keyboard().press("ArrowRight");
        assertThat(lab(page).locator(".predict input[name=choice]:checked")).hasCount(0);
        assertThat(lab(page).locator("input[name=version]").first()).hasValue(waiting);
        page.keyboard().press("ArrowDown");
        assertThat(lab(page).locator(".predict input[name=choice]").nth(1)).isChecked();
        page.keyboard().press("ArrowRight");
        assertThat(lab(page).locator("input[name=version]").first()).not().hasValue(waiting);
        // the verdict names the question it answered and stands above the next one
        Locator verdict = lab(page).locator(".feedback");
        assertThat(verdict.locator(".feedback-for")).containsText("The client's SYN used sequence number 100");
        assertTrue(verdict.boundingBox().y < lab(page).locator(".predict").boundingBox().y, "the verdict above the next question");

        key(page, "ArrowLeft");
        assertThat(lab(page).locator(".ep-client .state")).hasText("SYN-SENT");
        key(page, "r");
        assertThat(lab(page).locator(".ep-client .state")).hasText("CLOSED");
        lab(page).focus();
        page.keyboard().press("ArrowLeft");
        assertThat(lab(page).locator(".key-hint")).containsText("nothing to step back from");
        page.keyboard().press("d");
        assertThat(lab(page).locator(".key-hint")).containsText("nothing to drop");
    }

    @Test
    void backFromTheTraceComesBackToTheLabAsItIs() {
        Page page = open(1366, 768, "en", ColorScheme.LIGHT, true);
        page.navigate(site.url("/en/play/handshake"));
        lab(page).locator("button[value=connect]").click();
        assertThat(lab(page).locator(".ep-client .state")).hasText("SYN-SENT");
        String now = version(page);
        lab(page).locator(".share summary").click();
        lab(page).locator(".downloads a[href*='trace.json']").click();
        page.waitForURL(Pattern.compile(".*trace\\.json.*"));
        page.goBack();
        assertThat(lab(page).locator(".ep-client .state")).hasText("SYN-SENT");
        assertThat(lab(page).locator("input[name=version]").first()).hasValue(now);
        lab(page).locator("button[data-key=next]").first().click();
        assertThat(lab(page).locator("input[name=version]").first()).not().hasValue(now);
        assertThat(lab(page).locator(".notice")).hasCount(0);
    }

    @Test
    void aStaleFormGetsTheLabAsItIsAndSaysThePageWasOutOfDate() {
        Page page = open(390, 844, "zh", ColorScheme.LIGHT, true);
        page.navigate(site.url("/zh/play/handshake"));
        String old = version(page);
        lab(page).locator("button[value=connect]").click();
        assertThat(lab(page).locator("input[name=version]").first()).not().hasValue(old);
        // an older copy of the same form, as a page brought back from a cache would post it
        page.evaluate("v => document.querySelectorAll('section.lab input[name=version]').forEach(i => i.value = v)", old);
        lab(page).locator("button[data-key=next]").click();
        assertThat(lab(page).locator(".notice")).containsText("页面已经过时");
        assertThat(lab(page).locator(".ep-client .state")).hasText("SYN-SENT");
    }

    @Test
    void withoutJavaScriptShowHeadersReturnsToTheLab() {
        Page page = open(390, 844, "zh", ColorScheme.DARK, false);
        page.navigate(site.url("/zh/lessons/three-way-handshake"));
        lab(page).locator("button[value=connect]").click();
        assertThat(lab(page).locator(".btn-copy")).isHidden();
        assertThat(lab(page).locator(".inspect-form button")).isVisible();
        lab(page).locator(".inspect-form button").click();
        assertThat(page).hasURL(Pattern.compile(".*/inspect\\?seg=1#lab-1-inspector$"));
        assertThat(page.locator("#lab-1-inspector .inspector")).isInViewport();
    }

    @Test
    void theFirstLabOfLessonOneIsWithinTwoScreensOfAPhone() {
        Page page = open(390, 844, "en", ColorScheme.LIGHT, true);
        for (String lang : new String[] {"en", "zh"}) {
            page.navigate(site.url("/" + lang + "/lessons/tcp-connection"));
            double top = page.locator("#lab-1").boundingBox().y;
            assertTrue(top < 2 * 844, lang + ": the first lab starts " + top + " px down");
            assertThat(page.locator(".to-lab a")).isInViewport();
        }
    }
}
