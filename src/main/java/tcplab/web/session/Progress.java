package tcplab.web.session;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A learner's progress through the course, kept in their session: labs played to their end,
 * the answer chosen for each prediction, and the answers given to each quiz. Keys are
 * {@code slug#n} (n counts labs, predictions or quizzes in the lesson from 1), the same in both
 * languages.
 */
public record Progress(Set<String> endedLabs, Map<String, Integer> predictions, Map<String, List<Integer>> quizzes) {
    public static final Progress NONE = new Progress(Set.of(), Map.of(), Map.of());

    public Progress {
        endedLabs = Set.copyOf(endedLabs);
        predictions = Map.copyOf(predictions);
        quizzes = Map.copyOf(quizzes);
    }

    public static String key(String slug, int indexFromZero) {
        return slug + "#" + (indexFromZero + 1);
    }
}
