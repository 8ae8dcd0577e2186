package tcplab.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tcplab.support.Browsers;
import tcplab.support.TestSite;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static tcplab.bench.BenchResults.record;

/**
 * A lesson on a phone (issue 14), as Lighthouse's mobile profile has it: a 390×844 screen, the
 * CPU slowed 4×, 1.6 Mbit/s down, 750 kbit/s up and 150 ms round trips (Chromium's DevTools
 * protocol). Measures the time until the lesson's first lab answers a press (a lab button laid
 * out and htmx loaded), for the site and, in the same run, for the same lesson saved as static
 * files behind a plain file server (no compression, no caching headers, as {@code python3 -m
 * http.server}) and behind the same server compressing with gzip (as nginx with {@code gzip on});
 * and the bytes on the wire. Writes {@code phone.*} lines to target/bench/results.txt.
 */
@Tag("bench")
class PhoneBench {

    private static final String LESSON = "/en/lessons/tcp-connection";
    private static final int RUNS = 9;

    private static final String PROBE = "(() => { const check = () => {"
            + " const b = document.querySelector('section.lab button');"
            + " if (b && window.htmx && b.getBoundingClientRect().height > 0 && getComputedStyle(b).visibility === 'visible') {"
            + "   window.__labReady = performance.now(); return; }"
            + " requestAnimationFrame(check); }; requestAnimationFrame(check); })();";

    private static final String WIRE = "() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
            + ".reduce((sum, e) => sum + e.transferSize, 0)";

    @Test
    void aLessonOnAPhoneBesideItsStaticCopy() throws Exception {
        try (TestSite site = new TestSite()) {
            Path copy = Files.createTempDirectory("tcplab-static");
            saveStatic(site, copy);
            HttpServer files = fileServer(copy, false);
            HttpServer gzipped = fileServer(copy, true);
            try (Playwright playwright = Browsers.playwright(); Browser browser = Browsers.launch(playwright)) {
                String live = site.url(LESSON);
                String saved = "http://127.0.0.1:" + files.getAddress().getPort() + LESSON + ".html";
                String savedGzip = "http://127.0.0.1:" + gzipped.getAddress().getPort() + LESSON + ".html";
                List<Double> siteMs = new ArrayList<>();
                List<Double> staticMs = new ArrayList<>();
                List<Double> gzipMs = new ArrayList<>();
                List<List<Double>> firstByte = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                double[] wire = new double[3];
                for (int run = 0; run < RUNS + 2; run++) { // in turn, so all three meet the same machine
                    double[] a = usable(browser, live);
                    double[] b = usable(browser, saved);
                    double[] c = usable(browser, savedGzip);
                    if (run < 2) continue; // warming the server, the JIT and the browser
                    siteMs.add(a[0]);
                    staticMs.add(b[0]);
                    gzipMs.add(c[0]);
                    wire = new double[] {a[1], b[1], c[1]};
                    firstByte.get(0).add(a[2]);
                    firstByte.get(1).add(b[2]);
                    firstByte.get(2).add(c[2]);
                }
                double siteMedian = median(siteMs);
                record("phone.lesson", LESSON);
                record("phone.site.usableMedianMs", String.format("%.0f", siteMedian));
                record("phone.static.usableMedianMs", String.format("%.0f", median(staticMs)));
                record("phone.staticGzip.usableMedianMs", String.format("%.0f", median(gzipMs)));
                record("phone.ratio", String.format("%.2f", siteMedian / median(staticMs)));
                record("phone.ratioGzip", String.format("%.2f", siteMedian / median(gzipMs)));
                record("phone.site.runsMs", runs(siteMs));
                record("phone.static.runsMs", runs(staticMs));
                record("phone.staticGzip.runsMs", runs(gzipMs));
                record("phone.firstByteMedianMs.siteStaticGzip", String.format("%.0f / %.0f / %.0f",
                        median(firstByte.get(0)), median(firstByte.get(1)), median(firstByte.get(2))));
                record("phone.site.wireBytes", String.format("%.0f", wire[0]));
                record("phone.static.wireBytes", String.format("%.0f", wire[1]));
                record("phone.staticGzip.wireBytes", String.format("%.0f", wire[2]));
            } finally {
                files.stop(0);
                gzipped.stop(0);
            }
        }
    }

    /** Milliseconds from navigation until the lab answers a press, and the bytes on the wire, in a cold context. */
    private static double[] usable(Browser browser, String url) {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(390, 844).setDeviceScaleFactor(3).setIsMobile(true).setHasTouch(true))) {
            Page page = context.newPage();
            CDPSession cdp = context.newCDPSession(page);
            cdp.send("Network.enable");
            JsonObject network = new JsonObject();
            network.addProperty("offline", false);
            network.addProperty("latency", 150);
            network.addProperty("downloadThroughput", 1.6 * 1024 * 1024 / 8);
            network.addProperty("uploadThroughput", 750 * 1024 / 8);
            cdp.send("Network.emulateNetworkConditions", network);
            JsonObject cpu = new JsonObject();
            cpu.addProperty("rate", 4);
            cdp.send("Emulation.setCPUThrottlingRate", cpu);
            page.addInitScript(PROBE);
            page.navigate(url);
            page.waitForFunction("() => window.__labReady !== undefined");
            page.waitForLoadState();
            double ms = ((Number) page.evaluate("() => window.__labReady")).doubleValue();
            double bytes = ((Number) page.evaluate(WIRE)).doubleValue();
            double firstByte = ((Number) page.evaluate("() => performance.getEntriesByType('navigation')[0].responseStart")).doubleValue();
            return new double[] {ms, bytes, firstByte};
        }
    }

    /** The lesson as the site sends it, and every file it links from our site, at the same paths. */
    private static void saveStatic(TestSite site, Path dir) throws IOException {
        String html = site.get(LESSON).body();
        write(dir, LESSON + ".html", html.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Set<String> assets = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?:href|src)=\"(/(?:static|webjars)/[^\"]+)\"").matcher(html);
        while (m.find()) assets.add(m.group(1));
        for (String asset : assets) write(dir, asset, site.getBytes(asset).body());
    }

    private static void write(Path dir, String path, byte[] bytes) throws IOException {
        Path file = dir.resolve(path.substring(1));
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    /** A plain file server: a file's bytes (gzip'd when asked and {@code gzip}) and a type by its extension, nothing else. */
    private static HttpServer fileServer(Path dir, boolean gzip) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Path file = dir.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            String name = file.getFileName().toString();
            String type = name.endsWith(".html") ? "text/html; charset=utf-8" : name.endsWith(".css") ? "text/css"
                    : name.endsWith(".js") ? "text/javascript" : name.endsWith(".svg") ? "image/svg+xml" : "application/octet-stream";
            byte[] bytes = Files.readAllBytes(file);
            String accepts = exchange.getRequestHeaders().getFirst("Accept-Encoding");
            if (gzip && accepts != null && accepts.contains("gzip")) {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
                    z.write(bytes);
                }
                bytes = out.toByteArray();
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
        return server;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String runs(List<Double> values) {
        return Arrays.toString(values.stream().mapToLong(Math::round).sorted().toArray());
    }

}
