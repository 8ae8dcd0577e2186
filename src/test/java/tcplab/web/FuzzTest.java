package tcplab.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tcplab.support.RawHttp;
import tcplab.support.TestSite;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Thousands of malformed requests to every route, from a seeded generator: random actions, huge
 * and binary parameters, bad percent-encodings, wrong methods, path tricks, missing and forged
 * cookies, oversized bodies, with and without HX-Request. The site never answers 5xx or shows a
 * stack trace, explains every 4xx, and a learner's labs change only by a valid action.
 */
class FuzzTest {

    private static final long SEED = 20240607L;
    private static final int REQUESTS = 3000;

    private static final String[] LANGS = {"en", "zh", "fr", "", "EN", "zh-Hans", "..", "%00", "%zz"};
    private static final String[] SLUGS = {"three-way-handshake", "four-way-teardown", "review", "special-cases",
            "lost-handshake-segments", "time-wait", "no-such-lesson", "..", "%2e%2e", "three-way-handshake.md", ""};
    private static final String[] NUMBERS = {"1", "2", "3", "4", "0", "-1", "01", "99999", "99999999999999999999", "1.5", "abc", "%31", "", "%00"};
    private static final String[] SCENARIOS = {"handshake", "free", "teardown", "half-open", "nope", "..%2F..", "HANDSHAKE", ""};
    private static final String[] WORDS = {"next", "drop", "drop:1", "drop:0", "drop:999999999999", "connect", "close:client",
            "close:server", "abort:client", "exit:server", "send:client:hi", "send:client", "send:server", "back", "reset", "end",
            "close:nobody", "send:client:%zz", "send:client:a,b", "next,next", "drop:-1", "drop:1e3", "", " ", "NEXT"};
    private static final String[] PATH_TRICKS = {"/..", "/%2e%2e", "/%2E%2E%2F", "//", "/%2F", "/.", ";jsessionid=x", ";", "%", "%zz",
            "%e4%b8", "%c0%af", "%00", "%ff", "/..%5c..%5c", "?", "#frag", "%20", "+", "/\u00e9", "/%u2215"};
    private static final String JUNK = "abcxyz019%&=;,:+/?#[]@!$'()*~\\\"<>{}|^` \t\u00e9\u4e2d\u0000\u007f";

    private static TestSite site;
    private final Random random = new Random(SEED);

    @BeforeAll static void start() {
        site = new TestSite();
    }

    @AfterAll static void stop() {
        site.close();
    }

    // ---- the learner whose labs must not change

    private static final String WITNESS_LAB = "/en/lessons/three-way-handshake/labs/1";
    private static final String[] WITNESS_PAGES = {"/en/lessons/three-way-handshake", "/zh/lessons/three-way-handshake",
            "/en/lessons/review", "/en/lessons/four-way-teardown"};

    private String witness;

    private RawHttp.Response request(String method, String target, List<String> headers, byte[] body) {
        return RawHttp.send(site.port(), method, target.getBytes(StandardCharsets.UTF_8), headers, body);
    }

    private String witnessPages() {
        StringBuilder all = new StringBuilder();
        for (String page : WITNESS_PAGES) {
            RawHttp.Response r = request("GET", page, List.of("Cookie: tcplab=" + witness), null);
            assertEquals(200, r.status());
            all.append(r.text());
        }
        return all.toString();
    }

    @Test
    void malformedRequestsNeverBreakTheSiteNorChangeALab() {
        RawHttp.Response first = request("POST", WITNESS_LAB, List.of("Content-Type: application/x-www-form-urlencoded"),
                "do=connect&version=0".getBytes(StandardCharsets.UTF_8));
        assertEquals(303, first.status());
        witness = first.header("Set-Cookie").orElseThrow().split(";")[0].substring("tcplab=".length());
        String before = witnessPages();
        assertTrue(before.contains("SYN-SENT"), "the witness lab has one action played");

        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            Fuzzed f = next();
            RawHttp.Response r = RawHttp.exchange(site.port(), f.bytes);
            statuses.merge(r.status(), 1, Integer::sum);
            String where = "request " + i + ": " + f.summary + " → " + r.status() + " "
                    + r.headers().stream().map(h -> h[0] + ": " + h[1]).toList() + "\n" + r.text()
                    + "\nraw request: " + new String(f.bytes, 0, Math.min(f.bytes.length, 600), StandardCharsets.ISO_8859_1);
            assertTrue(r.status() < 500, where);
            String text = r.text();
            assertFalse(text.contains("Exception") || text.contains("\tat ") || text.contains(".java:")
                    || text.contains("org.eclipse.jetty") || text.contains("io.javalin"), "a stack trace or internals leaked: " + where);
            assertTrue(r.header("Content-Security-Policy").isPresent(), where);
            if (r.status() >= 400 && !f.method.equals("HEAD")) assertTrue(r.body().length > 0, "4xx without a message: " + where);
            if (f.expectsNotice && r.status() == 400) {
                assertTrue(text.contains("notice-error"), "a bad lab parameter is explained in the lab: " + where);
            }
            if (f.forgedCookie != null && f.method.equals("POST") && r.status() < 400 && f.summary.contains("/labs/")) {
                String set = r.header("Set-Cookie").orElse("");
                assertTrue(set.startsWith("tcplab=") && !set.startsWith("tcplab=" + f.forgedCookie + ";"),
                        "a forged cookie gets a fresh session: " + where + "\n" + set);
            }
        }
        assertEquals(before, witnessPages(), "the witness's labs, predictions and quizzes did not change");
        assertTrue(statuses.keySet().stream().anyMatch(s -> s == 413), "some bodies were too large: " + statuses);
        assertTrue(statuses.keySet().stream().anyMatch(s -> s == 400), "some parameters were bad: " + statuses);
        assertTrue(statuses.keySet().stream().anyMatch(s -> s == 200), "some requests were fine: " + statuses);
    }

    @Test
    void aForgedOrMissingCookieJustGetsAFreshSession() {
        for (String forged : new String[] {"AAAAAAAAAAAAAAAAAAAAAAAA", "x", "../../etc", "\"quoted\"", "a".repeat(3000)}) {
            RawHttp.Response r = request("POST", "/en/lessons/three-way-handshake/labs/1",
                    List.of("Content-Type: application/x-www-form-urlencoded", "HX-Request: true", "Cookie: tcplab=" + forged),
                    "do=connect&version=0".getBytes(StandardCharsets.UTF_8));
            assertEquals(200, r.status(), forged);
            String cookie = r.header("Set-Cookie").orElseThrow();
            assertFalse(cookie.startsWith("tcplab=" + forged + ";"));
            assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
        }
        RawHttp.Response none = request("POST", "/en/lessons/review/quizzes/1",
                List.of("Content-Type: application/x-www-form-urlencoded", "HX-Request: true"), "retry=1".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, none.status());
        assertTrue(none.header("Set-Cookie").orElse("").startsWith("tcplab="));
    }

    // ---- the generator

    private record Fuzzed(String method, byte[] bytes, String summary, String forgedCookie, boolean expectsNotice) {}

    private <T> T pick(T[] options) {
        return options[random.nextInt(options.length)];
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private String junk(int max) {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(max + 1);
        for (int i = 0; i < n; i++) s.append(JUNK.charAt(random.nextInt(JUNK.length())));
        return s.toString();
    }

    /** A form or query value: plausible, junk, huge, binary, or badly percent-encoded. */
    private String value(String plausible) {
        return switch (random.nextInt(9)) {
            case 0, 1, 2 -> plausible;
            case 3 -> encode(junk(20));
            case 4 -> "x".repeat(random.nextInt(3) == 0 ? 17_000 : 300);
            case 5 -> "%" + junk(2);
            case 6 -> "%e4%b8%ad%ff%fe%00";
            case 7 -> encode(plausible) + "%2C" + encode(pick(WORDS));
            default -> "";
        };
    }

    /** Junk that is still a legal header value (no control characters). */
    private String headerJunk(int max) {
        return junk(max).replaceAll("[\\x00-\\x1f\\x7f]", "");
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private String path() {
        // Mostly real lessons and labs, so requests get past routing to the handlers' own checks.
        String lang = chance(70) ? (chance(50) ? "en" : "zh") : pick(LANGS);
        String slug = chance(70) ? SLUGS[random.nextInt(6)] : pick(SLUGS);
        String n = chance(60) ? NUMBERS[random.nextInt(3)] : pick(NUMBERS);
        String scenario = pick(SCENARIOS);
        String query = "actions=" + value(String.join(",", pick(WORDS), pick(WORDS))) + "&seed=" + value(pick(NUMBERS))
                + "&profile=" + value(chance(50) ? "linux" : "rfc") + "&at=" + value(chance(50) ? "client" : "server");
        String path = switch (random.nextInt(16)) {
            case 0, 1, 2, 3 -> "/" + lang + "/lessons/" + slug + "/labs/" + n;
            case 4 -> "/" + lang + "/lessons/" + slug + "/labs/" + n + "/predict";
            case 5 -> "/" + lang + "/lessons/" + slug + "/quizzes/" + n;
            case 6 -> "/" + lang + "/lessons/" + slug;
            case 7 -> "/" + lang;
            case 8 -> chance(50) ? "/" : "/healthz";
            case 9 -> "/static/" + (chance(50) ? "0123456789" : junk(12)) + "/" + (chance(50) ? "app.css" : "lab.js");
            case 10 -> "/webjars/htmx.org/" + (chance(50) ? "2.0.10" : "..") + "/dist/htmx.min.js";
            case 11 -> "/lab/" + scenario + "/" + pick(new String[] {"trace.json", "capture.pcap", "ladder.svg", "nope"}) + "?" + query;
            case 12 -> "/" + lang + "/lab/" + scenario + "?" + query;
            case 13 -> "/" + lang + "/play/" + scenario + (chance(50) ? "" : "?" + query);
            case 14 -> "/" + (chance(50) ? junk(30) : encode(junk(30)));
            default -> "/" + lang + "/lessons/" + slug + "/labs/" + n + "/" + junk(5);
        };
        if (chance(20)) {
            String trick = pick(PATH_TRICKS);
            int at = random.nextInt(path.length() + 1);
            path = path.substring(0, at) + trick + path.substring(at);
        }
        if (chance(3)) path = path + "/" + "a".repeat(9000);
        if (chance(10)) path = path.replace(" ", "%20");
        return path;
    }

    private Fuzzed next() {
        String method = chance(55) ? "POST" : chance(60) ? "GET" : pick(new String[] {"PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "FOO", "get"});
        String path = path();
        boolean labPost = method.equals("POST") && path.matches("/(en|zh)/lessons/[a-z-]+/labs/[0-9]+(/predict)?");

        // Witness requests are always invalid: a stale or garbage version, a word no parser accepts,
        // or a quiz left incomplete, so its labs may not change whatever else happens.
        String cookieValue = null, forged = null;
        int cookieKind = random.nextInt(10);
        if (cookieKind < 3) cookieValue = witness;
        else if (cookieKind < 6) forged = cookieValue = chance(50) ? "A".repeat(24) + random.nextInt(1000) : headerJunk(40);

        Map<String, String> form = new LinkedHashMap<>();
        boolean witnessing = witness.equals(cookieValue);
        boolean expectsNotice = false;
        if (chance(80)) {
            String version = witnessing ? pick(new String[] {"2", "3", "77", "-1", "", "x", "1e3", "99999999999999999999"})
                    : value(pick(new String[] {"0", "1", "2"}));
            String word = witnessing ? "~" + junk(10) : pick(WORDS);
            if (!witnessing || chance(50)) form.put("version", version);
            if (witnessing && chance(50)) form.put("version", "1");
            form.put("do", witnessing ? encode(word) : value(word));
            if (chance(30)) form.put("text", chance(10) ? "x".repeat(17_000) : value("hello"));
            if (chance(30)) form.put("q", value(pick(NUMBERS)));
            if (chance(30)) form.put("choice", value(pick(NUMBERS)));
            if (!witnessing && chance(10)) form.put("retry", value("1"));
            if (chance(30)) form.put("q1", witnessing ? pick(new String[] {"", "x", "99", "-1"}) : value("0"));
            if (chance(20)) form.put("q2", value("1"));
            expectsNotice = witnessing && labPost && !path.endsWith("/predict") && path.startsWith("/en/lessons/three-way-handshake/")
                    && "1".equals(form.get("version")) && !path.contains("%");
        }
        StringBuilder bodyText = new StringBuilder();
        form.forEach((k, v) -> bodyText.append(bodyText.length() == 0 ? "" : "&").append(k).append('=').append(v));
        if (chance(5)) bodyText.append("&").append(junk(50));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(bodyText.toString().getBytes(StandardCharsets.UTF_8));
        if (chance(5)) {
            byte[] binary = new byte[random.nextInt(chance(20) ? 40_000 : 2000)];
            random.nextBytes(binary);
            body.writeBytes(binary);
        }

        List<String> headers = new ArrayList<>();
        int type = random.nextInt(10);
        if (type < 7) headers.add("Content-Type: application/x-www-form-urlencoded");
        else if (type == 7) headers.add("Content-Type: multipart/form-data; boundary=" + headerJunk(10));
        else if (type == 8) headers.add("Content-Type: application/json");
        if (chance(50)) headers.add("HX-Request: " + (chance(80) ? "true" : "false"));
        if (cookieValue != null) headers.add("Cookie: " + (chance(10) ? "other=1; " : "") + "tcplab=" + cookieValue);
        if (chance(5)) headers.add("Cookie: tcplab=" + headerJunk(10));
        if (chance(10)) headers.add("Origin: " + (chance(50) ? "http://127.0.0.1:" + site.port() : "https://evil.example"));
        if (chance(5)) headers.add("Accept-Language: " + headerJunk(20));
        if (chance(5)) headers.add("Accept: application/json");
        if (chance(3)) {
            headers.add("X-Junk: " + junk(20).replaceAll("[\\r\\n]", "") + "\u0000"); // control characters: Jetty refuses the request
            expectsNotice = false;
        }
        if (chance(5)) headers.add("Accept-Encoding: gzip");

        boolean sendsBody = !method.equals("GET") && !method.equals("HEAD") || chance(10);
        byte[] bodyBytes = sendsBody ? body.toByteArray() : null;
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes((method + " ").getBytes(StandardCharsets.ISO_8859_1));
        byte[] target = path.getBytes(StandardCharsets.UTF_8);
        boolean rawByte = chance(3);
        if (rawByte) {
            target = target.clone();
            target[random.nextInt(target.length)] = (byte) (0x80 + random.nextInt(0x7f));
            expectsNotice = false;
        }
        request.writeBytes(target);
        request.writeBytes((" HTTP/1.1\r\nHost: 127.0.0.1:" + site.port() + "\r\nConnection: close\r\n").getBytes(StandardCharsets.ISO_8859_1));
        for (String h : headers) request.writeBytes((h + "\r\n").getBytes(StandardCharsets.UTF_8));
        if (bodyBytes != null) {
            int length = chance(3) ? Math.max(0, bodyBytes.length - random.nextInt(10)) : bodyBytes.length; // a lying length
            request.writeBytes(("Content-Length: " + length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        request.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (bodyBytes != null) request.writeBytes(bodyBytes);

        String summary = method + (rawByte ? " (a raw byte in) " : " ") + (path.length() > 200 ? path.substring(0, 200) + "…" : path)
                + " " + headers + " body " + (bodyBytes == null ? "none" : bodyBytes.length + " bytes: "
                + bodyText.substring(0, Math.min(200, bodyText.length())));
        return new Fuzzed(method, request.toByteArray(), summary, forged, expectsNotice);
    }

    static String section(String html, String id) {
        Matcher m = Pattern.compile("<section class=\"lab\" id=\"" + id + "\".*?</section>", Pattern.DOTALL).matcher(html);
        return m.find() ? m.group() : null;
    }
}
