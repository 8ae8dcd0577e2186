package tcplab.web.session;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import tcplab.Config;
import tcplab.support.BrowserExtension;
import tcplab.support.RedisServer;
import tcplab.support.TestSite;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** In a real browser: while Redis is away the lab stays as it was, with a notice on top; then it carries on. */
@Tag("browser")
class RedisBrowserTest {

    private static RedisServer redisServer;
    private static TestSite site;
    @RegisterExtension static final BrowserExtension browser = new BrowserExtension();

    @BeforeAll static void start() {
        redisServer = new RedisServer();
        site = new TestSite(Config.forTests().withRedis(redisServer.url()));
    }

    @AfterAll static void stop() {
        site.close();
        redisServer.close();
    }

    @Test void theLabShowsATemporaryErrorAndCarriesOnWhenRedisIsBack() {
        try {
            Page page = browser.page();
            page.navigate(site.url("/en/play/handshake")); // no predictions in the way
            page.waitForFunction("() => window.htmx !== undefined"); // the notice is htmx's swap of a 503
            Locator lab = page.locator("section.lab").first();
            lab.locator("button[value='connect']").first().click();
            assertThat(lab.locator(".ep-client .state")).hasText("SYN-SENT");

            redisServer.stop();
            lab.locator("button[value='next']").first().click();
            assertThat(lab.locator(".store-unavailable")).isVisible();
            assertThat(lab.locator(".store-unavailable")).containsText("Nothing you had done is lost");
            assertThat(lab.locator(".ep-client .state")).hasText("SYN-SENT");

            redisServer.start();
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (site.get("/healthz").statusCode() != 200) {
                if (System.nanoTime() > deadline) throw new AssertionError("the site did not reconnect to Redis");
            }
            lab.locator("button[value='next']").first().click();
            assertThat(lab.locator(".ep-server .state")).hasText("SYN-RECEIVED");
            assertThat(lab.locator(".store-unavailable")).hasCount(0);
        } finally {
            redisServer.start();
        }
    }
}
