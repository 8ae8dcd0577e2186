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
import tcplab.support.TestSite;

import java.nio.file.Path;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14: on a phone the whole ladder fits the width, both lanes and the server's states
 * inside the viewport with no sideways scrolling, in both languages, light and dark.
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
}
