package tcplab.lesson;

import org.junit.jupiter.api.Test;
import tcplab.Resources;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The course as shipped in content/: both languages line up lesson for lesson and block for block. */
class CourseTest {

    private final Course course = Course.load(new Resources.Classpath());

    @Test
    void hasTheFirstLessonsInBothLanguages() {
        for (String lang : Course.LANGUAGES) {
            List<String> slugs = course.lessons(lang).stream().map(Lesson::slug).toList();
            assertTrue(slugs.contains("three-way-handshake"), lang + ": " + slugs);
            assertTrue(slugs.contains("four-way-teardown"), lang + ": " + slugs);
        }
    }

    @Test
    void everyLessonExistsInBothLanguagesInTheSameOrder() {
        List<String> zh = course.lessons("zh").stream().map(l -> l.order() + " " + l.slug()).toList();
        List<String> en = course.lessons("en").stream().map(l -> l.order() + " " + l.slug()).toList();
        assertEquals(en, zh);
    }

    @Test
    void bothLanguagesHaveTheSameLabsPredictionsAndQuizzes() {
        for (Lesson en : course.lessons("en")) {
            Lesson zh = course.lesson("zh", en.slug()).orElseThrow();
            assertEquals(en.parts().stream().filter(p -> !(p instanceof Lesson.Html)).map(Lesson.Part::kind).toList(),
                    zh.parts().stream().filter(p -> !(p instanceof Lesson.Html)).map(Lesson.Part::kind).toList(),
                    "block order in " + en.slug());
            for (int i = 0; i < en.labs().size(); i++) {
                LabBlock a = en.labs().get(i), b = zh.labs().get(i);
                assertEquals(List.of(a.scenario(), a.profile(), String.valueOf(a.seed()), a.actions(), a.goals()),
                        List.of(b.scenario(), b.profile(), String.valueOf(b.seed()), b.actions(), b.goals()), en.slug() + " lab " + (i + 1));
            }
            for (int i = 0; i < en.predictions().size(); i++) {
                PredictBlock a = en.predictions().get(i), b = zh.predictions().get(i);
                assertEquals(List.of(a.lab(), a.after(), a.check(), a.question().rightIndex(), a.question().choices().size()),
                        List.of(b.lab(), b.after(), b.check(), b.question().rightIndex(), b.question().choices().size()),
                        en.slug() + " prediction " + (i + 1));
            }
            for (int i = 0; i < en.quizzes().size(); i++) {
                List<Question> a = en.quizzes().get(i).questions(), b = zh.quizzes().get(i).questions();
                assertEquals(a.stream().map(q -> q.choices().size() + "/" + q.rightIndex()).toList(),
                        b.stream().map(q -> q.choices().size() + "/" + q.rightIndex()).toList(), en.slug() + " quiz " + (i + 1));
            }
        }
    }

    @Test
    void everyLessonHasALab() {
        for (String lang : Course.LANGUAGES) {
            for (Lesson lesson : course.lessons(lang)) {
                assertFalse(lesson.labs().isEmpty(), lang + "/" + lesson.slug() + " has no lab");
            }
        }
    }

    @Test
    void previousAndNextFollowTheCourseOrder() {
        List<Lesson> en = course.lessons("en");
        assertTrue(course.previous(en.get(0)).isEmpty());
        assertEquals(en.get(1), course.next(en.get(0)).orElseThrow());
        assertEquals(en.get(en.size() - 2), course.previous(en.get(en.size() - 1)).orElseThrow());
        assertTrue(course.next(en.get(en.size() - 1)).isEmpty());
    }
}
