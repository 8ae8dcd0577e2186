package tcplab.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import tcplab.support.BrowserExtension;
import tcplab.support.Browsers;
import tcplab.support.TestSite;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** A learner's first visit: home page, a lesson through the navigation, the other language. */
@Tag("browser")
class SiteBrowserTest {

    private static TestSite site;
    @RegisterExtension static final BrowserExtension browser = new BrowserExtension();
    private Page page;

    @BeforeAll static void start() {
        site = new TestSite();
    }

    @AfterAll static void stop() {
        site.close();
    }

    @BeforeEach void open() {
        page = browser.page(new Browser.NewContextOptions().setLocale("zh-CN"));
    }

    @Test
    void navigatesFromHomeToALessonAndSwitchesLanguage() {
        page.navigate(site.url("/"));
        assertThat(page).hasURL(site.url("/zh/"));
        assertThat(page.locator("html")).hasAttribute("lang", "zh-Hans");

        assertThat(page.locator(".course-nav")).hasCount(0); // the outline is the home page's one course list
        page.locator(".outline a[href='/zh/lessons/three-way-handshake']").click();
        assertThat(page).hasURL(site.url("/zh/lessons/three-way-handshake"));
        assertThat(page.locator(".course-nav [aria-current=page]")).hasAttribute("href", "/zh/lessons/three-way-handshake");

        page.locator(".lang-switch a").click();
        assertThat(page).hasURL(site.url("/en/lessons/three-way-handshake"));
        assertThat(page.locator("html")).hasAttribute("lang", "en");

        page.locator(".pager a[rel=next]").click();
        assertThat(page.locator(".course-nav [aria-current=page]")).not().hasAttribute("href", "/en/lessons/three-way-handshake");
        assertThat(page.locator("h1")).isVisible();
    }

    @Test
    void tableOfContentsJumpsToItsHeading() {
        page.navigate(site.url("/en/lessons/four-way-teardown"));
        var first = page.locator(".toc a").first();
        String target = first.getAttribute("href");
        first.click();
        assertThat(page).hasURL(site.url("/en/lessons/four-way-teardown" + target));
        assertThat(page.locator(target)).isInViewport();
    }

    @Test
    void everyPageTypeHasNoAccessibilityViolationsInBothLanguagesAndSchemes() {
        for (String scheme : new String[] {"light", "dark"}) {
            page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(
                    scheme.equals("dark") ? com.microsoft.playwright.options.ColorScheme.DARK : com.microsoft.playwright.options.ColorScheme.LIGHT));
            for (String path : new String[] {"/en/", "/zh/", "/en/lessons/three-way-handshake", "/zh/lessons/four-way-teardown", "/en/lessons/missing",
                    "/zh/play/simultaneous-close", "/en/lab/teardown?actions=close:client,next,drop", "/en/lab/teardown?actions=teleport"}) {
                page.navigate(site.url(path));
                Browsers.assertAccessible(page);
            }
        }
    }
}
