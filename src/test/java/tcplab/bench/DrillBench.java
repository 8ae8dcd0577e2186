package tcplab.bench;

import static tcplab.bench.BenchResults.record;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tcplab.drill.Deck;
import tcplab.drill.Drill;
import tcplab.drill.DrillId;
import tcplab.drill.Drills;
import tcplab.drill.Kind;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a drill costs the server: generate it from its id, grade an answer, and replay the
 * moment it shows (what answering one drill does). Target: well under 1 ms of CPU. Measured
 * as the thread's CPU time, since the machine's two cores are shared and wall time there
 * mostly measures the neighbours. Host-lab kinds (queue-length, counter, errno) replay the lab
 * under each misconception they name, so they are reported apart too. Writes
 * {@code drill.*} lines to target/bench/results.txt like {@link SiteBench}.
 */
@Tag("bench")
class DrillBench {


    @Test
    void generatingAndCheckingADrill() throws IOException {
        List<DrillId> ids = new ArrayList<>();
        for (Deck d : Deck.values()) {
            for (Kind k : d.kinds()) {
                for (long s = 0; s < 400; s++) ids.add(new DrillId(d, k, 1_000_003L * s % DrillId.MAX_SEED));
            }
        }
        for (int round = 0; round < 3; round++) {
            for (DrillId id : ids) once(id); // warm-up until the JIT has settled
        }
        long[] all = new long[ids.size()];
        StringBuilder perKind = new StringBuilder();
        for (Kind kind : Kind.values()) {
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                if (ids.get(i).kind() != kind) continue;
                long t0 = CPU.getCurrentThreadCpuTime();
                once(ids.get(i));
                long t = CPU.getCurrentThreadCpuTime() - t0;
                all[i] = t;
                times.add(t);
            }
            long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
            perKind.append(String.format(Locale.ROOT, " %s %.0f/%.0f", kind.key(), mean(sorted) / 1e3, sorted[sorted.length * 99 / 100] / 1e3));
        }
        long[] host = new long[0];
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i).kind().isHost()) {
                host = Arrays.copyOf(host, host.length + 1);
                host[host.length - 1] = all[i];
            }
        }
        Arrays.sort(host);
        Arrays.sort(all);
        record("drill.mean_us", String.format(Locale.ROOT, "%.0f", mean(all) / 1e3));
        record("drill.p50_us", String.format(Locale.ROOT, "%.0f", all[all.length / 2] / 1e3));
        record("drill.p99_us", String.format(Locale.ROOT, "%.0f", all[all.length * 99 / 100] / 1e3));
        record("drill.per_kind_mean/p99_us", perKind.toString().trim());
        record("drill.host_kinds_mean/p50/p99_us", String.format(Locale.ROOT, "%.0f/%.0f/%.0f", mean(host) / 1e3, host[host.length / 2] / 1e3,
                host[host.length * 99 / 100] / 1e3));
    }

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    private static long sink;

    private static void once(DrillId id) {
        Drill d = Drills.generate(id);
        sink += d.isRight(d.answer().value()) ? 1 : 0;
        try {
            sink += d.moment().isHostLab() ? d.moment().replayHost().time() : d.moment().replay().time();
        } catch (tcplab.sim.BadActionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double mean(long[] xs) {
        return Arrays.stream(xs).average().orElse(0);
    }

}
