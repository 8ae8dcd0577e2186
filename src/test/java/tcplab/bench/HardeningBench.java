package tcplab.bench;

import static tcplab.bench.BenchResults.record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tcplab.support.TestSite;
import tcplab.web.lab.Labs;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 15's attacks at full size (their small versions run in the default tests): what one
 * request can cost. Prints {@code BENCH hardening.*=…} and appends it to target/bench/results.txt.
 */
@Tag("bench")
class HardeningBench {

    private static TestSite site;

    @BeforeAll static void start() throws IOException {
        site = new TestSite();
    }

    @AfterAll static void stop() {
        site.close();
    }


    /** The URL, cut to the largest lab any route accepts: a handshake, then sends from both sides that all cross. */
    static String worstActions() {
        List<String> actions = new ArrayList<>(List.of("connect", "next", "next", "next"));
        int sends = Labs.MAX_ACTIONS - actions.size();
        actions.addAll(Collections.nCopies(sends / 2, "send:client:a"));
        actions.addAll(Collections.nCopies(sends - sends / 2, "send:server:a"));
        return String.join(",", actions);
    }

    /** CPU time of the server's request threads (not the client's, the JIT compiler's or the collector's). */
    private static long serverCpuNanos() {
        var threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("JettyServerThreadPool")) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) sum += cpu;
            }
        }
        return sum;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * CPU per request of the server's request threads, and of the whole process (client, JIT and
     * collector included), each request with a seed of its own so no cache answers. Target: under 50 ms.
     */
    @Test
    void cpuOfTheWorstLabEachRouteAccepts() {
        String actions = worstActions();
        List<String> routes = List.of("/en/lab/free", "/lab/free/ladder.svg", "/lab/free/trace.json", "/lab/free/capture.pcap");
        String only = System.getProperty("hardening.route");
        for (String route : only == null ? routes : List.of(only)) {
            for (int i = 0; i < 60; i++) assertEquals(200, site.get(route + "?seed=" + (1000 + i) + "&actions=" + actions).statusCode());
            int renders = 40;
            long server = serverCpuNanos();
            long process = processCpuNanos();
            for (int i = 0; i < renders; i++) {
                assertEquals(200, site.get(route + "?seed=" + (2000 + i) + "&actions=" + actions).statusCode(), route);
            }
            double serverMs = (serverCpuNanos() - server) / 1e6 / renders;
            double processMs = (processCpuNanos() - process) / 1e6 / renders;
            String name = route.substring(route.lastIndexOf('/') + 1).replace("free", "page");
            record("hardening.worstLab." + name + ".cpuMs", String.format(Locale.ROOT, "%.1f (whole process %.1f)", serverMs, processMs));
        }
    }

    /**
     * Issue 15.3 at full size: 260 connections each sending a POST body a byte every 5 s, while a
     * learner asks for /en/ every half second. Records the learner's slowest answer and how the
     * slow bodies ended.
     */
    @Test
    void slowBodiesLeaveTheSiteAnswering() throws Exception {
        int port = site.port();
        List<java.net.Socket> sockets = new ArrayList<>();
        for (int i = 0; i < 260; i++) {
            java.net.Socket s = new java.net.Socket("127.0.0.1", port);
            s.setSoTimeout(60_000);
            s.getOutputStream().write(("POST /en/lessons/three-way-handshake/labs/1 HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 200\r\n\r\nd").getBytes());
            sockets.add(s);
        }
        long slowestMs = 0;
        long begin = System.nanoTime();
        int sent = 0;
        while (System.nanoTime() - begin < 30_000_000_000L) {
            long t0 = System.nanoTime();
            assertEquals(200, site.get("/en/").statusCode());
            slowestMs = Math.max(slowestMs, (System.nanoTime() - t0) / 1_000_000);
            Thread.sleep(500); // bench only: the learner's pace
            if ((System.nanoTime() - begin) / 5_000_000_000L > sent) {
                sent++;
                for (java.net.Socket s : sockets) {
                    try {
                        s.getOutputStream().write('o');
                    } catch (IOException closed) {
                        // answered and closed already
                    }
                }
            }
        }
        int timedOut = 0;
        for (java.net.Socket s : sockets) {
            try (s) {
                String answer = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
                if (answer.startsWith("HTTP/1.1 408")) timedOut++;
            } catch (IOException e) {
                // reset by the server after its answer
            }
        }
        record("hardening.slowBodies.slowestHomeMs", String.valueOf(slowestMs));
        record("hardening.slowBodies.answered408", timedOut + " of 260");
    }
}
