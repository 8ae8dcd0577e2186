package tcplab.bench;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tcplab.sim.HostSnapshot;
import tcplab.sim.LabSpec;
import tcplab.support.TestSite;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static tcplab.bench.BenchResults.record;
import static tcplab.bench.BenchResults.heapAfterGc;

/**
 * Host labs under load (issue 16, bench/run.sh): one action on a lab holding a 10,000-SYN flood
 * beside one action on a connection lab, each over HTTP from 8 learners at once (p50/p99, the
 * target is within 2×), and the heap a lab's snapshot and a session's record of it take. Each
 * learner plays its own seed, so no two share a cached moment. Tagged {@code bench}.
 */
@Tag("bench")
class HostBench {

    private static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"(\\d+)\"");
    private static final int LEARNERS = 8;
    private static final int ACTIONS = 120;
    private static TestSite site;

    @BeforeAll static void start() throws IOException {
        site = new TestSite();
    }

    @AfterAll static void stop() {
        site.close();
    }

    private static long version(String html) {
        Matcher m = VERSION.matcher(html);
        if (!m.find()) throw new AssertionError("no version in " + html);
        return Long.parseLong(m.group(1));
    }

    /** A learner: loads its lab from a replay link with its own seed, then acts {@code ACTIONS} times; returns each action's nanoseconds. */
    private static long[] learner(String scenario, int seed, String start, List<String> cycle) {
        HttpResponse<String> load = site.post("/en/play/" + scenario + "/load", Map.of("actions", start, "seed", Integer.toString(seed)));
        String cookie = load.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String page = site.get("/en/play/" + scenario, "Cookie", cookie).body();
        long version = version(page);
        long[] times = new long[ACTIONS];
        for (int i = 0; i < ACTIONS; i++) {
            String word = cycle.get(i % cycle.size());
            Map<String, String> form = word.startsWith("send:") ? Map.of("do", word, "text", "hi", "version", Long.toString(version))
                    : Map.of("do", word, "version", Long.toString(version));
            long t0 = System.nanoTime();
            HttpResponse<String> r = site.post("/en/play/" + scenario, form, "HX-Request", "true", "Cookie", cookie);
            times[i] = System.nanoTime() - t0;
            if (r.statusCode() != 200) throw new AssertionError(scenario + " " + word + " → " + r.statusCode() + ": " + r.body());
            version = version(r.body());
        }
        return times;
    }

    private static long[] load(String scenario, String start, List<String> cycle) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(LEARNERS);
        try {
            // warm up: one round, not counted
            List<Future<long[]>> warm = new ArrayList<>();
            for (int i = 0; i < LEARNERS; i++) {
                int seed = 1000 + i;
                warm.add(pool.submit(() -> learner(scenario, seed, start, cycle)));
            }
            for (Future<long[]> f : warm) f.get();
            List<Future<long[]>> runs = new ArrayList<>();
            for (int i = 0; i < LEARNERS; i++) {
                int seed = 2000 + i;
                runs.add(pool.submit(() -> learner(scenario, seed, start, cycle)));
            }
            List<Long> all = new ArrayList<>();
            for (Future<long[]> f : runs) for (long t : f.get()) all.add(t);
            long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
            return sorted;
        } finally {
            pool.shutdown();
        }
    }

    private static String ms(long nanos) {
        return String.format("%.2f", nanos / 1e6);
    }

    @Test
    void anActionOnAFloodedLabBesideAConnectionLab() throws Exception {
        // host: each "wait:1" is a new moment (the clock moves), replayed over the flood
        long[] host = load("host", "flood:10000,next,connect:client,next", List.of("wait:1"));
        // connection: the free lab, open, then sends and their steps
        long[] conn = load("free", "connect,next,next,next", List.of("send:client", "next"));
        long hostP50 = host[host.length / 2], hostP99 = host[(int) (host.length * 0.99)];
        long connP50 = conn[conn.length / 2], connP99 = conn[(int) (conn.length * 0.99)];
        record("host.flood10000.action.p50.ms", ms(hostP50));
        record("host.flood10000.action.p99.ms", ms(hostP99));
        record("host.connectionLab.action.p50.ms", ms(connP50));
        record("host.connectionLab.action.p99.ms", ms(connP99));
        record("host.flood10000.vsConnection.p50", String.format("%.2fx", (double) hostP50 / connP50));
        record("host.flood10000.vsConnection.p99", String.format("%.2fx", (double) hostP99 / connP99));
    }

    @Test
    void heapOfAFloodedLab() throws Exception {
        int labs = 40;
        long before = heapAfterGc();
        HostSnapshot[] kept = new HostSnapshot[labs];
        for (int i = 0; i < labs; i++) {
            kept[i] = LabSpec.parseHost("flood:10000,next,connect:client,next", Integer.toString(i), null, Map.of()).replayHost();
        }
        long after = heapAfterGc();
        record("host.flood10000.snapshotBytes", Long.toString((after - before) / labs));
        // the SYN queue holds min(backlog, somaxconn) + 1 request sockets; the rest of the flood got cookies
        if (Arrays.stream(kept).anyMatch(s -> s.listener().synQueue() < 4_000)) throw new AssertionError("flood not held");

        int sessions = 20_000;
        tcplab.web.session.MemorySessionStore store = new tcplab.web.session.MemorySessionStore();
        long b2 = heapAfterGc();
        for (int i = 0; i < sessions; i++) {
            String id = store.create();
            LabSpec spec = LabSpec.parseHost("flood:10000,next,connect:client,next,wait:" + (1 + i % 50), null, null,
                    Map.of("sysctl.tcp_syncookies", "0", "backlog", "128"));
            if (!store.replaceLab(id, "play:host", 0, new tcplab.web.session.LabRecord(spec, 1))) throw new AssertionError();
        }
        long a2 = heapAfterGc();
        record("host.flood10000.sessionBytes", Long.toString((a2 - b2) / sessions));
    }
}
