package tcplab.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tcplab.Config;
import tcplab.drill.Deck;
import tcplab.drill.Drill;
import tcplab.drill.DrillId;
import tcplab.drill.Drills;
import tcplab.drill.Kind;
import tcplab.drill.Option;
import tcplab.support.Learner;
import tcplab.support.TestSite;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The drills over plain HTTP: answering, the schedule, the round, export and import, and what is refused. */
class DrillHttpTest {

    static TestSite site;
    static TestSite other;

    @BeforeAll static void start() {
        site = new TestSite();
        other = new TestSite(Config.forTests().withSecret("another site's secret, long enough"));
    }

    @AfterAll static void stop() {
        site.close();
        other.close();
    }

    static final DrillId ID = new DrillId(Deck.LOST_HANDSHAKE, Kind.WHO_RETRANSMITS, 4242);

    static Option wrong(Drill d) {
        return d.options().stream().filter(o -> !o.isRight()).findFirst().orElseThrow();
    }

    @Test
    void aLearnerAnswersRightAndWrongAndSeesTheDrillsScheduled() {
        Learner learner = new Learner(site);
        Drill d = Drills.generate(ID);
        HttpResponse<String> page = learner.page("/en/drills/d/" + ID.key());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Which side sends a retransmission first?"), "the question in English");
        assertTrue(page.body().contains("<svg"), "the moment's ladder");

        HttpResponse<String> right = learner.post("/en/drills/d/" + ID.key(), false, "answer", d.answer().value());
        assertEquals(200, right.statusCode());
        assertTrue(right.body().contains("Right."));
        assertTrue(right.body().contains("comes back in 1 days") || right.body().contains("comes back in 24 h"), "box 2: a day");
        assertTrue(right.body().contains(d.momentPath("en").replace("&", "&amp;")), "the replay link of the moment");

        DrillId second = new DrillId(Deck.TWO_MSL, Kind.WAIT_LEFT, 77);
        Drill d2 = Drills.generate(second);
        HttpResponse<String> miss = learner.post("/zh/drills/d/" + second.key(), true, "answer", wrong(d2).value());
        assertEquals(200, miss.statusCode());
        assertTrue(miss.body().contains("不完全对。"), "feedback in Chinese");
        assertFalse(miss.body().contains("<html"), "htmx gets the drill's section alone");
        assertTrue(miss.body().contains("10 分钟后"), "a miss comes back in ten minutes");

        HttpResponse<String> overview = learner.page("/en/drills");
        assertTrue(overview.body().contains("Nothing is due now."), overview.body());
        assertTrue(overview.body().contains("0 % of 1 seen"), "each deck says how well it is known");
    }

    @Test
    void aMissingOrUnknownAnswerChangesNothing() {
        Learner learner = new Learner(site);
        HttpResponse<String> none = learner.post("/en/drills/d/" + ID.key(), false);
        assertEquals(400, none.statusCode());
        assertTrue(none.body().contains("Choose an answer"));
        assertEquals(400, learner.post("/en/drills/d/" + ID.key(), false, "answer", "maybe").statusCode());
        assertEquals(404, learner.page("/en/drills/d/why-three.give-up-at.1").statusCode());
        assertEquals(404, learner.page("/en/drills/d/nonsense").statusCode());
        assertEquals(404, learner.page("/fr/drills").statusCode());
    }

    @Test
    void anInterviewRoundEndsWithAScoreCardLinkingEachMissToItsLesson() {
        Learner learner = new Learner(site);
        HttpResponse<String> start = learner.post("/en/drills/round", false);
        assertEquals(303, start.statusCode());
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> q = learner.page("/en/drills/round");
            assertTrue(q.body().contains("Question " + (i + 1) + " of 10"), q.body());
            Matcher m = Pattern.compile("name=\"id\" value=\"([^\"]+)\"").matcher(q.body());
            assertTrue(m.find());
            Drill d = Drills.generate(DrillId.parse(m.group(1)).orElseThrow());
            String answer = i < 7 ? d.answer().value() : wrong(d).value();
            HttpResponse<String> a = learner.post("/en/drills/round/answer", false, "id", d.id().key(), "answer", answer);
            assertEquals(200, a.statusCode());
            // the same answer again (a double click) is not counted twice
            assertEquals(409, learner.post("/en/drills/round/answer", false, "id", d.id().key(), "answer", answer).statusCode());
        }
        HttpResponse<String> card = learner.page("/en/drills/round");
        assertTrue(card.body().contains("7 of 10 right"), card.body());
        assertEquals(3, card.body().split("href=\"/en/lessons/").length - 1 - lessonLinksInNav(card.body()), "each miss links to its lesson");
    }

    static int lessonLinksInNav(String html) {
        int nav = html.indexOf("class=\"course-nav\"");
        int end = html.indexOf("</nav>", nav);
        return html.substring(nav, end).split("href=\"/en/lessons/").length - 1;
    }

    @Test
    void progressTravelsToAnotherBrowserAndForgeriesAreRefused() {
        Learner home = new Learner(site);
        Drill d = Drills.generate(ID);
        home.post("/en/drills/d/" + ID.key(), false, "answer", d.answer().value());
        HttpResponse<String> export = home.page("/en/drills/export");
        Matcher m = Pattern.compile("(tcplab1\\.[A-Za-z0-9_-]+)").matcher(export.body());
        assertTrue(m.find(), export.body());
        String code = m.group(1);
        HttpResponse<String> file = home.page("/en/drills/progress.txt");
        assertEquals(code + "\n", file.body());
        assertTrue(file.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));
        assertEquals("private, no-store", file.headers().firstValue("Cache-Control").orElse(null), "a progress code is kept by no cache");
        assertEquals("private, no-store", export.headers().firstValue("Cache-Control").orElse(null));

        Learner elsewhere = new Learner(site);
        HttpResponse<String> imported = elsewhere.post("/zh/drills/import", false, "code", code);
        assertEquals(200, imported.statusCode());
        assertTrue(imported.body().contains("你现在有 1 道题"), imported.body());
        assertTrue(elsewhere.page("/en/drills").body().contains("of 1 seen"));

        Learner fresh = new Learner(site);
        String forged = code.substring(0, code.length() - 2) + (code.endsWith("A") ? "BB" : "AA");
        HttpResponse<String> refused = fresh.post("/en/drills/import", false, "code", forged);
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("signature") && refused.body().contains("Nothing was changed."), refused.body());
        assertEquals(400, fresh.post("/en/drills/import", false, "code", "hello").statusCode());
        assertTrue(fresh.page("/en/drills").body().contains("not tried yet"));

        Learner otherSite = new Learner(other);
        HttpResponse<String> foreign = otherSite.post("/en/drills/import", false, "code", code);
        assertEquals(400, foreign.statusCode(), "another site (another secret) refuses the code");
    }

    @Test
    void progressTravelsAsAFileAndABadFileChangesNothingAndSaysWhy() {
        Learner home = new Learner(site);
        Drill d = Drills.generate(ID);
        home.post("/en/drills/d/" + ID.key(), false, "answer", d.answer().value());
        String file = home.page("/en/drills/progress.txt").body();

        Learner elsewhere = new Learner(site);
        HttpResponse<String> imported = upload(elsewhere, "/en/drills/import", file, "");
        assertEquals(200, imported.statusCode(), imported.body());
        assertTrue(imported.body().contains("you now have 1 drills"), imported.body());
        assertTrue(elsewhere.page("/en/drills").body().contains("of 1 seen"), "the file's drill is there");

        // a file saved by an editor on Windows (a BOM, CRLF) is the same code
        Learner windows = new Learner(site);
        assertEquals(200, upload(windows, "/zh/drills/import", "\uFEFF" + file.strip() + "\r\n", "").statusCode());

        Learner fresh = new Learner(site);
        String code = file.strip();
        String forged = code.substring(0, code.length() - 2) + (code.endsWith("A") ? "BB" : "AA");
        HttpResponse<String> refused = upload(fresh, "/en/drills/import", forged + "\n", "");
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("signature") && refused.body().contains("Nothing was changed."), refused.body());
        HttpResponse<String> notACode = upload(fresh, "/zh/drills/import", "PNG\u0000\u0001 not a progress file", "");
        assertEquals(400, notACode.statusCode());
        assertTrue(notACode.body().contains("不是本站的进度代码"), notACode.body());
        HttpResponse<String> tooLongForACode = upload(fresh, "/en/drills/import", "tcplab1." + "A".repeat(13_000), "");
        assertEquals(400, tooLongForACode.statusCode());
        assertTrue(tooLongForACode.body().contains("longer than any progress code"), tooLongForACode.body());
        HttpResponse<String> oversized = upload(fresh, "/en/drills/import", "A".repeat(20_000), "");
        assertEquals(413, oversized.statusCode(), "a body over Form.MAX_BYTES is refused before it is read");
        assertTrue(oversized.body().contains("16 KB"), oversized.body());
        HttpResponse<String> broken = send(fresh, "/en/drills/import", "multipart/form-data; boundary=xyz",
                "--xyz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n" + code);
        assertEquals(400, broken.statusCode(), "a body without its closing boundary carries no file");
        assertTrue(broken.body().contains("Choose a progress file or paste a progress code first."), broken.body());
        assertEquals(null, fresh.cookie(), "nothing refused started a session");
        assertTrue(fresh.page("/en/drills").body().contains("not tried yet"));

        // the text box still works in the same multipart form, and only the import form takes files
        Learner pasted = new Learner(site);
        assertEquals(200, upload(pasted, "/en/drills/import", "", code).statusCode());
        assertEquals(415, send(pasted, "/en/drills/d/" + ID.key(), "multipart/form-data; boundary=xyz",
                "--xyz\r\nContent-Disposition: form-data; name=\"answer\"\r\n\r\nclient\r\n--xyz--\r\n").statusCode());
    }

    /** The import form as a browser posts it with a file chosen: multipart/form-data (RFC 7578), the file part first. */
    static HttpResponse<String> upload(Learner who, String path, String file, String code) {
        String b = "----tcplab" + Integer.toHexString(file.hashCode());
        String body = "--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"tcplab-progress.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n" + file + "\r\n--" + b + "\r\nContent-Disposition: form-data; name=\"code\"\r\n\r\n"
                + code + "\r\n--" + b + "--\r\n";
        return send(who, path, "multipart/form-data; boundary=" + b, body);
    }

    static HttpResponse<String> send(Learner who, String path, String contentType, String body) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(site.url(path)))
                .header("Content-Type", contentType)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body, java.nio.charset.StandardCharsets.UTF_8));
        if (who.cookie() != null) request.header("Cookie", "tcplab=" + who.cookie());
        HttpResponse<String> response = site.send(request);
        response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("tcplab=")).findFirst()
                .ifPresent(c -> who.sendCookie(c.substring(7, c.indexOf(';'))));
        return response;
    }

    @Test
    void aHostDrillIsAnsweredLikeAnyOtherAndItsLinksOpenTheHostLabAtTheMoment() {
        Learner learner = new Learner(site);
        for (Kind kind : Deck.TIME_WAIT_PILE.kinds()) {
            DrillId id = new DrillId(Deck.TIME_WAIT_PILE, kind, 31);
            Drill d = Drills.generate(id);
            HttpResponse<String> page = learner.page("/zh/drills/d/" + id.key());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("class=\"host-queues\"") && page.body().contains("class=\"ss\""), "the host view");
            HttpResponse<String> right = learner.post("/en/drills/d/" + id.key(), true, "answer", d.answer().value());
            assertEquals(200, right.statusCode());
            assertTrue(right.body().contains("Right."));
            // the answer's host view in full, the moment's folded: one host view to scroll on a phone, not two
            assertEquals(2, right.body().split("class=\"host-queues\"", -1).length - 1, "both views are there");
            assertTrue(right.body().matches("(?s).*<details class=\"moment moment-folded\">\\s*<summary>.*?</summary>\\s*<div class=\"host-grid host-lab\">.*"),
                    "the moment's view is folded");
            assertFalse(right.body().contains("<details class=\"moment moment-folded\" open"));
            assertTrue(right.body().contains(d.momentPath("en").replace("&", "&amp;")), "the replay link of the moment");
            assertTrue(right.body().contains(d.revealedPath("en").replace("&", "&amp;")), "the replay link of the answer");
            HttpResponse<String> lab = learner.page(d.momentPath("en"));
            assertEquals(200, lab.statusCode());
            assertTrue(lab.body().contains("host-lab"), "the host lab opens at the moment");
            HttpResponse<String> miss = learner.post("/zh/drills/d/" + id.key(), false, "answer", wrong(d).value());
            assertTrue(miss.body().contains("不完全对。"), "feedback in Chinese");
        }
        HttpResponse<String> overview = learner.page("/en/drills");
        assertTrue(overview.body().contains("Why does a busy client run out of ports"), "the deck is listed");
        assertTrue(learner.page("/en/lessons/time-wait-at-scale").body().contains("/en/drills/deck/time-wait-pile"), "its lesson links to it");
    }
}
