package tcplab.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tcplab.sim.Action;
import tcplab.sim.LabSpec;
import tcplab.sim.Profile;
import tcplab.sim.Scenario;
import tcplab.sim.Simulation;
import tcplab.support.Browsers;
import tcplab.support.TestSite;
import tcplab.web.session.LabRecord;
import tcplab.web.session.MemorySessionStore;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static tcplab.bench.BenchResults.record;
import static tcplab.bench.BenchResults.heapAfterGc;

/**
 * The in-process benchmarks of bench/run.sh: memory per session, replay cost, page weight and
 * time to an interactive lab. Each writes {@code name=value} lines to target/bench/results.txt,
 * which bench/run.sh prints as a table beside the wrk figures. Tagged {@code bench}: never part
 * of the default build.
 */
@Tag("bench")
class SiteBench {

    private static TestSite site;

    @BeforeAll static void start() throws IOException {
        site = new TestSite();
    }

    @AfterAll static void stop() {
        site.close();
    }

    // ---- memory per session

    @Test
    void memoryPerSession() throws Exception {
        int sessions = 100_000;
        long before = heapAfterGc();
        MemorySessionStore store = new MemorySessionStore();
        List<String> played = List.of("connect", "next", "next", "next");
        for (int i = 0; i < sessions; i++) {
            String id = store.create();
            // A fresh string per session, as a request makes it, so nothing is shared by accident.
            LabRecord lab = new LabRecord(new LabSpec(Scenario.HANDSHAKE, null, Profile.LINUX, List.of()), 0).with(new ArrayList<>(played));
            if (!store.replaceLab(id, "three-way-handshake#1", 0, lab)) throw new AssertionError("lab not stored");
        }
        long after = heapAfterGc();
        if (store.size() != sessions) throw new AssertionError("store holds " + store.size());
        record("memory.bytesPerSession", Long.toString((after - before) / sessions));
    }

    // ---- replay cost of a 200-action lab

    @Test
    void replayCost() throws Exception {
        List<String> words = new ArrayList<>();
        Simulation simulation = Simulation.start(Scenario.byKey("handshake").orElseThrow(), null, Profile.byKey("linux").orElseThrow());
        int sends = 0;
        while (words.size() < 200) {
            List<String> offered = simulation.offered().stream().map(Action::word).toList();
            String word = offered.contains("connect") ? "connect"
                    : offered.stream().filter(w -> w.startsWith("send:client")).findFirst()
                            .filter(w -> !simulation.hasPending()).map(w -> "send:client:hello" + (sends % 10)).orElse("next");
            if (word.equals("next") && !simulation.hasPending()) throw new AssertionError("stuck at " + words.size() + ": " + offered);
            simulation.apply(word);
            words.add(word);
        }
        Scenario scenario = Scenario.byKey("handshake").orElseThrow();
        Profile profile = Profile.byKey("linux").orElseThrow();
        for (int i = 0; i < 3_000; i++) Simulation.replay(scenario, null, profile, words); // warm up
        int runs = 5_000;
        long t0 = System.nanoTime();
        for (int i = 0; i < runs; i++) Simulation.replay(scenario, null, profile, words);
        double micros = (System.nanoTime() - t0) / 1e3 / runs;
        record("replay.200actions.micros", String.format("%.1f", micros));
    }

    // ---- page weight

    private static long wireBytes(HttpResponse<byte[]> r) {
        long headers = r.headers().map().entrySet().stream()
                .mapToLong(e -> e.getValue().stream().mapToLong(v -> e.getKey().length() + 2 + v.length() + 2).sum()).sum();
        return headers + 17 + r.body().length; // + status line
    }

    @Test
    void pageWeight() throws Exception {
        String[] slugs = {"tcp-connection", "three-way-handshake", "why-three-segments", "lost-handshake-segments",
                "four-way-teardown", "why-four-segments", "time-wait", "special-cases", "review"};
        long heaviest = 0;
        String heaviestSlug = null;
        for (String lang : new String[] {"en", "zh"}) {
            for (String slug : slugs) {
                String path = "/" + lang + "/lessons/" + slug;
                HttpResponse<byte[]> page = site.getBytes(path, "Accept-Encoding", "gzip");
                if (page.statusCode() != 200) throw new AssertionError(path + " → " + page.statusCode());
                String html = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(page.body())).readAllBytes());
                long total = wireBytes(page);
                Set<String> assets = new LinkedHashSet<>();
                Matcher m = Pattern.compile("(?:href|src)=\"(/(?:static|webjars)/[^\"]+)\"").matcher(html);
                while (m.find()) assets.add(m.group(1));
                for (String asset : assets) {
                    HttpResponse<byte[]> a = site.getBytes(asset, "Accept-Encoding", "gzip");
                    total += wireBytes(a);
                }
                if (total > heaviest) {
                    heaviest = total;
                    heaviestSlug = path;
                }
                record("weight.page." + lang + "." + slug, Long.toString(total));
            }
        }
        record("weight.page.heaviest", heaviest + " (" + heaviestSlug + ")");

        HttpResponse<String> first = site.post("/en/lessons/three-way-handshake/labs/1", Map.of("do", "connect", "version", "0"), "HX-Request", "true");
        String cookie = first.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<byte[]> action = site.sendBytes(java.net.http.HttpRequest.newBuilder(java.net.URI.create(site.url("/en/lessons/three-way-handshake/labs/1")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("do=next&version=1")),
                "HX-Request", "true", "Cookie", cookie, "Accept-Encoding", "gzip");
        if (action.statusCode() != 200) throw new AssertionError("action → " + action.statusCode());
        record("weight.action", Long.toString(wireBytes(action) + "do=next&version=1".length() + 300)); // + the request itself
        record("weight.action.uncompressedBody", Integer.toString(new String(new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(action.body())).readAllBytes()).length()));
    }

    // ---- time to an interactive lab

    @Test
    void timeToInteractiveLab() {
        // Recorded in the page from its first script on: the first frame in which a lab button is
        // laid out and visible and htmx has loaded (the lab answers clicks from then on).
        String probe = "(() => { const t0 = performance.now(); const check = () => {"
                + " const b = document.querySelector('section.lab button');"
                + " if (b && window.htmx && b.getBoundingClientRect().height > 0 && getComputedStyle(b).visibility === 'visible') {"
                + "   window.__labReady = performance.now(); return; }"
                + " requestAnimationFrame(check); }; requestAnimationFrame(check); })();";
        try (Playwright playwright = Browsers.playwright(); Browser browser = Browsers.launch(playwright)) {
            List<Double> times = new ArrayList<>();
            for (int run = 0; run < 13; run++) {
                try (BrowserContext context = browser.newContext()) { // a cold cache each run
                    Page page = context.newPage();
                    page.addInitScript(probe);
                    page.navigate(site.url("/en/lessons/three-way-handshake"));
                    page.waitForFunction("() => window.__labReady !== undefined");
                    double ms = ((Number) page.evaluate("() => window.__labReady")).doubleValue();
                    if (run >= 3) times.add(ms); // the first runs warm the server and the browser
                }
            }
            double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = (sorted[4] + sorted[5]) / 2;
            record("tti.medianMs", String.format("%.0f", median));
            record("tti.runsMs", Arrays.toString(Arrays.stream(sorted).mapToLong(Math::round).toArray()));
        }
    }
}
