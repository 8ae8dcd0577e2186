package tcplab.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import tcplab.lesson.Choice;
import tcplab.lesson.Course;
import tcplab.lesson.LabBlock;
import tcplab.lesson.Lesson;
import tcplab.lesson.PredictBlock;
import tcplab.lesson.Question;
import tcplab.lesson.QuizBlock;
import tcplab.sim.Action;
import tcplab.sim.BadActionException;
import tcplab.sim.Profile;
import tcplab.sim.Scenario;
import tcplab.sim.Side;
import tcplab.sim.Snapshot;
import tcplab.web.lab.Command;
import tcplab.web.lab.LabAddress;
import tcplab.web.lab.LabView;
import tcplab.web.lab.Labs;
import tcplab.web.session.LabRecord;
import tcplab.web.session.Progress;
import tcplab.web.session.SessionStore;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A lesson page and everything a learner does on it: lab actions, predictions and quizzes.
 * Each POST answers an htmx request with the region it changed and anything else with a
 * redirect back to the lesson at that region (Vary: HX-Request).
 */
final class LessonHandlers {

    private static final int MAX_WORD = 200;

    private final Supplier<Course> course;
    private final Labs labs;
    private final Sessions sessions;
    private final SessionStore store;
    private final Views views;
    private final Messages messages;
    private final Pages pages;
    private final LadderRenderer ladder;

    /** Draws the ladder diagram of a lab; the export package provides it. */
    interface LadderRenderer {
        String inline(Snapshot snapshot, String title);
    }

    LessonHandlers(Supplier<Course> course, Labs labs, Sessions sessions, SessionStore store, Views views,
                   Messages messages, Pages pages, LadderRenderer ladder) {
        this.course = course;
        this.labs = labs;
        this.sessions = sessions;
        this.store = store;
        this.views = views;
        this.messages = messages;
        this.pages = pages;
        this.ladder = ladder;
    }

    // ---- GET /{lang}/lessons/{slug}

    void lesson(Context ctx) {
        Optional<Lesson> lesson = lessonOf(ctx);
        if (lesson.isEmpty()) {
            pages.notFound(ctx);
            return;
        }
        String sid = sessions.existing(ctx);
        renderLesson(ctx, lesson.get(), sid, Map.of(), HttpStatus.OK);
    }

    private void renderLesson(Context ctx, Lesson lesson, String sid, Map<Integer, LabView> overrides, HttpStatus status) {
        String lang = lesson.lang();
        Course current = course.get();
        Progress progress = sid == null ? Progress.NONE : store.progress(sid);
        Map<Integer, LabView> labViews = new HashMap<>();
        for (LabBlock block : lesson.labs()) {
            labViews.put(block.index(), overrides.containsKey(block.index()) ? overrides.get(block.index())
                    : labView(lang, sid, lesson, block, progress, null, null));
        }
        Map<Integer, QuizView> quizViews = new HashMap<>();
        for (QuizBlock quiz : lesson.quizzes()) quizViews.put(quiz.index(), quizView(lesson, quiz, progress, null));

        Map<String, Object> model = pages.base(lang, "/" + Language.other(lang) + "/lessons/" + lesson.slug());
        model.put("lessons", current.lessons(lang));
        model.put("progress", progressOf(current.lessons(lang), progress));
        model.put("lesson", lesson);
        model.put("labViews", labViews);
        model.put("quizViews", quizViews);
        model.put("previous", current.previous(lesson).orElse(null));
        model.put("next", current.next(lesson).orElse(null));
        Pages.html(ctx.status(status), views.page("lesson/lesson", lang, model));
    }

    // ---- POST /{lang}/lessons/{slug}/labs/{n}

    void act(Context ctx) {
        ctx.header("Vary", "HX-Request");
        Optional<Lesson> lesson = lessonOf(ctx);
        Optional<LabBlock> block = lesson.flatMap(l -> labOf(l, ctx.pathParam("n")));
        if (block.isEmpty()) {
            notFoundFragment(ctx);
            return;
        }
        Lesson l = lesson.get();
        LabBlock b = block.get();
        LabAddress address = LabAddress.lesson(l.slug(), b.index() + 1);

        Sessions.Session session = sessions.forChange(ctx);
        if (session.lost()) {
            respond(ctx, l, b, session.id(), HttpStatus.OK, notice(l.lang(), "info", "lab.notice.expired"), null);
            return;
        }
        Long version = version(ctx);
        if (version == null) {
            respond(ctx, l, b, session.id(), HttpStatus.BAD_REQUEST, notice(l.lang(), "error", "lab.error.version"), null);
            return;
        }
        Command command;
        try {
            command = command(ctx);
        } catch (BadInput e) {
            respond(ctx, l, b, session.id(), HttpStatus.BAD_REQUEST, new LabView.Notice("error", messages.get(l.lang(), e.key, e.args)), null);
            return;
        }
        Labs.Outcome outcome = labs.act(session.id(), address, start(b), version, command);
        finish(ctx, l, b, session.id(), outcome, null);
    }

    // ---- POST /{lang}/lessons/{slug}/labs/{n}/predict

    void predict(Context ctx) {
        ctx.header("Vary", "HX-Request");
        Optional<Lesson> lesson = lessonOf(ctx);
        Optional<LabBlock> block = lesson.flatMap(l -> labOf(l, ctx.pathParam("n")));
        if (block.isEmpty()) {
            notFoundFragment(ctx);
            return;
        }
        Lesson l = lesson.get();
        LabBlock b = block.get();
        String lang = l.lang();
        Sessions.Session session = sessions.forChange(ctx);
        if (session.lost()) {
            respond(ctx, l, b, session.id(), HttpStatus.OK, notice(lang, "info", "lab.notice.expired"), null);
            return;
        }
        Long version = version(ctx);
        Integer q = smallNumber(ctx.formParam("q"));
        Integer choice = smallNumber(ctx.formParam("choice"));
        PredictBlock predict = q == null ? null
                : b.predictions().stream().filter(p -> p.index() == q).findFirst().orElse(null);
        if (version == null || predict == null || choice == null || choice >= predict.question().choices().size()) {
            respond(ctx, l, b, session.id(), HttpStatus.BAD_REQUEST, notice(lang, "error", "lab.error.choice"), null);
            return;
        }
        LabAddress address = LabAddress.lesson(l.slug(), b.index() + 1);
        Labs.Lab lab = labs.current(session.id(), address, start(b));
        if (lab.version() != version || !lab.record().actionList().equals(predict.after())) {
            finish(ctx, l, b, session.id(), new Labs.Conflict(lab), null);
            return;
        }
        store.answerPrediction(session.id(), Progress.key(l.slug(), predict.index()), choice);
        Labs.Outcome outcome = labs.act(session.id(), address, start(b), version, new Command.Act("next"));
        finish(ctx, l, b, session.id(), outcome, null);
    }

    // ---- POST /{lang}/lessons/{slug}/quizzes/{n}

    void quiz(Context ctx) {
        ctx.header("Vary", "HX-Request");
        Optional<Lesson> lesson = lessonOf(ctx);
        Optional<QuizBlock> quiz = lesson.flatMap(l -> indexed(l.quizzes(), ctx.pathParam("n")));
        if (quiz.isEmpty()) {
            notFoundFragment(ctx);
            return;
        }
        Lesson l = lesson.get();
        QuizBlock block = quiz.get();
        Sessions.Session session = sessions.forChange(ctx);
        String key = Progress.key(l.slug(), block.index());
        List<Integer> answers = new ArrayList<>();
        boolean retry = "1".equals(ctx.formParam("retry"));
        if (!retry) {
            for (int i = 0; i < block.questions().size(); i++) {
                Integer answer = smallNumber(ctx.formParam("q" + (i + 1)));
                if (answer == null || answer >= block.questions().get(i).choices().size()) {
                    Progress progress = store.progress(session.id());
                    QuizView view = quizView(l, block, progress, messages.get(l.lang(), "quiz.error.incomplete"));
                    ctx.status(HttpStatus.BAD_REQUEST);
                    if (isHtmx(ctx)) fragment(ctx, "lesson/blocks", "quiz", l.lang(), Map.of("q", view, "lang", l.lang()));
                    else renderLesson(ctx, l, session.id(), Map.of(), HttpStatus.BAD_REQUEST);
                    return;
                }
                answers.add(answer);
            }
        }
        store.answerQuiz(session.id(), key, answers);
        if (isHtmx(ctx)) {
            QuizView view = quizView(l, block, store.progress(session.id()), null);
            fragment(ctx, "lesson/blocks", "quiz", l.lang(), Map.of("q", view, "lang", l.lang()));
        } else {
            ctx.redirect("/" + l.lang() + "/lessons/" + l.slug() + "#" + block.anchor(), HttpStatus.SEE_OTHER);
        }
    }

    // ---- views

    LabView labView(String lang, String sid, Lesson lesson, LabBlock block, Progress progress, LabView.Notice notice, Labs.Lab given) {
        LabAddress address = LabAddress.lesson(lesson.slug(), block.index() + 1);
        Labs.Start start = start(block);
        Labs.Lab lab = given != null ? given : labs.current(sid, address, start);
        List<String> actions = lab.record().actionList();
        Snapshot before = null;
        if (actions.size() > start.actions().size()) {
            before = labs.snapshot(new LabRecord(lab.record().scenario(), lab.record().seed(), lab.record().profile(),
                    String.join(",", actions.subList(0, actions.size() - 1)), lab.version()));
        }
        PredictBlock due = null;
        LabView.Feedback feedback = null;
        for (PredictBlock p : block.predictions()) {
            if (actions.equals(p.after())) due = p;
            Integer chosen = progress.predictions().get(Progress.key(lesson.slug(), p.index()));
            if (chosen != null && actions.size() == p.after().size() + 1 && actions.subList(0, p.after().size()).equals(p.after())
                    && actions.get(actions.size() - 1).equals("next")) {
                Question q = p.question();
                Choice c = q.choices().get(chosen);
                feedback = new LabView.Feedback(c.right(), c.text(), c.why(), q.choices().get(q.rightIndex()).text());
            }
        }
        String title = block.title() != null ? block.title() : messages.get(lang, "lab.title", messages.get(lang, "scenario." + block.scenario()));
        String svg = ladder.inline(lab.snapshot(), messages.get(lang, "lab.ladderTitle"));
        return LabView.of(lang, messages, address, title, lab, before, notice, due, feedback, svg);
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

    private QuizView quizView(Lesson lesson, QuizBlock quiz, Progress progress, String error) {
        List<Integer> answers = progress.quizzes().get(Progress.key(lesson.slug(), quiz.index()));
        int score = 0;
        if (answers != null && answers.size() == quiz.questions().size()) {
            for (int i = 0; i < answers.size(); i++) if (answers.get(i) == quiz.questions().get(i).rightIndex()) score++;
        } else {
            answers = null;
        }
        return new QuizView(quiz, "/" + lesson.lang() + "/lessons/" + lesson.slug() + "/quizzes/" + (quiz.index() + 1), answers, score, error);
    }

    /** Per lesson: finished (every lab played to its end, or its quizzes answered) and the quiz score. */
    record LessonProgress(boolean done, String score) {}

    static Map<String, LessonProgress> progressOf(List<Lesson> lessons, Progress progress) {
        Map<String, LessonProgress> result = new LinkedHashMap<>();
        for (Lesson lesson : lessons) {
            boolean labsEnded = !lesson.labs().isEmpty() && lesson.labs().stream()
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
            result.put(lesson.slug(), new LessonProgress(labsEnded || quizzesAnswered, total == 0 ? null : right + "/" + total));
        }
        return result;
    }

    // ---- helpers

    private void finish(Context ctx, Lesson l, LabBlock b, String sid, Labs.Outcome outcome, LabView.Notice extra) {
        String lang = l.lang();
        if (outcome instanceof Labs.Accepted accepted) {
            if (isHtmx(ctx)) {
                LabView view = labView(lang, sid, l, b, store.progress(sid), extra, accepted.lab());
                fragment(ctx, "lab/lab", "lab", lang, Map.of("v", view));
            } else {
                ctx.redirect(LabAddress.lesson(l.slug(), b.index() + 1).pageUrl(lang), HttpStatus.SEE_OTHER);
            }
        } else if (outcome instanceof Labs.Conflict) {
            respond(ctx, l, b, sid, HttpStatus.CONFLICT, notice(lang, "error", "lab.error.conflict"), outcome.lab());
        } else if (outcome instanceof Labs.Rejected rejected) {
            String text = messages.has(lang, "lab.error." + rejected.problem())
                    ? messages.get(lang, "lab.error." + rejected.problem(), rejected.detail())
                    : messages.get(lang, "lab.error.generic", rejected.detail());
            respond(ctx, l, b, sid, HttpStatus.BAD_REQUEST, new LabView.Notice("error", text), outcome.lab());
        }
    }

    /** The lab as it is, with a notice: the fragment for htmx, the whole lesson otherwise. */
    private void respond(Context ctx, Lesson l, LabBlock b, String sid, HttpStatus status, LabView.Notice notice, Labs.Lab lab) {
        LabView view = labView(l.lang(), sid, l, b, store.progress(sid), notice, lab);
        if (isHtmx(ctx)) {
            ctx.status(status);
            fragment(ctx, "lab/lab", "lab", l.lang(), Map.of("v", view));
        } else {
            renderLesson(ctx, l, sid, Map.of(b.index(), view), status);
        }
    }

    private void fragment(Context ctx, String template, String name, String lang, Map<String, Object> model) {
        Map<String, Object> full = new HashMap<>(model);
        full.put("lang", lang);
        Pages.html(ctx, views.fragment(template, name, lang, full));
    }

    private void notFoundFragment(Context ctx) {
        if (isHtmx(ctx)) {
            String lang = Course.isLanguage(ctx.pathParam("lang")) ? ctx.pathParam("lang") : "en";
            ctx.status(HttpStatus.NOT_FOUND).contentType("text/html; charset=utf-8")
                    .result("<p class=\"notice notice-error\" role=\"alert\">" + messages.get(lang, "lab.error.unknownLab") + "</p>");
            ctx.attribute(Pages.RENDERED, true);
        } else {
            pages.notFound(ctx);
        }
    }

    private LabView.Notice notice(String lang, String kind, String key) {
        return new LabView.Notice(kind, messages.get(lang, key));
    }

    static boolean isHtmx(Context ctx) {
        return "true".equals(ctx.header("HX-Request"));
    }

    private Optional<Lesson> lessonOf(Context ctx) {
        String lang = ctx.pathParam("lang");
        if (!Course.isLanguage(lang)) return Optional.empty();
        return course.get().lesson(lang, ctx.pathParam("slug"));
    }

    private static Optional<LabBlock> labOf(Lesson lesson, String n) {
        return indexed(lesson.labs(), n);
    }

    private static <T> Optional<T> indexed(List<T> list, String n) {
        Integer i = smallNumber(n);
        return i == null || i < 1 || i > list.size() ? Optional.empty() : Optional.of(list.get(i - 1));
    }

    static Labs.Start start(LabBlock block) {
        Scenario scenario = Scenario.byKey(block.scenario()).orElseThrow(() -> new IllegalStateException("unknown scenario in lesson: " + block.scenario()));
        Profile profile = Profile.byKey(block.profile()).orElseThrow(() -> new IllegalStateException("unknown profile in lesson: " + block.profile()));
        return new Labs.Start(scenario, block.seed(), profile, block.actions());
    }

    private static Long version(Context ctx) {
        String value = ctx.formParam("version");
        if (value == null || !value.matches("[0-9]{1,15}")) return null;
        return Long.parseLong(value);
    }

    private static Integer smallNumber(String value) {
        if (value == null || !value.matches("[0-9]{1,4}")) return null;
        return Integer.parseInt(value);
    }

    private static final class BadInput extends Exception {
        final String key;
        final Object[] args;

        BadInput(String key, Object... args) {
            super(key, null, false, false);
            this.key = key;
            this.args = args;
        }
    }

    private static Command command(Context ctx) throws BadInput {
        String word = ctx.formParam("do");
        if (word == null || word.isEmpty()) throw new BadInput("lab.error.noAction");
        if (word.length() > MAX_WORD) throw new BadInput("lab.error.tooLongField");
        switch (word) {
            case "back": return new Command.Back();
            case "reset": return new Command.Reset();
            case "end": return new Command.PlayToEnd();
            default: break;
        }
        if (word.equals("send:client") || word.equals("send:server")) {
            String text = ctx.formParam("text");
            if (text == null || text.isEmpty()) throw new BadInput("lab.error.emptyText");
            int bytes = text.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > 64) throw new BadInput("lab.error.textTooLong", bytes);
            Side side = word.endsWith("client") ? Side.CLIENT : Side.SERVER;
            return new Command.Act(new tcplab.sim.Send(side, text).word());
        }
        try {
            return new Command.Act(Action.parse(word).word());
        } catch (BadActionException e) {
            throw new BadInput("lab.error.unknownAction", word);
        }
    }
}
