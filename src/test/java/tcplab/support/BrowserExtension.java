package tcplab.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A browser for a test class: one headless Chromium shared by the class, a fresh context (no
 * cookies, no storage) for each test, and after each test a check that no page the test opened
 * broke the Content-Security-Policy, threw an uncaught script error or logged a console error.
 *
 * <pre>
 * &#64;RegisterExtension static final BrowserExtension browser = new BrowserExtension();
 *
 * &#64;Test void aWalk() {
 *     Page page = browser.page(new Browser.NewContextOptions().setLocale("zh-CN"));
 *     …
 * }
 * </pre>
 */
public final class BrowserExtension implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

    /** Records each violation twice over: on the page (read back at the end) and through a binding (survives navigation). */
    private static final String WATCH_CSP = "window.__cspViolations = [];"
            + "document.addEventListener('securitypolicyviolation', e => {"
            + "  const v = e.violatedDirective + ' ' + e.blockedURI + ' on ' + location.pathname;"
            + "  window.__cspViolations.push(v);"
            + "  if (window.__tcplabCsp) window.__tcplabCsp(v);"
            + "});";

    /**
     * A status the server answered with is the test's to assert (a 409 for a stale lab, a 503
     * while the store is away); the browser and htmx log each one as an error.
     */
    private static final Pattern HTTP_STATUS =
            Pattern.compile("Failed to load resource: the server responded with a status of \\d{3}.*|Response Status Error Code \\d{3} from .*");

    private Browsers.Chromium chromium;
    private BrowserContext context;
    private boolean javascript;
    private final List<Page> pages = new ArrayList<>();
    private final Set<String> problems = java.util.Collections.synchronizedSet(new LinkedHashSet<>());

    @Override public void beforeAll(ExtensionContext extension) {
        chromium = Browsers.start();
    }

    @Override public void afterAll(ExtensionContext extension) {
        if (chromium != null) chromium.close();
    }

    /** A page in this test's context, opened with the browser's defaults if the test has none yet. */
    public Page page() {
        if (context == null) return page(new Browser.NewContextOptions());
        return track(context.newPage());
    }

    /**
     * The first page of this test, in a context opened with {@code options} (a locale, a
     * viewport, JavaScript off). A test has one context: further pages come from {@link #page()}.
     */
    public Page page(Browser.NewContextOptions options) {
        if (context != null) throw new IllegalStateException("this test's context is open already: page() opens another page in it");
        context = open(options);
        javascript = !Boolean.FALSE.equals(options.javaScriptEnabled);
        return track(context.newPage());
    }

    private Page track(Page page) {
        pages.add(page);
        return page;
    }

    private BrowserContext open(Browser.NewContextOptions options) {
        BrowserContext opened = chromium.browser().newContext(options);
        opened.exposeBinding("__tcplabCsp", (source, args) -> {
            problems.add("CSP violation: " + args[0]);
            return null;
        });
        opened.addInitScript(WATCH_CSP);
        opened.onConsoleMessage(message -> {
            if (message.type().equals("error") && !HTTP_STATUS.matcher(message.text()).matches()) {
                problems.add("console error on " + message.page().url() + ": " + message.text());
            }
        });
        opened.onWebError(error -> problems.add("uncaught script error: " + error.error()));
        return opened;
    }

    /**
     * Fails when a page of this test has broken the CSP, thrown or logged an error since the
     * last check; each problem is reported once.
     */
    public void assertNoProblems() {
        for (Page page : pages) {
            if (page.isClosed() || !javascript) continue;
            Object found = page.evaluate("() => (window.__cspViolations || []).splice(0)");
            if (found instanceof List<?> list) list.forEach(v -> problems.add("CSP violation: " + v));
        }
        List<String> seen;
        synchronized (problems) {
            seen = List.copyOf(problems);
            problems.clear();
        }
        assertEquals(List.of(), seen, "what the browser reported");
    }

    @Override public void afterEach(ExtensionContext extension) {
        if (context == null) return;
        try {
            assertNoProblems();
        } finally {
            context.close();
            context = null;
            pages.clear();
            problems.clear();
        }
    }
}
