package tcplab.web;

import org.eclipse.jetty.util.thread.ThreadPool;
import org.junit.jupiter.api.Test;
import tcplab.Config;
import tcplab.support.RawHttp;
import tcplab.support.TestSite;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 15.3: request bodies that arrive slowly or stop hold no thread, end with 408 once the
 * configured idle time or minimum rate is missed, and leave other learners served. Here with a
 * few sockets and a tiny idle time; bench/HardeningBench sends 260 at the pace.
 */
class SlowBodyTest {

    private static final Duration IDLE = Duration.ofMillis(800);
    private static final String LAB = "/en/lessons/three-way-handshake/labs/1";

    private static Config config() {
        return Config.forTests().withLimits(Config.Limits.DEFAULT.withIdle(IDLE).withMinBytesPerSecond(200));
    }

    /** A POST that announces {@code length} body bytes and sends {@code sent} of them. */
    static Socket startPost(int port, int length, String sent) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        String head = "POST " + LAB + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + length + "\r\n\r\n" + sent;
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    static String answer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    static int busyThreads(TestSite site) {
        ThreadPool pool = site.app().jettyServer().server().getThreadPool();
        return pool instanceof org.eclipse.jetty.util.thread.QueuedThreadPool q ? q.getBusyThreads() : -1;
    }

    @Test
    void stalledBodiesHoldNoThreadAndEndWith408() throws Exception {
        try (TestSite site = new TestSite(config())) {
            assertEquals(200, site.get("/en/").statusCode());
            int busyBefore = busyThreads(site);
            List<Socket> stalled = new ArrayList<>();
            for (int i = 0; i < 12; i++) stalled.add(startPost(site.port(), 100, "d"));
            // while they wait, other learners are served
            var home = site.get("/en/");
            assertEquals(200, home.statusCode());
            assertTrue(busyThreads(site) - busyBefore < 12, "stalled bodies hold no request thread: " + busyThreads(site) + " busy, " + busyBefore + " before");
            for (Socket s : stalled) {
                try (s) {
                    String answer = answer(s);
                    assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
                    assertFalse(answer.contains("Exception") || answer.contains("\tat "), answer);
                }
            }
        }
    }

    @Test
    void aBodyTricklingBelowTheMinimumRateEndsWith408() throws Exception {
        try (TestSite site = new TestSite(config())) {
            try (Socket s = startPost(site.port(), 100, "d")) {
                OutputStream out = s.getOutputStream();
                // 1 byte every 100 ms: 10 bytes a second, well under the 200 configured, and never idle for 800 ms
                String answer = null;
                for (int i = 0; i < 60 && answer == null; i++) {
                    Thread.sleep(100); // the attack's own pace
                    try {
                        out.write('o');
                        out.flush();
                    } catch (IOException closed) {
                        break;
                    }
                    if (s.getInputStream().available() > 0) break;
                }
                answer = answer(s);
                assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            }
        }
    }

    @Test
    void aBodyThatArrivesInTimeIsServed() {
        try (TestSite site = new TestSite(config())) {
            var r = RawHttp.send(site.port(), "POST", LAB.getBytes(StandardCharsets.UTF_8),
                    List.of("Content-Type: application/x-www-form-urlencoded", "HX-Request: true"),
                    "do=connect&version=0".getBytes(StandardCharsets.UTF_8));
            assertEquals(200, r.status());
        }
    }
}
