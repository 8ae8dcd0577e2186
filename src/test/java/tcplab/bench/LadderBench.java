package tcplab.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tcplab.ladder.LadderSvg;
import tcplab.ladder.LadderWords;
import tcplab.ladder.Words;
import tcplab.web.lab.Labs;

import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import static tcplab.bench.BenchResults.record;

/**
 * CPU time of one ladder for the worst labs a route accepts ({@link Labs#MAX_ACTIONS} words):
 * hundreds of segments sent at one moment from both sides (their arrows all cross), data
 * and ACKs in turn, every segment lost, and a long random walk. Issue 15's target: under 50 ms
 * a render. Prints {@code BENCH ladder.*.ms=…} and writes them to target/bench/results.txt.
 */
@Tag("bench")
class LadderBench {

    private static final LadderWords EN = Words.english();

    @Test
    void ladderOfTheWorstLabs() throws Exception {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double worst = 0;
        for (var lab : LadderBenchLabs.worstLabs().entrySet()) {
            for (int i = 0; i < 5; i++) LadderSvg.inline(lab.getValue(), EN); // warm up
            int renders = 20;
            long start = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < renders; i++) LadderSvg.inline(lab.getValue(), EN);
            double ms = (cpu.getCurrentThreadCpuTime() - start) / 1e6 / renders;
            worst = Math.max(worst, ms);
            record("ladder." + lab.getKey() + ".ms", String.format(java.util.Locale.ROOT, "%.2f (%d segments)", ms,
                    lab.getValue().segments().size()));
        }
        record("ladder.worst.ms", String.format(java.util.Locale.ROOT, "%.2f", worst));
    }

}
