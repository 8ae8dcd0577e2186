package tcplab.lesson;

import java.util.List;

/** A multiple-choice question with exactly one right choice. */
public record Question(String text, List<Choice> choices) {
    public Question {
        choices = List.copyOf(choices);
    }

    public int rightIndex() {
        for (int i = 0; i < choices.size(); i++) {
            if (choices.get(i).right()) return i;
        }
        throw new IllegalStateException("no right choice");
    }
}
