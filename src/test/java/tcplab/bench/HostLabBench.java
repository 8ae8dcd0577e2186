package tcplab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tcplab.export.HostTraceJson;
import tcplab.sim.BadActionException;
import tcplab.sim.HostLab;
import tcplab.sim.HostSnapshot;
import tcplab.sim.Profile;
import tcplab.sim.Scenario;
import tcplab.sim.Simulation;
import tcplab.sim.host.HostSettings;

import static tcplab.bench.BenchResults.record;
import static tcplab.bench.BenchResults.heapAfterGc;

/**
 * Host labs with a 10,000-SYN flood (issue 16): replaying the lab from its words, one more step
 * on it (apply + snapshot, what a session does per action), the trace JSON, and the heap one
 * such lab holds; beside the same step on a connection lab. Writes {@code name=value} lines to
 * target/bench/results.txt like SiteBench. Tagged {@code bench}: never part of the default build.
 */
@Tag("bench")
class HostLabBench {

    /** The flood, its arrival, a second of request-socket timers, a real client getting in through a cookie. */
    private static final List<String> FLOOD_LAB = List.of("flood:10000", "next", "wait:1000", "connect:client", "wait:200",
            "send:client:GET%20%2F", "wait:100", "accept");
    private static final HostSettings SETTINGS = HostSettings.DEFAULTS.withBacklog(4096);

    private static String percentiles(long[] nanos) {
        Arrays.sort(nanos);
        return String.format("p50 %.3f ms, p99 %.3f ms", nanos[nanos.length / 2] / 1e6, nanos[nanos.length * 99 / 100] / 1e6);
    }

    @Test
    void replayAndStepAFloodLab() throws BadActionException {
        for (int i = 0; i < 200; i++) HostLab.replay(1L, Profile.LINUX, SETTINGS, FLOOD_LAB); // warm up
        int runs = 500;
        long[] replay = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            HostLab.replay(1L, Profile.LINUX, SETTINGS, FLOOD_LAB);
            replay[i] = System.nanoTime() - t0;
        }
        record("host.flood10000.replay", percentiles(replay));

        // One action on a lab that holds the flood, as a session plays it: apply, then snapshot.
        long[] step = new long[runs];
        for (int i = 0; i < runs; i++) {
            HostLab lab = HostLab.start(1L, Profile.LINUX, SETTINGS);
            for (String w : FLOOD_LAB) lab.apply(w);
            long t0 = System.nanoTime();
            lab.apply("wait:1000");
            lab.snapshot();
            step[i] = System.nanoTime() - t0;
        }
        record("host.flood10000.step", percentiles(step));

        long[] connection = new long[runs];
        List<String> words = List.of("connect", "next", "next", "next", "send:client:GET%20%2F");
        for (int i = 0; i < runs; i++) {
            Simulation sim = Simulation.start(Scenario.HANDSHAKE, null, Profile.LINUX);
            for (String w : words) sim.apply(w);
            long t0 = System.nanoTime();
            sim.apply("next");
            sim.snapshot();
            connection[i] = System.nanoTime() - t0;
        }
        record("connection.step", percentiles(connection));

        HostSnapshot s = HostLab.replay(1L, Profile.LINUX, SETTINGS, FLOOD_LAB);
        for (int i = 0; i < 5; i++) HostTraceJson.of(s); // warm up
        long[] json = new long[20];
        int size = 0;
        for (int i = 0; i < json.length; i++) {
            long t0 = System.nanoTime();
            size = HostTraceJson.of(s).length();
            json[i] = System.nanoTime() - t0;
        }
        record("host.flood10000.traceJson", percentiles(json) + ", " + size / 1024 + " KB");
    }

    @Test
    void heapPerFloodLab() throws Exception {
        int labs = 50;
        long before = heapAfterGc();
        List<Object> kept = new ArrayList<>();
        for (int i = 0; i < labs; i++) {
            HostLab lab = HostLab.start((long) i, Profile.LINUX, SETTINGS);
            for (String w : FLOOD_LAB) lab.apply(w);
            kept.add(lab);
            kept.add(lab.snapshot());
        }
        long after = heapAfterGc();
        record("host.flood10000.heapPerLab", (after - before) / labs / 1024 + " KB (lab and its latest snapshot)");
        if (kept.size() != 2 * labs) throw new AssertionError();
    }
}
