package tcplab.support;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A learner at the site over plain HTTP: keeps the session cookie the site gives, sends it with
 * every request, and reads each lab's version from the forms it is shown. One learner may visit
 * several sites (instances sharing Redis): the site is named per request, or once for all.
 */
public final class Learner {

    private static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"(\\d+)\"");

    private final TestSite home;
    private volatile String cookie;
    private final Map<String, Long> versions = new ConcurrentHashMap<>();

    /** A learner who visits {@code site} only. */
    public Learner(TestSite site) {
        this.home = site;
    }

    /** A learner who names the site on each visit. */
    public Learner() {
        this(null);
    }

    /** The session cookie's value, or null before the site has set one. */
    public String cookie() {
        return cookie;
    }

    /** From now on the learner's browser sends {@code value} as its session cookie (a forged or expired one). */
    public void sendCookie(String value) {
        cookie = value;
    }

    /** The version the lab's forms carry; fails when there is none. */
    public static long version(String html) {
        Matcher m = VERSION.matcher(html);
        assertTrue(m.find(), "the lab's forms carry its version");
        return Long.parseLong(m.group(1));
    }

    /** Reads a page with the learner's cookie (a cookie the page sets is not kept: pages read, forms write). */
    public HttpResponse<String> page(String path) {
        return page(site(), path);
    }

    public HttpResponse<String> page(TestSite site, String path) {
        return cookie == null ? site.get(path) : site.get(path, "Cookie", "tcplab=" + cookie);
    }

    /** Posts a form, as a plain browser or as htmx; {@code form} is name, value, name, value … */
    public HttpResponse<String> post(String path, boolean htmx, String... form) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < form.length; i += 2) fields.put(form[i], form[i + 1]);
        return htmx ? post(site(), path, fields, "HX-Request", "true") : post(site(), path, fields);
    }

    public HttpResponse<String> post(TestSite site, String path, Map<String, String> form, String... extraHeaders) {
        List<String> headers = new ArrayList<>(List.of(extraHeaders));
        if (cookie != null) headers.addAll(List.of("Cookie", "tcplab=" + cookie));
        return remember(site.post(path, form, headers.toArray(String[]::new)));
    }

    /** Does {@code what} in the lab at {@code lab} (htmx), as the learner who saw {@code version}. */
    public HttpResponse<String> act(String lab, String what, long version) {
        return act(site(), lab, what, version);
    }

    public HttpResponse<String> act(TestSite site, String lab, String what, long version, String... extraHeaders) {
        List<String> headers = new ArrayList<>(List.of("HX-Request", "true"));
        headers.addAll(List.of(extraHeaders));
        return post(site, lab, Map.of("do", what, "version", Long.toString(version)), headers.toArray(String[]::new));
    }

    /** Sends {@code text} from the client in the lab at {@code lab} (htmx). */
    public HttpResponse<String> send(TestSite site, String lab, String text, long version) {
        return post(site, lab, Map.of("do", "send:client", "text", text, "version", Long.toString(version)), "HX-Request", "true");
    }

    /**
     * Presses {@code control} in the lab at {@code lab} at the version it last showed this
     * learner (0 at first); the lab must take it. Returns the lab's new HTML.
     */
    public String press(String lab, String control) {
        HttpResponse<String> response = act(lab, control, versions.getOrDefault(lab, 0L));
        assertEquals(200, response.statusCode(), lab + " " + control + ": " + response.body());
        versions.put(lab, version(response.body()));
        return response.body();
    }

    public void press(String lab, String... controls) {
        for (String c : controls) press(lab, c);
    }

    private TestSite site() {
        if (home == null) throw new IllegalStateException("this learner names the site on each visit");
        return home;
    }

    private HttpResponse<String> remember(HttpResponse<String> response) {
        response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("tcplab=")).findFirst()
                .ifPresent(c -> cookie = c.substring(7, c.indexOf(';')));
        return response;
    }
}
