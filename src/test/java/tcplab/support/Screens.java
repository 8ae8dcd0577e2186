package tcplab.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ColorScheme;

import java.nio.file.Path;

/**
 * Screenshots for people to read: {@code Screens BASE_URL OUT_DIR path[|click-selector,…] …}.
 * Each argument is a page path, optionally followed by buttons to click in order
 * (e.g. {@code /en/lessons/three-way-handshake|#lab-1 button[value=connect]}).
 * A last {@code shot=here} takes the screen as the clicks left it (scrolled to the focused control).
 * Set SCREENS_WIDTH, SCREENS_HEIGHT, SCREENS_DARK=1 to vary the view.
 */
public final class Screens {
    public static void main(String[] args) {
        String base = args[0];
        Path out = Path.of(args[1]);
        int width = Integer.parseInt(System.getenv().getOrDefault("SCREENS_WIDTH", "1280"));
        int height = Integer.parseInt(System.getenv().getOrDefault("SCREENS_HEIGHT", "900"));
        boolean dark = "1".equals(System.getenv("SCREENS_DARK"));
        try (Playwright playwright = Browsers.playwright(); Browser browser = Browsers.launch(playwright)) {
            BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                    .setViewportSize(width, height).setIsMobile(width < 500).setHasTouch(width < 500).setColorScheme(dark ? ColorScheme.DARK : ColorScheme.LIGHT));
            Page page = context.newPage();
            for (int i = 2; i < args.length; i++) {
                String[] parts = args[i].split("\\|");
                page.navigate(base + parts[0]);
                String shot = null;
                for (int j = 1; j < parts.length; j++) {
                    if (parts[j].startsWith("shot=")) {
                        shot = parts[j].substring(5);
                        continue;
                    }
                    page.locator(parts[j]).first().click();
                    page.waitForLoadState();
                    page.waitForTimeout(150);
                }
                String target = parts.length > 1 && shot != null ? shot : null;
                Path file = out.resolve("shot-" + (i - 1) + ".png");
                if ("here".equals(target)) {
                    page.waitForTimeout(400);
                    page.screenshot(new Page.ScreenshotOptions().setPath(file));
                } else if (target != null && target.startsWith("viewport:")) {
                    page.locator(target.substring(9)).first().evaluate("e => e.scrollIntoView({block: 'start'})");
                    page.waitForTimeout(400);
                    page.screenshot(new Page.ScreenshotOptions().setPath(file));
                } else if (target != null) page.locator(target).first().screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions().setPath(file));
                else page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
                System.out.println(file);
            }
        }
    }
}
