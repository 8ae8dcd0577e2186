package tcplab.web;

import io.javalin.http.Context;
import tcplab.lesson.LabBlock;
import tcplab.lesson.Lesson;
import tcplab.lesson.QuizBlock;
import tcplab.web.session.Progress;
import tcplab.web.session.SessionStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A learner's progress through the lessons, and the rule for when a lesson counts as finished. */
final class LessonProgress {

    /** Per lesson: finished (every lab played to its end, or its quizzes answered) and the quiz score. */
    record Mark(boolean done, String score) {}

    private final Sessions sessions;
    private final SessionStore store;

    LessonProgress(Sessions sessions, SessionStore store) {
        this.sessions = sessions;
        this.store = store;
    }

    /** The progress kept in this session; none without one. */
    Progress of(String sid) {
        return sid == null ? Progress.NONE : store.progress(sid);
    }

    /** The navigation's marks for the learner of this request (none without a session). */
    Map<String, Mark> marks(Context ctx, List<Lesson> lessons) {
        return marks(lessons, of(sessions.existing(ctx)));
    }

    static Map<String, Mark> marks(List<Lesson> lessons, Progress progress) {
        Map<String, Mark> result = new LinkedHashMap<>();
        for (Lesson lesson : lessons) {
            // the labs whose story has an end count: every connection lab, and a host lab whose block names a goal
            List<LabBlock> withEnds = lesson.labs().stream().filter(b -> !b.goals().isEmpty()).toList();
            boolean labsEnded = !withEnds.isEmpty() && withEnds.stream()
                    .allMatch(b -> progress.endedLabs().contains(Progress.key(lesson.slug(), b.index())));
            int right = 0, total = 0;
            boolean quizzesAnswered = !lesson.quizzes().isEmpty();
            for (QuizBlock quiz : lesson.quizzes()) {
                List<Integer> answers = progress.quizzes().get(Progress.key(lesson.slug(), quiz.index()));
                if (answers == null || answers.size() != quiz.questions().size()) {
                    quizzesAnswered = false;
                    continue;
                }
                for (int i = 0; i < answers.size(); i++) {
                    total++;
                    if (answers.get(i) == quiz.questions().get(i).rightIndex()) right++;
                }
            }
            result.put(lesson.slug(), new Mark(labsEnded || quizzesAnswered, total == 0 ? null : right + "/" + total));
        }
        return result;
    }
}
