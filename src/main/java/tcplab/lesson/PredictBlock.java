package tcplab.lesson;

import java.util.List;

/**
 * A {@code ```predict} block: when the lab it belongs to reaches exactly {@code after}, the lab
 * asks {@code question} before it moves on. {@code check} names what the right answer states
 * (the next segment a side sends, a state after the step, a number), so tests can verify it
 * against the simulator.
 */
public record PredictBlock(int index, int lab, List<String> after, String check, Question question)
        implements Lesson.Part {

    public static final List<String> CHECKS =
            List.of("client-sends", "server-sends", "client-state", "server-state", "ack", "seq");

    public PredictBlock {
        after = List.copyOf(after);
    }
}
