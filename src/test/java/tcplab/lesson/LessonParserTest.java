package tcplab.lesson;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class LessonParserTest {

    private final LessonParser parser = new LessonParser();

    private static final String LESSON = """
            ---
            title: The three-way handshake
            order: 2
            summary: Three segments open a connection.
            ---
            Intro with <script>alert(1)</script> and **bold**.

            ## Step one: SYN
            The client sends `<SEQ=100><CTL=SYN>`.

            ```lab
            scenario: handshake
            title: Try it
            actions: connect, next
            ```

            ```predict
            after: connect, next
            check: server-sends
            q: What does the server send?
            - <SEQ=300><ACK=100><CTL=SYN,ACK> | It acknowledges the next number expected, 101.
            + <SEQ=300><ACK=101><CTL=SYN,ACK> | Right.
            ```

            ## Step one: SYN
            ### 同时打开

            ```java
            class NotABlock {}
            ```

            ## Quiz
            ```quiz
            q: How many sequence numbers does a SYN use?
            + One | A SYN occupies one sequence number.
            - None | Then it could not be acknowledged.

            q: Second?
            - A | no
            + B | yes
            ```
            """;

    @Test
    void readsFrontMatter() {
        Lesson lesson = parser.parse("en", "three-way-handshake", LESSON);
        assertEquals("The three-way handshake", lesson.title());
        assertEquals(2, lesson.order());
        assertEquals("Three segments open a connection.", lesson.summary());
    }

    @Test
    void buildsTableOfContentsWithUniqueIdsMatchingTheHeadings() {
        Lesson lesson = parser.parse("en", "x", LESSON);
        List<String> ids = lesson.toc().stream().map(Lesson.Heading::id).toList();
        assertEquals(List.of("step-one-syn", "step-one-syn-1", "同时打开", "quiz"), ids);
        String html = lesson.parts().stream().filter(p -> p instanceof Lesson.Html).map(p -> ((Lesson.Html) p).html())
                .reduce("", String::concat);
        for (String id : ids) assertTrue(html.contains("id=\"" + id + "\""), "heading id " + id + " in " + html);
    }

    @Test
    void escapesRawHtmlInLessons() {
        String html = ((Lesson.Html) parser.parse("en", "x", LESSON).parts().get(0)).html();
        assertFalse(html.contains("<script>"));
        assertTrue(html.contains("&lt;script&gt;"));
        assertTrue(html.contains("<strong>bold</strong>"));
    }

    @Test
    void splitsTheBodyAroundLabPredictAndQuizBlocksInReadingOrder() {
        Lesson lesson = parser.parse("en", "x", LESSON);
        List<String> kinds = lesson.parts().stream().map(Lesson.Part::kind).toList();
        assertEquals(List.of("html", "lab", "predict", "html", "quiz"), kinds);
        assertTrue(((Lesson.Html) lesson.parts().get(3)).html().contains("class NotABlock"), "other code blocks stay code");
    }

    @Test
    void parsesTheLabBlockAndAttachesItsPredictions() {
        Lesson lesson = parser.parse("en", "x", LESSON);
        LabBlock lab = lesson.labs().get(0);
        assertEquals("handshake", lab.scenario());
        assertEquals("linux", lab.profile(), "linux is the default profile");
        assertEquals(List.of("connect", "next"), lab.actions());
        assertEquals("Try it", lab.title());
        assertEquals("lab-1", lab.anchor());
        assertEquals(1, lab.predictions().size());
        PredictBlock predict = lab.predictions().get(0);
        assertEquals(List.of("connect", "next"), predict.after());
        assertEquals("server-sends", predict.check());
        assertEquals(1, predict.question().rightIndex());
        assertEquals("<SEQ=300><ACK=101><CTL=SYN,ACK>", predict.question().choices().get(1).text());
    }

    @Test
    void parsesQuizQuestionsWithAnExplanationForEveryChoice() {
        QuizBlock quiz = parser.parse("en", "x", LESSON).quizzes().get(0);
        assertEquals(2, quiz.questions().size());
        Question first = quiz.questions().get(0);
        assertEquals("How many sequence numbers does a SYN use?", first.text());
        assertEquals(0, first.rightIndex());
        assertEquals("Then it could not be acknowledged.", first.choices().get(1).why());
        assertEquals(1, quiz.questions().get(1).rightIndex());
    }

    @Test
    void aLabsGoalIsItsOwnOrItsScenarios() {
        assertEquals(List.of(Goal.ESTABLISHED), parser.parse("en", "x", LESSON).labs().get(0).goals(), "the handshake's");
        String closing = LESSON.replace("scenario: handshake", "scenario: handshake\ngoal: closed");
        assertEquals(List.of(Goal.CLOSED), parser.parse("en", "x", closing).labs().get(0).goals());
        String either = LESSON.replace("scenario: handshake", "scenario: free\ngoal: established, closed");
        assertEquals(List.of(Goal.ESTABLISHED, Goal.CLOSED), parser.parse("en", "x", either).labs().get(0).goals());
        // a scenario that starts established has no connect to play: this lab has no actions
        String teardown = LESSON.replace("scenario: handshake", "scenario: server-close")
                .replace("actions: connect, next\n", "").replace("after: connect, next", "after: close:server");
        assertEquals(List.of(Goal.CLOSED), parser.parse("en", "x", teardown).labs().get(0).goals());
    }

    @Test
    void rejectsBrokenBlocksNamingTheFile() {
        String noRight = LESSON.replace("+ One |", "- One |");
        var e = assertThrows(LessonFormatException.class, () -> parser.parse("zh", "broken", noRight));
        assertTrue(e.getMessage().startsWith("zh/broken.md"), e.getMessage());

        String badCheck = LESSON.replace("check: server-sends", "check: vibes");
        assertThrows(LessonFormatException.class, () -> parser.parse("en", "x", badCheck));

        String noTitle = LESSON.replace("title: The three-way handshake\n", "");
        assertThrows(LessonFormatException.class, () -> parser.parse("en", "x", noTitle));

        String strayLine = LESSON.replace("scenario: handshake", "scenario: handshake\nspeed: fast");
        assertThrows(LessonFormatException.class, () -> parser.parse("en", "x", strayLine));

        String badGoal = LESSON.replace("scenario: handshake", "scenario: handshake\ngoal: happy");
        var goal = assertThrows(LessonFormatException.class, () -> parser.parse("en", "x", badGoal));
        assertTrue(goal.getMessage().contains("[established, closed, listen]"), goal.getMessage());

        String badScenario = LESSON.replace("scenario: handshake", "scenario: handshak");
        assertThrows(LessonFormatException.class, () -> parser.parse("en", "x", badScenario));
    }
}
