package tcplab.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.ColorScheme;
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
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14: on a phone the whole ladder fits the width, both lanes and the server's states
 * inside the viewport with no sideways scrolling, in both languages, light and dark; the long
 * RFC notation the phone's short labels leave out is one tap (or Enter, or Space) away, under
 * the ladder, and without JavaScript a segment leads to its headers.
 * Screenshots go to target/screens/ladder-*.png for a person to look at.
 */
@Tag("browser")
class LadderPhoneBrowserTest {

    @RegisterExtension static final BrowserExtension browser = new BrowserExtension();
    private static TestSite site;

    @BeforeAll static void start() {
        site = new TestSite();
    }

    @AfterAll static void stop() {
        site.close();
    }

    @ParameterizedTest(name = "{0} at {1}x{2}, {3}")
    @CsvSource({"en,390,844,light", "zh,390,844,light", "en,320,640,dark", "zh,320,640,dark", "zh,1366,768,light", "en,1366,768,dark"})
    void theLadderFitsTheWidthWithBothLanes(String lang, int width, int height, String scheme) {
        var options = new Browser.NewContextOptions().setViewportSize(width, height)
                .setColorScheme(scheme.equals("dark") ? ColorScheme.DARK : ColorScheme.LIGHT);
        {
            Page page = browser.page(options);
            // a lost SYN, resent: long labels, a cross, a retransmission, states on both lanes
            page.navigate(site.url("/" + lang + "/lab/handshake?actions=connect,drop,next,next,next,next"));
            Locator ladder = page.locator(".ladder-wrap svg.ladder:visible");
            assertThat(ladder).hasCount(1);
            assertThat(ladder).hasClass(java.util.regex.Pattern.compile(width < 640 ? "ladder-narrow" : "ladder-wide"));
            BoundingBox box = ladder.boundingBox();
            assertTrue(box.x >= 0 && box.x + box.width <= width, "the ladder's right edge " + (box.x + box.width) + " within " + width);
            Object scrolls = page.locator(".ladder-wrap").evaluate("w => w.scrollWidth > w.clientWidth");
            assertEquals(false, scrolls, "no sideways scrolling");
            assertTrue(ladder.locator("text.state-label:not([text-anchor])").count() >= 2, "the server's states are drawn");
            // every text (states on both lanes, times, segment labels) lies inside the drawing, so none is cut off
            Locator texts = ladder.locator("text");
            for (int i = 0; i < texts.count(); i++) {
                BoundingBox t = texts.nth(i).boundingBox();
                assertTrue(t.x >= box.x - 0.5 && t.x + t.width <= box.x + box.width + 0.5,
                        "\"" + texts.nth(i).textContent() + "\" from " + t.x + " to " + (t.x + t.width) + " inside the ladder, "
                                + box.x + " to " + (box.x + box.width));
            }
            ladder.scrollIntoViewIfNeeded();
            page.screenshot(new Page.ScreenshotOptions().setFullPage(false)
                    .setPath(Path.of("target", "screens", "ladder-" + lang + "-" + width + "-" + scheme + ".png")));
        }
    }

    /** A phone (touch, small screen) in a language and colour scheme, with or without JavaScript. */
    private static Page phone(String lang, int width, int height, String scheme, boolean javascript) {
        return browser.page(new Browser.NewContextOptions().setViewportSize(width, height).setIsMobile(true).setHasTouch(true)
                .setColorScheme(scheme.equals("dark") ? ColorScheme.DARK : ColorScheme.LIGHT).setJavaScriptEnabled(javascript)
                .setLocale(lang.equals("zh") ? "zh-CN" : "en-US"));
    }

    /**
     * The learner's own handshake lab with its first SYN lost: #1 SYN lost, #2 SYN resent and
     * arrived, #3 SYN-ACK arrived, #4 ACK in flight (a shared link played on, with or without JavaScript).
     */
    private static Locator lostSynLab(Page page, String lang) {
        page.navigate(site.url("/" + lang + "/lab/handshake?actions=connect,drop,next,next,next"));
        page.locator(".play-on button").click();
        page.waitForURL(Pattern.compile(".*/" + lang + "/play/handshake(#lab)?$"));
        return page.locator("section.lab");
    }

    @ParameterizedTest(name = "{0} at {1}x{2}, {3}")
    @CsvSource({"en,390,844,light", "zh,320,640,dark"})
    void aTappedSegmentShowsItsWholeNotationAndFateUnderTheLadder(String lang, int width, int height, String scheme) {
        boolean en = lang.equals("en");
        Page page = phone(lang, width, height, scheme, true);
        Locator lab = lostSynLab(page, lang);
        Locator note = lab.locator(".seg-note");
        Locator text = note.locator(".seg-note-text");
        assertThat(note).isHidden();
        assertThat(lab.locator(".ladder-hint")).isVisible();

        // a tap on the SYN-ACK's short label "3 SYN,ACK": its whole notation and its fate, under the ladder
        Locator synAck = lab.locator(".ladder-narrow a.seg-link[data-seg='3']");
        assertThat(synAck.locator("text")).hasText("3 SYN,ACK");
        synAck.tap();
        assertThat(note).isVisible();
        assertThat(text.locator("code")).hasText("<SEQ=300><ACK=101><CTL=SYN,ACK>");
        assertThat(text).containsText(en ? "Segment 3, server to client" : "报文段 3，从服务器到客户端");
        assertThat(text).containsText(en ? "arrived at 1.1 s" : "1.1 s 送达");
        assertThat(synAck).hasAttribute("aria-expanded", "true");
        assertThat(page.locator(".lab-live")).containsText("<SEQ=300><ACK=101><CTL=SYN,ACK>");
        // readable on the phone: the whole note on screen, above the dock, nothing cut off or scrolling sideways
        assertThat(note).isInViewport(new com.microsoft.playwright.assertions.LocatorAssertions.IsInViewportOptions().setRatio(1));
        BoundingBox box = note.boundingBox();
        assertTrue(box.x >= 0 && box.x + box.width <= width, "the note from " + box.x + " to " + (box.x + box.width));
        assertTrue(box.y + box.height <= lab.locator(".dock").boundingBox().y + 0.5, "the note clears the dock");
        assertEquals(false, text.evaluate("t => t.scrollWidth > t.clientWidth"), "no text cut off");
        assertEquals(width, ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue(), "no sideways scrolling");
        Browsers.assertAccessible(page);

        // Close puts it away and focus back on the segment
        note.locator(".seg-note-close").click();
        assertThat(note).isHidden();
        assertThat(synAck).isFocused();
        assertThat(synAck).hasAttribute("aria-expanded", "false");

        // the keyboard: Enter on the lost SYN, Tab to the next segment, Space on it, Escape
        Locator lost = lab.locator(".ladder-narrow a.seg-link[data-seg='1']");
        lost.focus();
        page.keyboard().press("Enter");
        assertThat(text).containsText(en ? "<SEQ=100><CTL=SYN>, sent at 0 ms, lost." : "<SEQ=100><CTL=SYN>，0 ms 发送，丢失。");
        page.keyboard().press("Tab");
        Locator resent = lab.locator(".ladder-narrow a.seg-link[data-seg='2']");
        assertThat(resent).isFocused();
        page.keyboard().press(" ");
        assertThat(text).containsText(en ? "Segment 2, client to server, <SEQ=100><CTL=SYN>, a retransmission" : "报文段 2，从客户端到服务器，<SEQ=100><CTL=SYN>，重传");
        assertThat(lost).hasAttribute("aria-expanded", "false");
        assertThat(resent).hasAttribute("aria-expanded", "true");
        page.keyboard().press("Escape");
        assertThat(note).isHidden();
        assertThat(resent).isFocused();

        // from the note to the segment's headers, in place
        synAck.tap();
        note.locator(".seg-note-headers").click();
        Locator inspector = lab.locator("#lab-inspector .inspector h3");
        assertThat(inspector).containsText("#3");
        assertThat(inspector).isFocused();
        assertThat(lab.locator(".inspect-form select")).hasValue("3");
        assertThat(page).hasURL(Pattern.compile(".*/play/handshake(#lab)?$"));

        // a step swaps the lab: the new ladder's segments open notes as well
        page.keyboard().press("ArrowRight");
        assertThat(lab.locator(".ep-server .state")).hasText("ESTABLISHED");
        lab.locator(".ladder-narrow a.seg-link[data-seg='4']").tap();
        assertThat(text).containsText(en ? "arrived at 1.15 s" : "1.15 s 送达");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"en", "zh"})
    void withoutJavaScriptASegmentLeadsToItsHeaders(String lang) {
        Page page = phone(lang, 390, 844, "light", false);
        Locator lab = lostSynLab(page, lang);
        assertThat(lab.locator(".seg-note")).isHidden();
        lab.locator(".ladder-narrow a.seg-link[data-seg='3']").click();
        assertThat(page).hasURL(Pattern.compile(".*/" + lang + "/play/handshake/inspect\\?seg=3#lab-inspector$"));
        Locator inspector = page.locator("#lab-inspector .inspector");
        assertThat(inspector.locator("h3")).containsText("#3");
        assertThat(inspector.locator("h3")).containsText("<SEQ=300><ACK=101><CTL=SYN,ACK>");
        assertThat(inspector).isInViewport();
    }

    /**
     * The learner's own host lab: #1–3 a client's handshake, #4–53 a flood of 50 SYNs (one row),
     * #54–103 the server's SYN-ACKs to them (one row), played on from a shared link.
     */
    private static Locator floodedHostLab(Page page, String lang) {
        page.navigate(site.url("/" + lang + "/lab/host?actions=connect:client,next,next,next,flood:50,next"));
        page.locator(".play-on button").click();
        page.waitForURL(Pattern.compile(".*/" + lang + "/play/host(#lab)?$"));
        return page.locator("section.host-lab");
    }

    @ParameterizedTest(name = "{0} at {1}x{2}, {3}")
    @CsvSource({"en,390,844,light", "zh,320,640,dark"})
    void aTappedHostRowShowsItInFullAndABurstItsRangeCountAndTime(String lang, int width, int height, String scheme) {
        boolean en = lang.equals("en");
        Page page = phone(lang, width, height, scheme, true);
        Locator lab = floodedHostLab(page, lang);
        Locator note = lab.locator(".seg-note");
        Locator text = note.locator(".seg-note-text");
        assertThat(note).isHidden();
        assertThat(lab.locator(".ladder-hint")).isVisible();
        assertThat(lab.locator(".ladder-narrow a.seg-link")).hasCount(5);

        // a tap on the client's ACK: the whole segment (its notation as code) and its fate
        Locator ack = lab.locator(".ladder-narrow a.seg-link[data-seg='3']");
        ack.tap();
        assertThat(note).isVisible();
        assertThat(text.locator("code")).containsText("ACK seq=");
        assertThat(text).containsText("#3 100 ms client→server ACK");
        assertThat(text).containsText(en ? "arrived at 150 ms" : "150 ms 送达");
        assertThat(ack).hasAttribute("aria-expanded", "true");
        assertThat(note).isInViewport(new com.microsoft.playwright.assertions.LocatorAssertions.IsInViewportOptions().setRatio(1));
        BoundingBox box = note.boundingBox();
        assertTrue(box.x >= 0 && box.x + box.width <= width, "the note from " + box.x + " to " + (box.x + box.width));
        assertEquals(width, ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue(), "no sideways scrolling");
        Browsers.assertAccessible(page);
        note.locator(".seg-note-close").click();
        assertThat(note).isHidden();
        assertThat(ack).isFocused();

        // the keyboard: Enter on the SYN, Tab to the SYN-ACK, Space on it, Escape
        Locator syn = lab.locator(".ladder-narrow a.seg-link[data-seg='1']");
        syn.focus();
        page.keyboard().press("Enter");
        assertThat(text).containsText("#1 0 ms client→server SYN");
        page.keyboard().press("Tab");
        Locator synAck = lab.locator(".ladder-narrow a.seg-link[data-seg='2']");
        assertThat(synAck).isFocused();
        page.keyboard().press(" ");
        assertThat(text).containsText("#2 50 ms server→client SYN,ACK");
        assertThat(syn).hasAttribute("aria-expanded", "false");
        page.keyboard().press("Escape");
        assertThat(note).isHidden();
        assertThat(synAck).isFocused();

        // the flood's row: the range of numbers, the count, when; its headers are the first segment's, in place
        lab.locator(".ladder-narrow a.seg-link[data-seg='4']").tap();
        assertThat(text).hasText(en ? "Segments #4–53: 50 × SYN attacker→server, all sent at 150 ms; “Show headers” shows the first."
                : "报文段 #4–53：50 个 SYN，attacker→server，都在 150 ms 发出；“查看首部”显示第一个。");
        Browsers.assertAccessible(page);
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screens", "host-note-" + lang + "-" + width + "-" + scheme + ".png")));
        lab.locator(".ladder-narrow a.seg-link[data-seg='54']").tap();
        assertThat(text).containsText("#54–103");
        note.locator(".seg-note-headers").click();
        Locator inspector = lab.locator("#lab-inspector .inspector h3");
        assertThat(inspector).containsText("#54 server → attacker");
        assertThat(lab.locator(".inspect-form select")).hasValue("54");
        assertThat(page).hasURL(Pattern.compile(".*/play/host(#lab)?$"));
        // a segment older than the inspector's list (its latest 60) opens on the headers' page
        lab.locator(".ladder-narrow a.seg-link[data-seg='4']").tap();
        note.locator(".seg-note-headers").click();
        assertThat(page).hasURL(Pattern.compile(".*/play/host/inspect\\?seg=4#lab-inspector$"));
        assertThat(page.locator("#lab-inspector .inspector h3")).containsText("#4 attacker → server");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"en", "zh"})
    void withoutJavaScriptAHostRowLeadsToItsFirstSegmentsHeaders(String lang) {
        Page page = phone(lang, 390, 844, "light", false);
        Locator lab = floodedHostLab(page, lang);
        assertThat(lab.locator(".seg-note")).isHidden();
        lab.locator(".ladder-narrow a.seg-link[data-seg='54']").click();
        assertThat(page).hasURL(Pattern.compile(".*/" + lang + "/play/host/inspect\\?seg=54#lab-inspector$"));
        Locator inspector = page.locator("#lab-inspector .inspector");
        assertThat(inspector.locator("h3")).containsText("#54 server → attacker");
        assertThat(inspector).isInViewport();
    }
}
