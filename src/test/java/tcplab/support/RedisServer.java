package tcplab.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Redis (Debian's {@code redis-server}) on a free loopback port, with append-only
 * persistence in a temporary folder, so that stopping and starting it again keeps its data.
 * {@code TCPLAB_REDIS_SERVER} names another binary; a missing one fails the test, never skips it.
 */
public final class RedisServer implements AutoCloseable {

    private static final long WAIT_MILLIS = 10_000;

    private final Path binary;
    private final Path dir;
    private final int port;
    private Process process;

    public RedisServer() {
        this.binary = Paths.get(System.getenv().getOrDefault("TCPLAB_REDIS_SERVER", "/usr/bin/redis-server"));
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("These tests need a real Redis, and " + binary + " is missing. Install it with "
                    + "`apt-get install -y redis-server` (scripts/test.sh does this), or point TCPLAB_REDIS_SERVER at redis-server.");
        }
        try {
            this.dir = Files.createTempDirectory("tcplab-redis");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.port = freePort();
        start();
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    /** Starts redis-server (again, on the same port and data folder) and waits until it answers PING. */
    public synchronized void start() {
        if (running()) return;
        List<String> command = List.of(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--appendonly", "yes", "--save", "", "--daemonize", "no", "--logfile", "");
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (!answersPing()) {
            if (exitedWithin(10)) throw new IllegalStateException("redis-server exited at start:\n" + log());
            if (System.nanoTime() > deadline) throw new IllegalStateException("redis-server did not answer within " + WAIT_MILLIS + " ms:\n" + log());
        }
    }

    /** Stops redis-server the way a service manager does (SIGTERM: it flushes its append-only file) and waits for it. */
    public synchronized void stop() {
        if (process == null) return;
        process.destroy();
        try {
            if (!process.waitFor(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }

    private boolean exitedWithin(long millis) {
        try {
            return process.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return "+PONG".equals(reply); // not "-LOADING …" while it reads its append-only file
        } catch (IOException e) {
            return false;
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
