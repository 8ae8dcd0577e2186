package tcplab.web;

import tcplab.Resources;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Our files in {@code static/}, served at URLs that carry a hash of their content so browsers
 * may keep them for a year. Only names listed in {@code static/} are ever served.
 */
public final class Assets {

    public record Asset(String name, String hash, byte[] bytes) {
        public String contentType() {
            if (name.endsWith(".css")) return "text/css; charset=utf-8";
            if (name.endsWith(".js")) return "text/javascript; charset=utf-8";
            if (name.endsWith(".svg")) return "image/svg+xml";
            if (name.endsWith(".png")) return "image/png";
            if (name.endsWith(".ico")) return "image/x-icon";
            return "application/octet-stream";
        }
    }

    private final Resources resources;
    private final Map<String, Asset> fixed;
    private final String htmxPath;

    public Assets(Resources resources) {
        this.resources = resources;
        this.fixed = resources.live() ? null : scan(resources);
        this.htmxPath = "/webjars/htmx.org/" + htmxVersion() + "/dist/htmx.min.js";
    }

    private Map<String, Asset> all() {
        return fixed != null ? fixed : scan(resources);
    }

    public Optional<Asset> find(String name) {
        return Optional.ofNullable(all().get(name));
    }

    /** The URL of one of our static files, e.g. {@code /static/3f2a9c1e/app.css}. */
    public String url(String name) {
        Asset asset = all().get(name);
        if (asset == null) throw new IllegalArgumentException("no static file " + name);
        return "/static/" + asset.hash() + "/" + name;
    }

    public String htmx() {
        return htmxPath;
    }

    /**
     * htmx itself, read once from its webjar. We serve this one file with a route of our own:
     * Javalin's general webjar handler mounts the whole fat jar, which costs half a second of
     * start-up.
     */
    public Asset htmxFile() {
        Asset file = htmxFile;
        if (file == null) {
            String resource = "META-INF/resources" + htmxPath;
            try (var in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) throw new IllegalStateException("the htmx.org webjar has no " + resource);
                file = new Asset("htmx.min.js", htmxVersion(), in.readAllBytes());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            htmxFile = file;
        }
        return file;
    }

    private volatile Asset htmxFile;

    private static Map<String, Asset> scan(Resources resources) {
        Map<String, Asset> assets = new LinkedHashMap<>();
        for (String name : resources.list("static")) {
            byte[] bytes = resources.read("static/" + name).orElseThrow();
            assets.put(name, new Asset(name, hash(bytes), bytes));
        }
        return assets;
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** htmx's version, read from its webjar rather than written down twice. */
    static String htmxVersion() {
        try (var in = Assets.class.getClassLoader().getResourceAsStream("META-INF/maven/org.webjars.npm/htmx.org/pom.properties")) {
            Properties properties = new Properties();
            if (in == null) throw new IllegalStateException("the htmx.org webjar is missing from the classpath");
            properties.load(in);
            return properties.getProperty("version");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
