package tcplab.lesson;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A teacher's typo is caught when the lesson loads, naming the file, the block and the line:
 * a lab, a prediction or a quiz that would break when a learner reaches it never loads.
 */
class LessonChecksTest {

    private final LessonParser parser = new LessonParser();

    private static final String LESSON = """
            ---
            title: Checks
            order: 1
            summary: A lesson to break.
            ---
            Some text.

            ```lab
            scenario: handshake
            profile: linux
            actions: connect
            ```

            ```predict
            after: connect
            check: server-sends
            q: What does the server send?
            - <SEQ=300><ACK=100><CTL=SYN,ACK> | It acknowledges the next number expected, 101.
            + <SEQ=300><ACK=101><CTL=SYN,ACK> | Right.
            ```

            ```quiz
            q: How many sequence numbers does a SYN use?
            + One | A SYN occupies one sequence number.
            - None | Then it could not be acknowledged.
            ```
            """;

    @Test
    void theLessonAsWrittenLoads() {
        Lesson lesson = parser.parse("en", "checks", LESSON);
        assertEquals(List.of("lab", "predict", "quiz"), lesson.parts().stream().map(Lesson.Part::kind).filter(k -> !k.equals("html")).toList());
    }

    @Test
    void anUnknownProfileNamesItsLine() {
        var e = broken("profile: linux", "profile: rfcc");
        assertPlace(e, "lab block 1", "profile: rfcc");
        assertTrue(e.problem().contains("unknown profile 'rfcc'") && e.problem().contains("[linux, rfc]"), e.problem());
    }

    @Test
    void anUnknownScenarioNamesItsLineAndTheKnownOnes() {
        var e = broken("scenario: handshake", "scenario: handshak");
        assertPlace(e, "lab block 1", "scenario: handshak");
        assertTrue(e.problem().contains("unknown scenario 'handshak'") && e.problem().contains("handshake-data"), e.problem());
    }

    @Test
    void actionsTheSimulatorCannotPlayAreCaught() {
        var e = broken("actions: connect", "actions: conect");
        assertPlace(e, "lab block 1", "actions: conect");
        assertTrue(e.problem().contains("\"conect\" is not an action"), e.problem());

        var dropped = broken("actions: connect", "actions: drop");
        assertTrue(dropped.problem().contains("\"drop\""), dropped.problem());
    }

    @Test
    void aPredictionsAfterMustReplayStartFromTheLabAndLeaveAStep() {
        var typo = broken("after: connect", "after: connect, nxt");
        assertPlace(typo, "predict block 1", "after: connect, nxt");
        assertTrue(typo.problem().contains("\"nxt\" is not an action"), typo.problem());

        var elsewhere = broken("after: connect", "after: next");
        assertPlace(elsewhere, "predict block 1", "after: next");
        assertTrue(elsewhere.problem().contains("must start with the lab's own actions [connect]"), elsewhere.problem());

        String over = LESSON.replace("after: connect", "after: connect, next, next, next");
        var nothingLeft = assertThrows(LessonFormatException.class, () -> parser.parse("en", "checks", over));
        assertTrue(nothingLeft.problem().contains("nothing is left to happen"), nothingLeft.problem());
    }

    @Test
    void aGoalAndACheckMustBeKnownWords() {
        assertPlace(broken("profile: linux", "profile: linux\ngoal: open"), "lab block 1", "goal: open");
        assertPlace(broken("check: server-sends", "check: server-says"), "predict block 1", "check: server-says");
    }

    @Test
    void aQuizQuestionNeedsExactlyOneRightChoice() {
        var e = broken("+ One |", "- One |");
        assertPlace(e, "quiz block 1", "q: How many sequence numbers does a SYN use?");
        assertTrue(e.problem().contains("exactly one marked '+'"), e.problem());
    }

    @Test
    void aKeyGivenTwiceIsCaught() {
        var e = broken("profile: linux", "profile: linux\nprofile: rfc");
        assertEquals(lineOf(LESSON.replace("profile: linux", "profile: linux\nprofile: rfc"), "profile: rfc"), e.line());
        assertTrue(e.problem().contains("'profile' is given twice"), e.problem());
    }

    @Test
    void theMessageSaysFileBlockLineAndProblem() {
        var e = broken("profile: linux", "profile: rfcc");
        assertEquals("en/checks.md, lab block 1, line " + e.line() + ": " + e.problem(), e.getMessage());
    }

    private LessonFormatException broken(String from, String to) {
        String markdown = LESSON.replace(from, to);
        assertNotEquals(LESSON, markdown, "the test breaks something");
        LessonFormatException e = assertThrows(LessonFormatException.class, () -> parser.parse("en", "checks", markdown));
        lastMarkdown = markdown;
        return e;
    }

    private String lastMarkdown;

    /** The exception names the file, the block and the line (counted from 1) that holds {@code line}. */
    private void assertPlace(LessonFormatException e, String block, String line) {
        assertEquals("en/checks.md", e.file());
        assertEquals(block, e.block());
        assertEquals(lineOf(lastMarkdown, line), e.line(), e.getMessage());
    }

    static int lineOf(String markdown, String line) {
        List<String> lines = markdown.lines().toList();
        int i = lines.indexOf(line);
        assertTrue(i >= 0, "no line '" + line + "'");
        return i + 1;
    }
}
