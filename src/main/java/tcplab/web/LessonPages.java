package tcplab.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import tcplab.lesson.Course;
import tcplab.lesson.LabBlock;
import tcplab.lesson.Lesson;
import tcplab.lesson.QuizBlock;
import tcplab.web.session.Progress;
import tcplab.web.session.SessionStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** A lesson page with its labs and quizzes, and a quiz's answers (templates/lesson). */
record LessonPages(Supplier<Course> course, Sessions sessions, SessionStore store, Views views, Messages messages,
                   Pages pages, LessonProgress progress, LabSpots spots, LabHtml labHtml) {

    // ---- GET /{lang}/lessons/{slug}

    void lesson(Context ctx) {
        Optional<Lesson> lesson = spots.lessonOf(ctx);
        if (lesson.isEmpty()) {
            pages.notFound(ctx);
            return;
        }
        render(ctx, lesson.get(), sessions.existing(ctx), Map.of(), HttpStatus.OK);
    }

    /** The lesson page; {@code overrides} holds the HTML of labs that show something of this request's own (a notice). */
    void render(Context ctx, Lesson lesson, String sid, Map<Integer, String> overrides, HttpStatus status) {
        String lang = lesson.lang();
        Course current = course.get();
        Progress learner = progress.of(sid);
        Map<Integer, String> labs = new HashMap<>();
        for (LabBlock block : lesson.labs()) {
            String html = overrides.get(block.index());
            if (html == null) {
                html = labHtml.html(spots.of(lesson, block), sid, learner, null, null);
            }
            labs.put(block.index(), html);
        }
        Map<Integer, QuizView> quizViews = new HashMap<>();
        for (QuizBlock quiz : lesson.quizzes()) quizViews.put(quiz.index(), quizView(lesson, quiz, learner, null));

        Map<String, Object> model = pages.base(lang, "/" + Language.other(lang) + "/lessons/" + lesson.slug());
        model.put("lessons", current.lessons(lang));
        model.put("progress", LessonProgress.marks(current.lessons(lang), learner));
        model.put("lesson", lesson);
        model.put("labHtml", labs);
        model.put("quizViews", quizViews);
        model.put("previous", current.previous(lesson).orElse(null));
        model.put("next", current.next(lesson).orElse(null));
        model.put("drillDecks", tcplab.drill.Deck.forLesson(lesson.slug()).stream()
                .map(d -> Map.of("url", "/" + lang + "/drills/deck/" + d.key(), "title", messages.get(lang, "drills.deck." + d.key())))
                .toList());
        Pages.html(ctx.status(status), views.page("lesson/lesson", lang, model));
    }

    // ---- POST /{lang}/lessons/{slug}/quizzes/{n}

    void quiz(Context ctx) {
        ctx.header("Vary", "HX-Request");
        Optional<Lesson> lesson = spots.lessonOf(ctx);
        Optional<QuizBlock> quiz = lesson.flatMap(l -> LabSpots.indexed(l.quizzes(), ctx.pathParam("n")));
        if (quiz.isEmpty()) {
            pages.notFoundHere(ctx);
            return;
        }
        Lesson l = lesson.get();
        QuizBlock block = quiz.get();
        List<Integer> answers = new ArrayList<>();
        if (!"1".equals(Form.field(ctx, "retry"))) {
            for (int i = 0; i < block.questions().size(); i++) {
                Integer answer = Form.smallNumber(Form.field(ctx, "q" + (i + 1)));
                if (answer == null || answer >= block.questions().get(i).choices().size()) {
                    // an incomplete form makes no session
                    String existing = sessions.existing(ctx);
                    QuizView view = quizView(l, block, progress.of(existing), messages.get(l.lang(), "quiz.error.incomplete"));
                    ctx.status(HttpStatus.BAD_REQUEST);
                    if (Pages.isHtmx(ctx)) pages.fragment(ctx, "lesson/blocks", "quiz", l.lang(), Map.of("q", view));
                    else render(ctx, l, existing, Map.of(), HttpStatus.BAD_REQUEST);
                    return;
                }
                answers.add(answer);
            }
        }
        Sessions.Session session = sessions.forChange(ctx);
        store.answerQuiz(session.id(), Progress.key(l.slug(), block.index()), answers);
        if (Pages.isHtmx(ctx)) {
            pages.fragment(ctx, "lesson/blocks", "quiz", l.lang(), Map.of("q", quizView(l, block, progress.of(session.id()), null)));
        } else {
            ctx.redirect("/" + l.lang() + "/lessons/" + l.slug() + "#" + block.anchor(), HttpStatus.SEE_OTHER);
        }
    }

    /** A quiz with the learner's stored answers, if any. */
    record QuizView(QuizBlock block, String action, List<Integer> answers, int score, String error) {
        boolean answered() {
            return answers != null && !answers.isEmpty();
        }

        public boolean isAnswered() {
            return answered();
        }

        public Integer answer(int question) {
            return answered() ? answers.get(question) : null;
        }
    }

    private static QuizView quizView(Lesson lesson, QuizBlock quiz, Progress progress, String error) {
        List<Integer> answers = progress.quizzes().get(Progress.key(lesson.slug(), quiz.index()));
        int score = 0;
        if (answers != null && answers.size() == quiz.questions().size()) {
            for (int i = 0; i < answers.size(); i++) if (answers.get(i) == quiz.questions().get(i).rightIndex()) score++;
        } else {
            answers = null;
        }
        return new QuizView(quiz, "/" + lesson.lang() + "/lessons/" + lesson.slug() + "/quizzes/" + (quiz.index() + 1), answers, score, error);
    }
}
