package tcplab.lesson;

import java.util.List;

/**
 * A {@code ```lab} block: which scenario to play and from where, and where its story ends
 * ({@code goals}: the block's own, or its scenario's). {@code index} is the lab's position in
 * its lesson (0-based), the same in both languages.
 */
public record LabBlock(int index, String scenario, String profile, Long seed, List<String> actions,
                       List<Goal> goals, String title, List<PredictBlock> predictions) implements Lesson.Part {
    public LabBlock {
        actions = List.copyOf(actions);
        goals = List.copyOf(goals);
        predictions = List.copyOf(predictions);
    }

    /** The anchor of the lab in its lesson page. */
    public String anchor() {
        return "lab-" + (index + 1);
    }

    LabBlock withPredictions(List<PredictBlock> all) {
        return new LabBlock(index, scenario, profile, seed, actions, goals, title, all);
    }
}
