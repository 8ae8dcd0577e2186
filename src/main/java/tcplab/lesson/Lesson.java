package tcplab.lesson;

import java.util.List;

/**
 * One lesson in one language: its front matter, its table of contents and its body as a
 * sequence of parts (rendered Markdown, labs, predictions and quizzes in reading order).
 */
public record Lesson(String lang, String slug, String title, int order, String summary,
                     List<Heading> toc, List<Part> parts) {

    public Lesson {
        toc = List.copyOf(toc);
        parts = List.copyOf(parts);
    }

    public record Heading(int level, String id, String text) {}

    public List<LabBlock> labs() {
        return parts.stream().filter(LabBlock.class::isInstance).map(LabBlock.class::cast).toList();
    }

    public List<PredictBlock> predictions() {
        return parts.stream().filter(PredictBlock.class::isInstance).map(PredictBlock.class::cast).toList();
    }

    public List<QuizBlock> quizzes() {
        return parts.stream().filter(QuizBlock.class::isInstance).map(QuizBlock.class::cast).toList();
    }

    /** A piece of the lesson body. */
    public sealed interface Part permits Html, LabBlock, PredictBlock, QuizBlock {
        /** What kind of part this is, for templates: html, lab, predict or quiz. */
        default String kind() {
            if (this instanceof Html) return "html";
            if (this instanceof LabBlock) return "lab";
            if (this instanceof PredictBlock) return "predict";
            return "quiz";
        }
    }

    /** Markdown rendered to HTML (already safe: raw HTML in lessons is escaped). */
    public record Html(String html) implements Part {}
}
