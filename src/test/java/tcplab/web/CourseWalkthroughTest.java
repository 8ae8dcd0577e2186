package tcplab.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tcplab.Resources;
import tcplab.lesson.Course;
import tcplab.lesson.LabBlock;
import tcplab.lesson.Lesson;
import tcplab.lesson.PredictBlock;
import tcplab.lesson.Question;
import tcplab.lesson.QuizBlock;
import tcplab.support.BrowserExtension;
import tcplab.support.Browsers;
import tcplab.support.LabStory;
import tcplab.support.TestSite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A learner walks the whole course in each language, from the first lesson to the last through
 * the pager: every lab played to its end (answering each prediction, wrong or right), every quiz
 * answered all wrong and then all right, the course navigation showing the progress, no CSP
 * violations and no axe violations on any lesson. A full-page screenshot of every lesson lands in
 * {@code target/screens/} for people to read.
 *
 * <p>What to expect (which choice is right, which actions lead to a prediction) comes from the
 * lessons themselves through the {@link Course} API, so the walk follows the content as it changes.
 */
@Tag("browser")
class CourseWalkthroughTest {

    private static final Path SCREENS = Path.of("target", "screens");

    private static TestSite site;
    @RegisterExtension static final BrowserExtension browser = new BrowserExtension();
    private static Course course;
    private static Messages messages;

    @BeforeAll static void start() throws Exception {
        site = new TestSite();
        Resources resources = new Resources.Classpath();
        course = Course.load(resources);
        messages = new Messages(resources);
        Files.createDirectories(SCREENS);
    }

    @AfterAll static void stop() {
        if (site != null) site.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "zh"})
    void walksEveryLessonFromFirstToLast(String lang) throws Exception {
        List<Lesson> lessons = course.lessons(lang);
        assertFalse(lessons.isEmpty());
        Page page = browser.page(new Browser.NewContextOptions()
                .setLocale(lang.equals("zh") ? "zh-CN" : "en-US").setViewportSize(1280, 900));
        page.setDefaultTimeout(10_000);
        page.navigate(site.url("/" + lang + "/"));
        page.locator(".outline a[href='/" + lang + "/lessons/" + lessons.get(0).slug() + "']").click();

        // en starts with a wrong prediction, zh with a right one: across both languages every
        // prediction is answered both ways
        int[] predictions = {lang.equals("en") ? 0 : 1};
        for (int i = 0; i < lessons.size(); i++) {
            Lesson lesson = lessons.get(i);
            String path = "/" + lang + "/lessons/" + lesson.slug();
            if (i > 0) page.locator(".pager a[rel=next]").click();
            Pattern here = Pattern.compile("^" + site.url(path).replace(".", "\\.") + "(#.*)?$");
            assertThat(page).hasURL(here);
            assertThat(page.locator("html")).hasAttribute("lang", lang.equals("zh") ? "zh-Hans" : "en");
            Locator current = page.locator(".course-nav li.current");
            assertThat(current.locator(".done")).hasCount(0);
            assertThat(current.locator(".score")).hasCount(0);

            // axe scans each lesson once, in one language while a prediction's feedback shows, in the
            // other once the quizzes are answered (with every explanation shown)
            boolean mid = (i + (lang.equals("en") ? 0 : 1)) % 2 == 0;
            boolean[] scanAtFeedback = {mid};
            for (LabBlock lab : lesson.labs()) play(page, lesson, lab, predictions, scanAtFeedback);
            if (lesson.labs().stream().anyMatch(lab -> !lab.isHostLab())) { // a host lab has no end: the quizzes finish the lesson
                // htmx swapped the labs in place: the address is still the lesson's, so reloading shows it again
                assertThat(page).hasURL(here);
                page.reload();
                assertThat(current.locator(".done")).hasCount(1);
            }
            int right = 0;
            for (QuizBlock quiz : lesson.quizzes()) {
                answerQuiz(page, lang, quiz);
                right += quiz.questions().size();
            }
            assertThat(page).hasURL(here);
            page.reload();
            assertThat(current.locator(".done")).hasCount(1);
            if (right > 0) assertThat(current.locator(".score")).hasText(messages.get(lang, "nav.score", right + "/" + right));
            assertThat(page.locator(".course-nav .done")).hasCount(i + 1); // earlier lessons stay finished
            if (!mid || scanAtFeedback[0]) Browsers.assertAccessible(page); // not scanned yet
            String text = page.locator("body").innerText();
            assertFalse(text.contains("??"), "an untranslated message key on " + path);
            browser.assertNoProblems();
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(SCREENS.resolve(lang + "-" + (i + 1) + "-" + lesson.slug() + ".png")));
        }
        assertThat(page.locator(".pager a[rel=next]")).hasCount(0);
        assertTrue(predictions[0] > 1, "predictions were answered");
    }

    /** Plays {@code lab} to the end of its story, reaching and answering each of its predictions on the way. */
    private static void play(Page page, Lesson lesson, LabBlock lab, int[] count, boolean[] scanAtFeedback) {
        if (lab.isHostLab()) return; // HostLabBrowserTest plays host labs
        Locator section = page.locator("#" + lab.anchor());
        String where = lesson.lang() + "/" + lesson.slug() + "#" + lab.anchor();
        assertThat(section).isVisible();
        List<String> done = new ArrayList<>(lab.actions());
        for (PredictBlock p : lab.predictions()) {
            assertTrue(p.after().size() >= done.size() && p.after().subList(0, done.size()).equals(done),
                    where + ": prediction " + p.index() + " after " + p.after() + " is reachable from " + done);
            for (String word : p.after().subList(done.size(), p.after().size())) act(page, section, word);
            Locator predict = section.locator(".predict");
            assertThat(predict).isVisible();
            assertThat(section.locator("button[name=do][value=next]")).hasCount(0);
            assertThat(section.locator("button[value=end]")).hasCount(0);

            Question q = p.question();
            boolean right = count[0]++ % 2 == 1;
            int choice = right ? q.rightIndex() : (q.rightIndex() + 1) % q.choices().size();
            String version = version(section);
            predict.locator("input[name=choice][value='" + choice + "']").check();
            predict.locator("button[type=submit]").click();
            assertThat(section.locator("form.timeline input[name=version]")).not().hasValue(version);
            assertThat(section.locator(".feedback")).hasClass(Pattern.compile("\\b" + (right ? "right" : "wrong") + "\\b"));
            assertThat(section.locator(".feedback")).containsText(q.choices().get(choice).why());
            if (scanAtFeedback[0]) {
                Browsers.assertAccessible(page);
                scanAtFeedback[0] = false;
            }
            done = new ArrayList<>(p.after());
            done.add("next");
        }
        // then on to the end of the lab's story (its goal: both ends ESTABLISHED, or CLOSED), as
        // LabProgressTest plays it over HTTP: let things happen, close a side left in CLOSE-WAIT…
        for (String control : LabStory.finish(lab, done)) act(page, section, control);
        assertThat(section.locator("button[name=do][value=next]")).hasCount(0);
        assertThat(section.locator("button[value=end]")).hasCount(0);
        assertThat(section.locator(".predict")).hasCount(0);
        browser.assertNoProblems();
    }

    /** One lab action, by its button (or the send form for {@code send:side:text}); waits for the new lab. */
    private static void act(Page page, Locator section, String word) {
        String version = version(section);
        if (word.startsWith("send:")) {
            String[] parts = word.split(":", 3);
            Locator form = section.locator("form.send:has(input[name=do][value='send:" + parts[1] + "'])");
            form.locator("input[name=text]").fill(parts[2]);
            form.locator("button[type=submit]").click();
        } else {
            section.locator("button[name=do][value='" + word + "']").click();
        }
        assertThat(section.locator("form.timeline input[name=version]")).not().hasValue(version);
        assertThat(section.locator(".notice-error")).hasCount(0);
    }

    private static String version(Locator section) {
        return section.locator("form.timeline input[name=version]").inputValue();
    }

    /** All wrong first (score 0, every choice explained), then Try again and all right (full score). */
    private static void answerQuiz(Page page, String lang, QuizBlock quiz) {
        Locator section = page.locator("#" + quiz.anchor());
        List<Question> questions = quiz.questions();
        int n = questions.size();
        int choices = questions.stream().mapToInt(q -> q.choices().size()).sum();

        for (int i = 0; i < n; i++) {
            Question q = questions.get(i);
            int wrong = (q.rightIndex() + 1) % q.choices().size();
            section.locator("input[name=q" + (i + 1) + "][value='" + wrong + "']").check();
        }
        section.locator("form button[type=submit]").click();
        assertThat(section.locator(".score-line")).hasText(messages.get(lang, "quiz.score", 0, n));
        assertThat(section.locator(".why")).hasCount(choices);
        assertThat(section.locator(".question.wrong")).hasCount(n);

        section.locator("input[name=retry]").locator("xpath=..").locator("button").click();
        assertThat(section.locator(".score-line")).hasCount(0);
        for (int i = 0; i < n; i++) {
            section.locator("input[name=q" + (i + 1) + "][value='" + questions.get(i).rightIndex() + "']").check();
        }
        section.locator("form button[type=submit]").click();
        assertThat(section.locator(".score-line")).hasText(messages.get(lang, "quiz.score", n, n));
        assertThat(section.locator(".why")).hasCount(choices);
        assertThat(section.locator(".question.right")).hasCount(n);
    }
}
