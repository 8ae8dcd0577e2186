package tcplab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * How the site runs, from the environment: {@code PORT} (7070), {@code HOST} (0.0.0.0) and
 * {@code TCPLAB_DEV=1}, the development switch that reads templates, static files and lessons
 * from the working directory on every request. A packaged jar always serves its own resources.
 * {@code TRUST_PROXY=1} says a reverse proxy in front sets {@code X-Forwarded-Host} and
 * {@code X-Forwarded-Proto}, so they are believed; without it they are ignored.
 */
public record Config(String host, int port, boolean dev, Path root, boolean trustProxy) {

    public static Config fromEnvironment(Map<String, String> env) {
        String host = env.getOrDefault("HOST", "0.0.0.0");
        int port = parsePort(env.getOrDefault("PORT", "7070"));
        boolean wantsDev = "1".equals(env.get("TCPLAB_DEV")) || "true".equalsIgnoreCase(env.get("TCPLAB_DEV"));
        Path root = Path.of("").toAbsolutePath();
        boolean dev = wantsDev && !runningFromJar() && Files.isDirectory(root.resolve("templates"));
        boolean trustProxy = "1".equals(env.get("TRUST_PROXY")) || "true".equalsIgnoreCase(env.get("TRUST_PROXY"));
        return new Config(host, port, dev, root, trustProxy);
    }

    /** Settings for tests: loopback, a free port, resources from the classpath. */
    public static Config forTests() {
        return new Config("127.0.0.1", 0, false, Path.of("").toAbsolutePath(), false);
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) throw new NumberFormatException();
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PORT must be a number from 0 to 65535, not '" + value + "'");
        }
    }

    static boolean runningFromJar() {
        var source = App.class.getProtectionDomain().getCodeSource();
        return source != null && source.getLocation().getPath().endsWith(".jar");
    }
}
