package tcplab.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Debian's Chromium driven by Playwright, headless. Browsers cannot be downloaded here, so a
 * missing Chromium fails the test with what to install; browser tests never skip.
 */
public final class Browsers {
    private Browsers() {}

    /** One Playwright and one headless Chromium, shared by a test class; each test opens its own context. */
    public static final class Chromium implements AutoCloseable {
        private final Playwright playwright = playwright();
        private final Browser browser = launch(playwright);

        public Browser browser() {
            return browser;
        }

        @Override public void close() {
            browser.close();
            playwright.close();
        }
    }

    public static Chromium start() {
        return new Chromium();
    }

    public static Path chromium() {
        Path path = Path.of(System.getenv().getOrDefault("TCPLAB_CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(path)) {
            fail("Browser tests need Chromium at " + path + ": run 'apt-get install -y chromium' "
                    + "(scripts/test.sh does it as root) or set TCPLAB_CHROMIUM.");
        }
        return path;
    }

    public static Playwright playwright() {
        Path temp;
        try {
            temp = Files.createTempDirectory("tcplab-chromium");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of(
                "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1",
                "XDG_CONFIG_HOME", temp.resolve("config").toString(),
                "XDG_CACHE_HOME", temp.resolve("cache").toString())));
    }

    public static Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(chromium())
                .setHeadless(true)
                .setArgs(List.of("--disable-gpu", "--disable-background-networking", "--disable-component-update",
                        "--no-first-run", "--disable-sync")));
    }

    public static void assertAccessible(Page page) {
        AxeResults results = new AxeBuilder(page).analyze();
        List<String> problems = new ArrayList<>();
        results.getViolations().forEach(v -> problems.add(v.getId() + ": " + v.getHelp() + " — "
                + v.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", "))));
        assertEquals(List.of(), problems, "axe violations on " + page.url());
    }
}
