package tcplab.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** What every in-process benchmark shares: its results file (bench/run.sh prints it as a table) and the heap after collection. */
final class BenchResults {

    static final Path RESULTS = Path.of("target", "bench", "results.txt");

    private BenchResults() {}

    /** Appends {@code name=value} to target/bench/results.txt and prints it. */
    static void record(String name, String value) {
        String line = name + "=" + value + "\n";
        System.out.print("BENCH " + line);
        try {
            Files.createDirectories(RESULTS.getParent());
            Files.writeString(RESULTS, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The heap in use after collecting, the least of five tries. */
    static long heapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100); // bench only: let the collector finish
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
