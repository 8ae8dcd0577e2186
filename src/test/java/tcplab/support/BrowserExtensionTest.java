package tcplab.support;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.AssertionFailedError;

import static org.junit.jupiter.api.Assertions.*;

/** The browser tests' check can fail: what it must catch, it catches, on any page of the test. */
@Tag("browser")
class BrowserExtensionTest {

    @RegisterExtension static final BrowserExtension browser = new BrowserExtension();
    private static TestSite site;

    @BeforeAll static void start() {
        site = new TestSite();
    }

    @AfterAll static void stop() {
        site.close();
    }

    @Test
    void anInlineStyleBlockedByTheCspFailsEvenAfterTheLearnerHasMovedOn() {
        Page page = browser.page();
        page.navigate(site.url("/en/"));
        page.evaluate("() => { const s = document.createElement('style'); s.textContent = 'body{}'; document.head.append(s); }");
        page.waitForFunction("() => window.__cspViolations.length > 0");
        page.navigate(site.url("/zh/")); // the violation was on the page before
        var e = assertThrows(AssertionFailedError.class, browser::assertNoProblems);
        assertTrue(e.getMessage().contains("CSP violation: style-src"), e.getMessage());
        browser.assertNoProblems(); // reported once
    }

    @Test
    void aConsoleErrorOrAnUncaughtErrorFails() {
        Page page = browser.page();
        page.navigate(site.url("/en/"));
        page.evaluate("() => console.error('boom')");
        var logged = assertThrows(AssertionFailedError.class, browser::assertNoProblems);
        assertTrue(logged.getMessage().contains("console error on " + site.url("/en/") + ": boom"), logged.getMessage());

        // a listener's error is uncaught, and reported before evaluate returns
        page.evaluate("() => { addEventListener('x', () => { throw new Error('bang'); }); dispatchEvent(new Event('x')); }");
        var thrown = assertThrows(AssertionFailedError.class, browser::assertNoProblems);
        assertTrue(thrown.getMessage().contains("bang"), thrown.getMessage());
    }

    @Test
    void aStatusTheTestProvokedIsTheTestsToAssert() {
        Page page = browser.page();
        assertEquals(404, page.navigate(site.url("/en/lessons/missing")).status());
        browser.assertNoProblems();
    }
}
