package tcplab.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tcplab.support.Learner;
import tcplab.support.RawHttp;
import tcplab.support.TestSite;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** Every lab control and every kind of bad input, over HTTP, with and without htmx. */
class LabHttpTest {

    private static final String LAB = "/en/lessons/three-way-handshake/labs/1";
    private static final String TEARDOWN = "/en/lessons/four-way-teardown/labs/1";
    private static TestSite site;

    @BeforeAll static void start() {
        site = new TestSite();
    }

    @AfterAll static void stop() {
        site.close();
    }

    static List<String> states(String html) {
        Matcher m = Pattern.compile("class=\"state [^\"]*\">([A-Z0-9-]+)<").matcher(html);
        List<String> states = new ArrayList<>();
        while (m.find()) states.add(m.group(1));
        return states;
    }

    static String labSection(String page, String anchor) {
        int start = page.indexOf("<section class=\"lab\" id=\"" + anchor + "\"");
        assertTrue(start >= 0, "page has " + anchor);
        return page.substring(start, page.indexOf("</section>", start));
    }

    @Test
    void viewingALessonCreatesNoSession() {
        var page = site.get("/en/lessons/three-way-handshake");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().allValues("Set-Cookie").isEmpty());
        assertEquals(List.of("CLOSED", "LISTEN"), states(labSection(page.body(), "lab-1")));
    }

    @Test
    void firstActionCreatesAnHttpOnlySameSiteSessionAndRedirectsWithoutHtmx() {
        Learner learner = new Learner(site);
        var response = learner.post(LAB, false, "do", "connect", "version", "0");
        assertEquals(303, response.statusCode());
        assertEquals("/en/lessons/three-way-handshake#lab-1", response.headers().firstValue("Location").orElseThrow());
        assertTrue(response.headers().firstValue("Vary").orElse("").contains("HX-Request"));
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.toLowerCase().contains("samesite=lax"), cookie);
        assertFalse(cookie.contains("Secure"), "plain HTTP: no Secure flag");
        assertEquals(List.of("SYN-SENT", "LISTEN"), states(labSection(learner.page("/en/lessons/three-way-handshake").body(), "lab-1")));
    }

    @Test
    void htmxGetsJustTheLabFragment() {
        Learner learner = new Learner(site);
        var response = learner.act(LAB, "connect", 0);
        assertEquals(200, response.statusCode());
        assertTrue(response.body().startsWith("<section class=\"lab\""), "a fragment, not a page");
        assertFalse(response.body().contains("<html"));
        assertTrue(response.headers().firstValue("Vary").orElse("").contains("HX-Request"));
        assertEquals(1, Learner.version(response.body()));
        assertEquals(List.of("SYN-SENT", "LISTEN"), states(response.body()));
    }

    @Test
    void theHandshakePlaysToEstablishedOnBothSides() {
        Learner learner = new Learner(site);
        learner.act(LAB, "connect", 0);
        assertEquals(List.of("SYN-SENT", "SYN-RECEIVED"), states(learner.act(LAB, "next", 1).body()));
        assertEquals(List.of("ESTABLISHED", "SYN-RECEIVED"), states(learner.act(LAB, "next", 2).body()));
        String body = learner.act(LAB, "next", 3).body();
        assertEquals(List.of("ESTABLISHED", "ESTABLISHED"), states(body));
        assertFalse(body.contains("value=\"next\""), "nothing pending: no next control");
    }

    @Test
    void onlyLegalControlsAreRendered() {
        Learner learner = new Learner(site);
        String fresh = labSection(site.get("/en/lessons/three-way-handshake").body(), "lab-1");
        assertTrue(fresh.contains("value=\"connect\""));
        assertFalse(fresh.contains("value=\"next\""), "nothing pending before connect");
        assertFalse(fresh.contains("value=\"drop\""));
        assertFalse(fresh.contains("value=\"back\""), "nothing to step back from");
        String afterConnect = learner.act(LAB, "connect", 0).body();
        assertFalse(afterConnect.contains("value=\"connect\""), "the client already connects");
        assertTrue(afterConnect.contains("value=\"drop:1\""), "the SYN in flight can be dropped");
        assertTrue(afterConnect.contains("value=\"back\""));
    }

    @Test
    void dropStepBackResetAndPlayToEnd() {
        Learner learner = new Learner(site);
        learner.act(LAB, "connect", 0);
        String dropped = learner.act(LAB, "drop:1", 1).body();
        assertTrue(dropped.contains("Nothing in flight"), dropped);
        // the client's retransmission timer resends the SYN at 1000 ms
        String resent = learner.act(LAB, "next", 2).body();
        assertTrue(resent.contains("1000 ms"), "clock at the timeout");
        assertTrue(resent.contains("retransmits: segment #2 &lt;SEQ=100&gt;&lt;CTL=SYN&gt;"), "SYN resent");

        String back = learner.act(LAB, "back", 3).body();
        assertEquals(4, Learner.version(back), "step back raises the version too");
        assertTrue(back.contains("Nothing in flight"));
        assertFalse(back.contains("retransmits"));

        String end = learner.act(LAB, "end", 4).body();
        assertEquals(List.of("ESTABLISHED", "ESTABLISHED"), states(end));

        String reset = learner.act(LAB, "reset", 5).body();
        assertEquals(List.of("CLOSED", "LISTEN"), states(reset));
        assertEquals(6, Learner.version(reset));
    }

    @Test
    void teardownControlsForBothSidesIncludingSendAndAbort() {
        Learner learner = new Learner(site);
        String start = labSection(site.get("/en/lessons/four-way-teardown").body(), "lab-1");
        assertEquals(List.of("ESTABLISHED", "ESTABLISHED"), states(start));
        long v = Learner.version(start);
        String sent = learner.post(TEARDOWN, true, "do", "send:server", "text", "bye, 再见", "version", String.valueOf(v)).body();
        assertTrue(sent.contains("&lt;DATA=&quot;bye, 再见&quot;&gt;") || sent.contains("bye, 再见"), sent);
        String closed = learner.act(TEARDOWN, "close:client", v + 1).body();
        assertEquals(List.of("FIN-WAIT-1", "ESTABLISHED"), states(closed));
        String exited = learner.act(TEARDOWN, "exit:server", v + 2).body();
        assertEquals(200, learner.act(TEARDOWN, "next", v + 3).statusCode());
        String aborted = learner.act(TEARDOWN, "abort:client", v + 4).body();
        assertEquals("CLOSED", states(aborted).get(0), "ABORT deletes the TCB");
        assertTrue(aborted.contains("CTL=RST") || exited.contains("CTL=RST"), "a RST is sent");
    }

    @Test
    void aPlaygroundPageIsTitledByItsScenario() {
        for (String lang : List.of("en", "zh")) {
            String body = site.get("/" + lang + "/play/handshake").body();
            String expected = lang.equals("en") ? "Lab: the three-way handshake" : "实验：三次握手";
            Matcher title = Pattern.compile("<title>([^<]*)</title>").matcher(body);
            Matcher heading = Pattern.compile("<h1>([^<]*)</h1>").matcher(body);
            assertTrue(title.find() && heading.find(), "a title and a heading");
            assertFalse(body.contains("th:text"), "no template source on the page");
            assertTrue(title.group(1).startsWith(heading.group(1) + " · "), "the title is the heading and the site's name");
            assertEquals(expected, heading.group(1));
        }
    }

    @Test
    void aFailedConnectionIsExplainedInThePagesLanguage() {
        for (String lang : List.of("en", "zh")) {
            Learner learner = new Learner(site);
            String lab = "/" + lang + "/play/handshake";
            long v = 0;
            for (String what : List.of("connect", "next", "next", "next", "abort:server")) learner.act(lab, what, v++);
            String reset = learner.act(lab, "next", v).body();
            assertEquals("CLOSED", states(reset).get(0), "the RST closes the client");
            Matcher failure = Pattern.compile("<p class=\"failure\">([^<]*)</p>").matcher(reset);
            assertTrue(failure.find(), "the client shows why its connection ended");
            assertEquals(lang.equals("en") ? "connection reset by the peer" : "连接被对端复位", failure.group(1));
        }
    }

    @Test
    void aStaleFormGets409WithTheCurrentState() {
        Learner learner = new Learner(site);
        learner.act(LAB, "connect", 0);
        learner.act(LAB, "next", 1);
        var stale = learner.act(LAB, "next", 1);
        assertEquals(409, stale.statusCode());
        assertTrue(stale.body().contains("page was out of date"));
        assertEquals(2, Learner.version(stale.body()));
        assertEquals(List.of("SYN-SENT", "SYN-RECEIVED"), states(stale.body()), "nothing applied twice");

        var staleNoJs = learner.post(LAB, false, "do", "next", "version", "0");
        assertEquals(409, staleNoJs.statusCode());
        assertTrue(staleNoJs.body().contains("<html"), "without htmx: the whole lesson, the lab showing the message");
        assertTrue(staleNoJs.body().contains("page was out of date"));

        // Another learner at the same moment of the same lab, with another version: their 409 shows their own version,
        // and their next accepted action shows no message.
        Learner other = new Learner(site);
        other.act(LAB, "connect", 0);
        other.act(LAB, "next", 1);
        other.act(LAB, "back", 2);
        other.act(LAB, "next", 3);
        var otherStale = other.act(LAB, "next", 1);
        assertEquals(409, otherStale.statusCode());
        assertTrue(otherStale.body().contains("page was out of date"));
        assertEquals(4, Learner.version(otherStale.body()));
        var accepted = other.act(LAB, "next", 4);
        assertEquals(200, accepted.statusCode());
        assertEquals(5, Learner.version(accepted.body()));
        assertFalse(accepted.body().contains("page was out of date"));
    }

    @Test
    void badInputGets400AndTheLabStaysAsItWas() {
        Learner learner = new Learner(site);
        learner.act(LAB, "connect", 0);
        String[][] bad = {
                {"do", "teleport", "version", "1"},
                {"do", "drop:99", "version", "1"},
                {"do", "drop:x", "version", "1"},
                {"do", "close:nobody", "version", "1"},
                {"do", "next", "version", "one"},
                {"do", "next", "version", "-1"},
                {"do", "next"},
                {"version", "1"},
                {"do", "x".repeat(5000), "version", "1"},
                {"do", "send:client", "text", "x".repeat(65), "version", "1"},
                {"do", "send:client", "text", "", "version", "1"},
        };
        for (String[] form : bad) {
            for (boolean htmx : new boolean[] {true, false}) {
                var response = learner.post(LAB, htmx, form);
                assertEquals(400, response.statusCode(), String.join(" ", form));
                assertTrue(response.body().contains("notice-error"), "a clear message: " + String.join(" ", form));
                assertEquals(htmx, !response.body().contains("<html"), "fragment for htmx, page otherwise");
            }
        }
        var now = learner.act(LAB, "next", 1);
        assertEquals(200, now.statusCode(), "the lab is still at version 1");
        assertEquals(List.of("SYN-SENT", "SYN-RECEIVED"), states(now.body()));
    }

    @Test
    void unknownLabsAndLessonsAre404() {
        Learner learner = new Learner(site);
        for (String path : new String[] {"/en/lessons/three-way-handshake/labs/9", "/en/lessons/three-way-handshake/labs/0",
                "/en/lessons/three-way-handshake/labs/x", "/en/lessons/nope/labs/1", "/fr/lessons/three-way-handshake/labs/1"}) {
            assertEquals(404, learner.post(path, true, "do", "next", "version", "0").statusCode(), path);
            assertEquals(404, learner.post(path, false, "do", "next", "version", "0").statusCode(), path);
        }
    }

    @Test
    void aForgedOrExpiredCookieStartsAFreshLabWithANotice() {
        Learner owner = new Learner(site);
        owner.act(LAB, "connect", 0);
        Learner forger = new Learner(site);
        forger.sendCookie("AAAAAAAAAAAAAAAAAAAAAAAA");
        var response = forger.act(LAB, "next", 1);
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("session has expired"), "a notice");
        assertEquals(List.of("CLOSED", "LISTEN"), states(response.body()), "a fresh lab, never another learner's");
        assertNotEquals("AAAAAAAAAAAAAAAAAAAAAAAA", forger.cookie(), "a new session");
        forger.sendCookie("<script>");
        assertEquals(200, forger.act(LAB, "connect", 0).statusCode());
        assertEquals(List.of("SYN-SENT", "LISTEN"), states(labSection(owner.page("/en/lessons/three-way-handshake").body(), "lab-1")),
                "the owner's lab is untouched");
    }

    @Test
    void aLabKeepsItsStateWhenTheLearnerSwitchesLanguage() {
        Learner learner = new Learner(site);
        learner.act(LAB, "connect", 0);
        learner.act(LAB, "next", 1);
        String zh = labSection(learner.page("/zh/lessons/three-way-handshake").body(), "lab-1");
        assertEquals(List.of("SYN-SENT", "SYN-RECEIVED"), states(zh));
        assertTrue(zh.contains("客户端"), "in Chinese");
        assertEquals(200, learner.post("/zh/lessons/three-way-handshake/labs/1", true, "do", "next", "version", "2").statusCode(),
                "the same lab, whichever language posts");
    }

    @Test
    void severalLabsInALessonAreIndependent() {
        Learner learner = new Learner(site);
        learner.act(LAB, "connect", 0);
        String page = learner.page("/en/lessons/three-way-handshake").body();
        assertEquals(List.of("SYN-SENT", "LISTEN"), states(labSection(page, "lab-1")));
        assertEquals(List.of("CLOSED", "LISTEN"), states(labSection(page, "lab-2")));
    }

    @Test
    void aPredictionIsAskedCheckedExplainedAndThenTheStepIsPlayed() {
        Learner learner = new Learner(site);
        String asked = learner.act(LAB, "connect", 0).body();
        assertTrue(asked.contains("class=\"predict\""), "the lab asks before it moves");
        assertFalse(asked.contains("name=\"do\" value=\"next\""), "no next control while a prediction is due");
        Matcher q = Pattern.compile("name=\"q\" value=\"(\\d+)\"").matcher(asked);
        assertTrue(q.find());
        var wrong = learner.post(LAB + "/predict", true, "q", q.group(1), "choice", "0", "version", "1");
        assertEquals(200, wrong.statusCode());
        assertTrue(wrong.body().contains("feedback wrong"), "checked on the server");
        assertTrue(wrong.body().contains("The right answer: &lt;SEQ=300&gt;&lt;ACK=101&gt;&lt;CTL=SYN,ACK&gt;"), wrong.body());
        assertEquals(List.of("SYN-SENT", "SYN-RECEIVED"), states(wrong.body()), "then the step is played");

        var badChoice = learner.post(LAB + "/predict", true, "q", "0", "choice", "7", "version", "2");
        assertEquals(400, badChoice.statusCode());
        var notDue = learner.post(LAB + "/predict", true, "q", q.group(1), "choice", "1", "version", "2");
        assertEquals(409, notDue.statusCode(), "the prediction is no longer due");
    }

    @Test
    void quizzesAreCheckedOnTheServerAndShowInProgress() {
        Learner learner = new Learner(site);
        String page = site.get("/en/lessons/three-way-handshake").body();
        Matcher questions = Pattern.compile("name=\"q(\\d+)\" value=\"0\"").matcher(page.substring(page.indexOf("id=\"quiz-1\"")));
        int count = 0;
        while (questions.find()) count = Math.max(count, Integer.parseInt(questions.group(1)));
        assertTrue(count >= 2);

        var incomplete = learner.post("/en/lessons/three-way-handshake/quizzes/1", true, "q1", "0");
        assertEquals(400, incomplete.statusCode());
        assertTrue(incomplete.body().contains("Answer every question"));

        List<String> form = new ArrayList<>();
        for (int i = 1; i <= count; i++) form.addAll(List.of("q" + i, "0"));
        var answered = learner.post("/en/lessons/three-way-handshake/quizzes/1", true, form.toArray(String[]::new));
        assertEquals(200, answered.statusCode());
        assertTrue(answered.body().matches("(?s).*You got \\d of " + count + " right.*"));
        String quiz = page.substring(page.indexOf("id=\"quiz-1\""));
        quiz = quiz.substring(0, quiz.indexOf("</section>"));
        int choices = quiz.split("type=\"radio\"").length - 1;
        assertEquals(choices, answered.body().split("class=\"why\"").length - 1, "every choice explained");

        var noJs = learner.post("/en/lessons/three-way-handshake/quizzes/1", false, form.toArray(String[]::new));
        assertEquals(303, noJs.statusCode());
        assertEquals("/en/lessons/three-way-handshake#quiz-1", noJs.headers().firstValue("Location").orElseThrow());

        String nav = learner.page("/en/lessons/tcp-connection").body();
        assertTrue(nav.matches("(?s).*three-way-handshake\".*?class=\"done\".*?quiz \\d/" + count + ".*"), "progress in the navigation");
    }

    /** The share link's value in a lab's HTML. */
    static String shareLink(String html) {
        Matcher m = Pattern.compile("class=\"share-url\" value=\"([^\"]*)\"").matcher(html);
        assertTrue(m.find(), "the lab has a share link");
        return m.group(1).replace("&amp;", "&");
    }

    @Test
    void dataThatLooksLikeANumberOfThePageIsShownAsSentAndTheShareLinkHoldsStill() {
        // Any digits a learner sends are their data: the page shows them as they are, whatever
        // the lab's version, and the share link is the same however often the lab is rendered.
        String digits = "987654321987654321";
        Learner learner = new Learner(site);
        String lab = "/en/play/handshake";
        long v = Learner.version(learner.page("/en/play/handshake").body());
        for (String word : List.of("connect", "next", "next")) v = Learner.version(learner.act(lab, word, v).body());
        var sent = learner.post(lab, true, "do", "send:client", "text", digits, "version", String.valueOf(v));
        assertEquals(200, sent.statusCode(), sent.body());
        String expected = "/en/lab/handshake?actions=connect,next,next,send:client:" + digits;
        assertTrue(sent.body().contains(digits), "the lab shows the learner's data");
        assertTrue(shareLink(sent.body()).endsWith(expected), shareLink(sent.body()));
        // rendered again at later versions (step back and forth): the same link, the same data
        long later = Learner.version(sent.body());
        String back = learner.act(lab, "back", later).body();
        String again = learner.post(lab, true, "do", "send:client", "text", digits, "version", String.valueOf(Learner.version(back))).body();
        assertTrue(shareLink(again).endsWith(expected), shareLink(again));
        assertTrue(again.contains(digits));
        assertTrue(shareLink(learner.page(lab).body()).endsWith(expected));
    }

    @Test
    void aSharedLabOffersNoInspectorThatWouldReadTheLearnersOwnLab() {
        // A replay link's page has no header inspector of its own: a "Show headers" form there
        // would read the learner's playground lab (another moment, or "no such segment").
        Learner learner = new Learner(site);
        learner.page("/en/play/handshake");
        for (String replay : List.of("/en/lab/handshake?actions=connect,next,next", "/zh/lab/handshake?actions=connect,next",
                "/en/lab/host?actions=connect:client,next")) {
            var page = learner.page(replay);
            assertEquals(200, page.statusCode(), replay);
            String lab = page.body().substring(page.body().indexOf("id=\"lab\""));
            assertTrue(lab.contains("<svg"), replay + " shows its ladder");
            assertFalse(lab.contains("/inspect"), replay + " offers no form or link to another lab's inspector");
            assertFalse(lab.contains("inspect-form"), replay);
        }
    }

    @Test
    void aHostHeaderNeverReachesAResponse() {
        for (String path : List.of("/en/lessons/three-way-handshake", "/en/play/handshake",
                "/en/lab/handshake?actions=connect%2Cnext", "/zh/lab/handshake?actions=connect")) {
            String request = "GET " + path + " HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n";
            RawHttp.Response response = RawHttp.exchange(site.port(), request.getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(200, response.status(), path);
            assertFalse(response.text().contains("evil.example"), path + " reflects the Host header");
        }
        String body = "do=connect&version=0";
        String request = "POST /en/play/handshake HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\nHX-Request: true\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        RawHttp.Response response = RawHttp.exchange(site.port(), request.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(200, response.status(), response.text());
        assertFalse(response.text().contains("evil.example"), "a lab action reflects the Host header");
    }
}
