package tcplab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * How the site runs, from the environment: {@code PORT} (7070), {@code HOST} (0.0.0.0) and
 * {@code TCPLAB_DEV=1}, the development switch that reads templates, static files and lessons
 * from the working directory on every request. A packaged jar always serves its own resources.
 * {@code REDIS_URL} (e.g. {@code redis://localhost:6379}) keeps sessions in Redis instead of
 * this process's memory; {@code TRUST_PROXY=1} trusts the last {@code X-Forwarded-Proto},
 * {@code X-Forwarded-Host} and {@code X-Forwarded-For} entry, the one a reverse proxy appends
 * (see docs/deployment.md).
 * {@code PUBLIC_URL} (e.g. {@code https://tcp-lab.example.org}) is the address share links
 * start with; without it they are links from the site's root, never built from a request's
 * {@code Host} header. {@code TCPLAB_SECRET} signs the drill progress codes learners export;
 * every instance behind one Redis needs the same one (without it each instance makes its own
 * at start, and codes stop reading after a restart).
 */
public record Config(String host, int port, boolean dev, Path root, boolean trustProxy, String redisUrl, String publicUrl,
                     String secret, Limits limits) {

    /**
     * What one visitor may hold: {@code idle} is how long a connection (or a request's body) may
     * send nothing, {@code minBytesPerSecond} the slowest a request body may arrive, and
     * {@code newSessionsPerMinute} (with bursts of {@code sessionBurst}) how fast one address may
     * start sessions.
     */
    public record Limits(java.time.Duration idle, long minBytesPerSecond, int newSessionsPerMinute, int sessionBurst) {
        /** A body at 1 KB/s sends the largest form (16 KB) in 16 s; a class behind one address starts 60 sessions at once. */
        public static final Limits DEFAULT = new Limits(java.time.Duration.ofSeconds(10), 1024, 30, 60);

        public Limits {
            if (idle.isNegative() || idle.isZero() || minBytesPerSecond < 1 || newSessionsPerMinute < 1 || sessionBurst < 1) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }

        public Limits withIdle(java.time.Duration d) {
            return new Limits(d, minBytesPerSecond, newSessionsPerMinute, sessionBurst);
        }

        public Limits withMinBytesPerSecond(long rate) {
            return new Limits(idle, rate, newSessionsPerMinute, sessionBurst);
        }

        public Limits withNewSessions(int perMinute, int burst) {
            return new Limits(idle, minBytesPerSecond, perMinute, burst);
        }
    }

    private static final java.util.regex.Pattern PUBLIC_URL =
            java.util.regex.Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?");

    public Config {
        redisUrl = redisUrl == null ? "" : redisUrl.trim();
        publicUrl = publicUrl == null ? "" : publicUrl.trim();
        if (!publicUrl.isEmpty() && !PUBLIC_URL.matcher(publicUrl).matches()) {
            throw new IllegalArgumentException("PUBLIC_URL must look like https://tcp-lab.example.org, not '" + publicUrl + "'");
        }
        while (publicUrl.endsWith("/")) publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
        secret = secret == null ? "" : secret;
        if (!secret.isEmpty() && secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 16) {
            throw new IllegalArgumentException("TCPLAB_SECRET must be at least 16 bytes long");
        }
        if (limits == null) limits = Limits.DEFAULT;
    }

    public Config(String host, int port, boolean dev, Path root, boolean trustProxy, String redisUrl, String publicUrl,
                  String secret) {
        this(host, port, dev, root, trustProxy, redisUrl, publicUrl, secret, Limits.DEFAULT);
    }

    public Config(String host, int port, boolean dev, Path root, boolean trustProxy, String redisUrl, String publicUrl) {
        this(host, port, dev, root, trustProxy, redisUrl, publicUrl, "");
    }

    public Config(String host, int port, boolean dev, Path root, boolean trustProxy, String redisUrl) {
        this(host, port, dev, root, trustProxy, redisUrl, "");
    }

    /** Sessions in memory. */
    public Config(String host, int port, boolean dev, Path root, boolean trustProxy) {
        this(host, port, dev, root, trustProxy, "");
    }

    public static Config fromEnvironment(Map<String, String> env) {
        String host = env.getOrDefault("HOST", "0.0.0.0");
        int port = parsePort(env.getOrDefault("PORT", "7070"));
        boolean wantsDev = isOn(env.get("TCPLAB_DEV"));
        Path root = Path.of("").toAbsolutePath();
        boolean dev = wantsDev && !runningFromJar() && Files.isDirectory(root.resolve("templates"));
        return new Config(host, port, dev, root, isOn(env.get("TRUST_PROXY")), env.getOrDefault("REDIS_URL", ""),
                env.getOrDefault("PUBLIC_URL", ""), env.getOrDefault("TCPLAB_SECRET", ""));
    }

    /** Settings for tests: loopback, a free port, resources from the classpath, sessions in memory, a known secret. */
    public static Config forTests() {
        // every test's requests come from 127.0.0.1: new sessions are not limited unless a test says so
        return new Config("127.0.0.1", 0, false, Path.of("").toAbsolutePath(), false, "", "", "tests' secret, not for production",
                Limits.DEFAULT.withNewSessions(1_000_000, 1_000_000));
    }

    public Config withPort(int port) {
        return new Config(host, port, dev, root, trustProxy, redisUrl, publicUrl, secret, limits);
    }

    public Config withRedis(String url) {
        return new Config(host, port, dev, root, trustProxy, url, publicUrl, secret, limits);
    }

    public Config withTrustProxy(boolean trust) {
        return new Config(host, port, dev, root, trust, redisUrl, publicUrl, secret, limits);
    }

    public Config withPublicUrl(String url) {
        return new Config(host, port, dev, root, trustProxy, redisUrl, url, secret, limits);
    }

    public Config withSecret(String value) {
        return new Config(host, port, dev, root, trustProxy, redisUrl, publicUrl, value, limits);
    }

    public Config withLimits(Limits l) {
        return new Config(host, port, dev, root, trustProxy, redisUrl, publicUrl, secret, l);
    }

    /** Everything but the secret, which never goes into a log. */
    @Override public String toString() {
        return "Config[host=" + host + ", port=" + port + ", dev=" + dev + ", root=" + root + ", trustProxy=" + trustProxy
                + ", redisUrl=" + redisUrl + ", publicUrl=" + publicUrl + ", secret=" + (secret.isEmpty() ? "(none)" : "(set)") + ", limits=" + limits + "]";
    }

    /** True when sessions live in Redis rather than in memory. */
    public boolean usesRedis() {
        return !redisUrl.isEmpty();
    }

    private static boolean isOn(String value) {
        return "1".equals(value) || "true".equalsIgnoreCase(value);
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
        var source = Config.class.getProtectionDomain().getCodeSource();
        return source != null && source.getLocation().getPath().endsWith(".jar");
    }
}
