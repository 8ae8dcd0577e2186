package tcplab.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tcplab.Resources;
import tcplab.lesson.Course;
import tcplab.lesson.LabBlock;
import tcplab.lesson.Lesson;
import tcplab.support.LabStory;
import tcplab.support.Learner;
import tcplab.support.TestSite;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A lesson shows as finished in the navigation once each of its labs has been played to the end
 * of its story, not merely until nothing is pending: a side left in CLOSE-WAIT, or a free lab
 * after one action, does not count. A host lab's story ends when what it set going has played
 * out (Goal.REST).
 */
class LabProgressTest {

    private static TestSite site;
    private static Course course;

    @BeforeAll static void start() {
        site = new TestSite();
        course = Course.load(new Resources.Classpath());
    }

    @AfterAll static void stop() {
        site.close();
    }

    /** Whether the navigation on a lesson page marks lesson {@code slug} as finished for {@code learner}. */
    private static boolean finished(Learner learner, String lang, String slug) {
        String page = learner.page("/" + lang + "/lessons/" + slug).body();
        String nav = page.substring(page.indexOf("class=\"course-nav\""));
        int at = nav.indexOf("href=\"/" + lang + "/lessons/" + slug + "\"");
        assertTrue(at >= 0, "the navigation lists " + slug);
        String item = nav.substring(at, nav.indexOf("</li>", at));
        return item.contains("class=\"done\"");
    }

    private static String lab(String slug, int n) {
        return "/en/lessons/" + slug + "/labs/" + n;
    }

    /** Plays a lesson lab as LabStory does: to each prediction, then to the end of its story. */
    private static void playWholeStory(Learner learner, String lang, Lesson lesson, LabBlock lab) {
        String path = "/" + lang + "/lessons/" + lesson.slug() + "/labs/" + (lab.index() + 1);
        List<String> played = LabStory.afterPredictions(lab);
        String last = null;
        for (String word : played.subList(lab.actions().size(), played.size())) last = learner.press(path, word);
        if (lab.isHostLab()) {
            // a lesson's host lab is over once what it set going has played out
            if (last == null || last.contains("value=\"end\"")) last = learner.press(path, "end");
            assertTrue(last.contains("class=\"lab-finished\""), path + " says its story is over");
            return;
        }
        for (String control : LabStory.finish(lab, played)) learner.press(path, control);
    }

    @Test
    void theServerClosingFirstCountsOnlyOnceTheClientHasClosedToo() {
        Learner learner = new Learner(site);
        Lesson lesson = course.lesson("en", "four-way-teardown").orElseThrow();
        assertEquals("server-close", lesson.labs().get(2).scenario());
        playWholeStory(learner, "en", lesson, lesson.labs().get(0));
        playWholeStory(learner, "en", lesson, lesson.labs().get(1));
        assertFalse(finished(learner, "en", "four-way-teardown"), "one lab still to play");

        String waiting = learner.press(lab("four-way-teardown", 3), "close:server");
        waiting = learner.press(lab("four-way-teardown", 3), "end");
        assertEquals(List.of("CLOSE-WAIT", "FIN-WAIT-2"), LabHttpTest.states(waiting));
        assertFalse(waiting.contains("value=\"end\""), "nothing more happens by itself");
        assertFalse(finished(learner, "en", "four-way-teardown"), "the client is still in CLOSE-WAIT");
        assertFalse(waiting.contains("class=\"lab-finished\""), "the lab does not say it is finished either");

        learner.press(lab("four-way-teardown", 3), "close:client");
        String over = learner.press(lab("four-way-teardown", 3), "end");
        assertEquals(List.of("CLOSED", "CLOSED"), LabHttpTest.states(over));
        assertTrue(over.contains("class=\"lab-finished\""), "the lab says its story is over");
        assertTrue(over.contains("played out to its end."), "and announces it to screen readers too: " + over);
        assertTrue(finished(learner, "en", "four-way-teardown"));
        assertTrue(finished(learner, "zh", "four-way-teardown"), "labs are shared by both languages");
    }

    @Test
    void theFreeLabCountsOnceAConnectionHasOpenedAndClosed() {
        Learner learner = new Learner(site);
        String free = lab("review", 1);
        learner.press(free, "close:client"); // "connection does not exist": a valid action, nothing pending after it
        assertFalse(finished(learner, "en", "review"), "one action is not a story");
        learner.press(free, "connect", "end");
        assertFalse(finished(learner, "en", "review"), "open is half the story");
        learner.press(free, "close:client", "end", "close:server", "end");
        assertTrue(finished(learner, "en", "review"));
    }

    @Test
    void playingEveryLabsStoryFinishesEveryLesson() {
        Learner learner = new Learner(site);
        for (Lesson lesson : course.lessons("en")) {
            for (LabBlock lab : lesson.labs()) playWholeStory(learner, "en", lesson, lab);
        }
        for (Lesson lesson : course.lessons("en")) {
            assertTrue(finished(learner, "en", lesson.slug()), lesson.slug());
            assertTrue(finished(learner, "zh", lesson.slug()), lesson.slug());
        }
    }
}
