package tcplab.lesson;

import java.util.List;

/** A {@code ```quiz} block: one or more questions; {@code index} counts quizzes in the lesson. */
public record QuizBlock(int index, List<Question> questions) implements Lesson.Part {
    public QuizBlock {
        questions = List.copyOf(questions);
    }

    public String anchor() {
        return "quiz-" + (index + 1);
    }
}
