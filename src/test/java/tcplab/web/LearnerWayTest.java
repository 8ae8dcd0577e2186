package tcplab.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tcplab.support.Learner;
import tcplab.support.TestSite;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What keeps a learner on the action, over HTTP (issue 14): the controls a finished lab offers,
 * the verdict beside the step it answered, why a key has no button, the no-script inspector's
 * way back to its lab, share links that read as words and lead to their lesson, one course list
 * per page, and the favicon.
 */
class LearnerWayTest {

    private static TestSite site;

    @BeforeAll static void start() {
        site = new TestSite();
    }

    @AfterAll static void stop() {
        site.close();
    }

    @Test
    void aFinishedTeardownOffersPlayingAgainAndSteppingBackNotASecondHandshake() {
        Learner learner = new Learner(site);
        String lab = "/en/play/teardown";
        learner.page(lab);
        learner.press(lab, "close:client", "end", "close:server");
        String html = learner.press(lab, "end");
        assertTrue(html.contains("class=\"lab-finished\""), "the story has played out");
        assertFalse(html.contains("value=\"connect\""), "no Connect to stage a second handshake on a finished teardown");
        assertFalse(html.contains("value=\"close:"), html);
        assertTrue(html.contains("value=\"back\""), "step back");
        assertTrue(html.contains("value=\"reset\"") && html.contains("Play again"), "play again");

        // one step back, the story is not over: its own controls come back
        String back = learner.press(lab, "back");
        assertFalse(back.contains("class=\"lab-finished\""));
    }

    @Test
    void theVerdictStandsWithTheStepItAnsweredAboveTheNextQuestion() {
        Learner learner = new Learner(site);
        String lab = "/en/lessons/tcp-connection/labs/1";
        learner.page("/en/lessons/tcp-connection");
        String asking = learner.press(lab, "connect");
        assertTrue(asking.contains("data-why-next=\"Answer the prediction first"), "→ says why it does not play the step");
        assertTrue(asking.contains("data-why-choose=\"Choose an answer first"), "→ with nothing chosen says so");
        assertTrue(asking.contains("data-why-drop=\"Answer the prediction first"), "d says why Drop is hidden");
        String q = group(Pattern.compile("name=\"q\" value=\"(\\d+)\""), asking);
        var answered = learner.post(lab + "/predict", true, "q", q, "choice", "1", "version", Long.toString(Learner.version(asking)));
        assertEquals(200, answered.statusCode(), answered.body());
        String html = answered.body();
        int verdict = html.indexOf("class=\"feedback ");
        int nextQuestion = html.indexOf("class=\"predict\"");
        assertTrue(verdict > 0 && nextQuestion > 0, "a verdict and the next question");
        assertTrue(verdict < nextQuestion, "the verdict comes before the next question, not under it");
        assertTrue(html.substring(verdict, nextQuestion).contains("Your prediction: The client&#39;s SYN used sequence number 100")
                        || html.substring(verdict, nextQuestion).contains("Your prediction: The client's SYN used sequence number 100"),
                "the verdict names the question it answers");
    }

    @Test
    void aKeyWithoutItsButtonSaysWhy() {
        String html = site.get("/zh/play/handshake").body();
        assertTrue(html.contains("data-why-back=\"这是实验的起点"), "← at the start");
        assertTrue(html.contains("data-why-drop=\"没有传输中的报文段"), "d with nothing in flight");
        assertFalse(html.contains("data-why-reset="), "r always has its button");
    }

    @Test
    void showHeadersWithoutScriptReturnsToTheLabsInspector() {
        Learner learner = new Learner(site);
        learner.page("/en/play/handshake");
        String html = learner.press("/en/play/handshake", "connect");
        Matcher form = Pattern.compile("<form[^>]*action=\"(/en/play/handshake/inspect)#(lab)-inspector\"").matcher(html);
        assertTrue(form.find(), "the inspect form's action carries the lab's anchor (a GET form keeps it)");
        assertTrue(html.contains("id=\"" + form.group(2) + "-inspector\""), "the anchor is on the page");
    }

    @Test
    void aSharedLinkReadsAsWordsAndLeadsBackToItsLesson() {
        Learner learner = new Learner(site);
        learner.page("/en/play/teardown");
        String html = learner.press("/en/play/teardown", "close:client");
        String link = group(Pattern.compile("class=\"share-url\" value=\"([^\"]*)\""), html);
        assertTrue(link.endsWith("/en/lab/teardown?actions=close:client"), link);
        assertTrue(html.contains("class=\"btn btn-copy\" hidden"), "a copy button, shown by lab.js; the field stays for no-JS");

        var shared = site.get("/en/lab/teardown?actions=close:client,next");
        assertEquals(200, shared.statusCode());
        assertTrue(shared.body().contains("href=\"/en/lessons/four-way-teardown#lab-1\""), "back to the lesson that teaches it");
        var zh = site.get("/zh/lab/teardown?actions=close:client,next");
        assertTrue(zh.body().contains("href=\"/zh/lessons/four-way-teardown#lab-1\""));
    }

    @Test
    void everyPageListsTheCourseOnceAndTheLessonComesFirst() {
        String home = site.get("/en/").body();
        assertEquals(1, count(home, "href=\"/en/lessons/three-way-handshake\""), "the home page lists the course once");
        String lesson = site.get("/zh/lessons/tcp-connection").body();
        assertTrue(lesson.indexOf("<main") < lesson.indexOf("class=\"course-nav\""), "the lesson before the course list");
        assertTrue(lesson.indexOf("href=\"#lab-1\"") < lesson.indexOf("<h2"), "a way to the first lab under the title");
    }

    @Test
    void everyPageHasAFavicon() {
        var icon = site.getBytes("/favicon.ico");
        assertEquals(200, icon.statusCode());
        assertEquals("image/svg+xml", icon.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertTrue(new String(icon.body(), java.nio.charset.StandardCharsets.UTF_8).startsWith("<svg"));
        String page = site.get("/en/").body();
        String href = group(Pattern.compile("<link rel=\"icon\" type=\"image/svg\\+xml\" href=\"([^\"]+)\""), page);
        assertEquals(200, site.getBytes(href).statusCode());
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertTrue(m.find(), pattern + " in " + text);
        return m.group(1);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) n++;
        return n;
    }
}
