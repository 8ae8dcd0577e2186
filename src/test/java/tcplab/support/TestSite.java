package tcplab.support;

import io.javalin.Javalin;
import tcplab.Config;
import tcplab.web.WebApp;
import tcplab.web.session.SessionStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The real site on a free loopback port, and a plain HTTP client that does not follow redirects. */
public final class TestSite implements AutoCloseable {

    private final Javalin app;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public TestSite() {
        this(Config.forTests());
    }

    public TestSite(Config config) {
        this.app = WebApp.create(config).start();
    }

    /** The site with a session store of the test's making (small bounds, a fake clock). */
    public TestSite(Config config, SessionStore store) {
        this.app = WebApp.create(config, store).start();
    }

    public int port() {
        return app.port();
    }

    public Javalin app() {
        return app;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET(), headers);
    }

    public HttpResponse<byte[]> getBytes(String path, String... headers) {
        return sendBytes(HttpRequest.newBuilder(URI.create(url(path))).GET(), headers);
    }

    public HttpResponse<String> post(String path, Map<String, String> form, String... headers) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> {
            if (body.length() > 0) body.append('&');
            body.append(java.net.URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return postRaw(path, body.toString(), headers);
    }

    public HttpResponse<String> postRaw(String path, String body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(builder, headers);
    }

    public HttpResponse<byte[]> sendBytes(HttpRequest.Builder builder, String... headers) {
        if (headers.length > 0) builder.headers(headers);
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> send(HttpRequest.Builder builder, String... headers) {
        if (headers.length > 0) builder.headers(headers);
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override public void close() {
        app.stop();
    }
}
