package tcplab.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
    /** Rendered labs by what they show (null in development, where templates change). */
    private final Cache<LabView, Rendered> renders;
    /** Ladder diagrams by language and lab (null in development). */
    private final Cache<LadderKey, String> ladders;
    /** The site's public address for share links, or empty: links from the site's root. */
    private final String publicUrl;
    /** Lab titles by language and scenario (null in development, where messages change). */
    private final Map<String, String> titles;

    /** Draws the ladder diagram of a lab in a language; the ladder package provides it. */
    interface LadderRenderer {
        String inline(Snapshot snapshot, String lang);
    }

    LessonHandlers(Supplier<Course> course, Labs labs, Sessions sessions, SessionStore store, Views views,
                   Messages messages, Pages pages, LadderRenderer ladder, boolean live, String publicUrl) {
        this.course = course;
        this.labs = labs;
        this.sessions = sessions;
        this.store = store;
        this.views = views;
        this.messages = messages;
        this.pages = pages;
        this.ladder = ladder;
        this.renders = live ? null : Caffeine.newBuilder().maximumWeight(16_000_000).executor(Runnable::run)
                .weigher((LabView key, Rendered r) -> key.ladder().length() + 3 * r.size()).build();
        this.ladders = live ? null : Caffeine.newBuilder().maximumWeight(8_000_000).executor(Runnable::run)
                .weigher((LadderKey key, String svg) -> 2 * svg.length()).build();
        this.publicUrl = publicUrl;
        this.titles = live ? null : new java.util.concurrent.ConcurrentHashMap<>();
    }

    /** "Lab: the three-way handshake": the title of a lab without one of its own. Scenario keys are the simulator's, so few. */
    private String labTitle(String lang, String scenario) {
        if (titles == null) return messages.get(lang, "lab.title", messages.get(lang, "scenario." + scenario));
        return titles.computeIfAbsent(lang + "|" + scenario, k -> messages.get(lang, "lab.title", messages.get(lang, "scenario." + scenario)));
    }

    /** The navigation's progress marks for the learner of this request (none without a session). */
    Map<String, LessonProgress> progressOf(Context ctx, List<Lesson> lessons) {
        String sid = sessions.existing(ctx);
        return progressOf(lessons, sid == null ? Progress.NONE : store.progress(sid));
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

    private void renderLesson(Context ctx, Lesson lesson, String sid, Map<Integer, String> overrides, HttpStatus status) {
        String lang = lesson.lang();
        Course current = course.get();
        Progress progress = sid == null ? Progress.NONE : store.progress(sid);
        Map<Integer, String> labHtml = new HashMap<>();
        for (LabBlock block : lesson.labs()) {
            String html = overrides.get(block.index());
            if (html == null) html = labHtml(ctx, spotOf(lesson, block), sid, progress, null, null);
            labHtml.put(block.index(), html);
        }
        Map<Integer, QuizView> quizViews = new HashMap<>();
        for (QuizBlock quiz : lesson.quizzes()) quizViews.put(quiz.index(), quizView(lesson, quiz, progress, null));

        Map<String, Object> model = pages.base(lang, "/" + Language.other(lang) + "/lessons/" + lesson.slug());
        model.put("lessons", current.lessons(lang));
        model.put("progress", progressOf(current.lessons(lang), progress));
        model.put("lesson", lesson);
        model.put("labHtml", labHtml);
        model.put("quizViews", quizViews);
        model.put("previous", current.previous(lesson).orElse(null));
        model.put("next", current.next(lesson).orElse(null));
        Pages.html(ctx.status(status), views.page("lesson/lesson", lang, model));
    }

    /**
     * One lab a request is about: a lesson's n-th lab, or a scenario's playground lab. The same
     * handlers serve both; only the page around the lab differs.
     */
    record Spot(String lang, LabAddress address, Labs.Start start, String title, List<PredictBlock> predictions,
                Lesson lesson, LabBlock block) {
        String progressSlug() {
            return lesson == null ? "play-" + address.scenario() : lesson.slug();
        }
    }

    private Spot spotOf(Lesson l, LabBlock b) {
        String title = b.title() != null ? b.title() : labTitle(l.lang(), b.scenario());
        return new Spot(l.lang(), LabAddress.lesson(l.slug(), b.index() + 1), start(b), title, b.predictions(), l, b);
    }

    private Optional<Spot> lessonSpot(Context ctx) {
        Optional<Lesson> lesson = lessonOf(ctx);
        Optional<LabBlock> block = lesson.flatMap(l -> labOf(l, ctx.pathParam("n")));
        if (block.isEmpty()) return Optional.empty();
        return Optional.of(spotOf(lesson.get(), block.get()));
    }

    private Optional<Spot> playgroundSpot(Context ctx, String sid) {
        String lang = ctx.pathParam("lang");
        Optional<Scenario> scenario = Scenario.byKey(ctx.pathParam("scenario"));
        if (!Course.isLanguage(lang) || scenario.isEmpty()) return Optional.empty();
        LabAddress address = LabAddress.playground(scenario.get().key());
        // a playground lab started from a replay link keeps that link's seed and profile
        LabRecord stored = sid == null ? null : store.lab(sid, address.sessionKey()).orElse(null);
        Labs.Start start = new Labs.Start(scenario.get(), stored == null ? null : stored.seed(),
                stored == null ? Profile.LINUX : Profile.byKey(stored.profile()).orElse(Profile.LINUX), List.of());
        String title = labTitle(lang, scenario.get().key());
        return Optional.of(new Spot(lang, address, start, title, List.of(), null, null));
    }

    // ---- POST /{lang}/lessons/{slug}/labs/{n} and /{lang}/play/{scenario}

    void act(Context ctx) {
        ctx.header("Vary", "HX-Request");
        Optional<Spot> found = lessonSpot(ctx);
        if (found.isEmpty()) {
            notFoundFragment(ctx);
            return;
        }
        act(ctx, found.get(), sessions.forChange(ctx));
    }

    void actInPlayground(Context ctx) {
        ctx.header("Vary", "HX-Request");
        Sessions.Session session = sessions.forChange(ctx);
        Optional<Spot> found = playgroundSpot(ctx, session.id());
        if (found.isEmpty()) {
            notFoundFragment(ctx);
            return;
        }
        act(ctx, found.get(), session);
    }

    private void act(Context ctx, Spot spot, Sessions.Session session) {
        String lang = spot.lang();
        if (session.lost()) {
            respond(ctx, spot, session.id(), HttpStatus.OK, notice(lang, "info", "lab.notice.expired"), null);
            return;
        }
        Long version = version(ctx);
        if (version == null) {
            respond(ctx, spot, session.id(), HttpStatus.BAD_REQUEST, notice(lang, "error", "lab.error.version"), null);
            return;
        }
        Command command;
        try {
            command = command(ctx);
        } catch (BadInput e) {
            respond(ctx, spot, session.id(), HttpStatus.BAD_REQUEST, new LabView.Notice("error", messages.get(lang, e.key, e.args)), null);
            return;
        }
        finish(ctx, spot, session.id(), labs.act(session.id(), spot.address(), spot.start(), version, command));
    }

    // ---- POST /{lang}/lessons/{slug}/labs/{n}/predict

    void predict(Context ctx) {
        ctx.header("Vary", "HX-Request");
        Optional<Spot> found = lessonSpot(ctx);
        if (found.isEmpty()) {
            notFoundFragment(ctx);
            return;
        }
        Spot spot = found.get();
        String lang = spot.lang();
        Sessions.Session session = sessions.forChange(ctx);
        if (session.lost()) {
            respond(ctx, spot, session.id(), HttpStatus.OK, notice(lang, "info", "lab.notice.expired"), null);
            return;
        }
        Long version = version(ctx);
        Integer q = smallNumber(Form.field(ctx, "q"));
        Integer choice = smallNumber(Form.field(ctx, "choice"));
        PredictBlock predict = q == null ? null
                : spot.predictions().stream().filter(p -> p.index() == q).findFirst().orElse(null);
        if (version == null || predict == null || choice == null || choice >= predict.question().choices().size()) {
            respond(ctx, spot, session.id(), HttpStatus.BAD_REQUEST, notice(lang, "error", "lab.error.choice"), null);
            return;
        }
        Labs.Lab lab = labs.current(session.id(), spot.address(), spot.start());
        if (lab.version() != version || !lab.record().actionList().equals(predict.after())) {
            finish(ctx, spot, session.id(), new Labs.Conflict(lab));
            return;
        }
        store.answerPrediction(session.id(), Progress.key(spot.progressSlug(), predict.index()), choice);
        finish(ctx, spot, session.id(), labs.act(session.id(), spot.address(), spot.start(), version, new Command.Act("next")));
    }

    // ---- GET …/labs/{n}/inspect?seg=K and /{lang}/play/{scenario}/inspect?seg=K: the header inspector

    void inspect(Context ctx) {
        ctx.header("Vary", "HX-Request");
        String sid = sessions.existing(ctx);
        Optional<Spot> found = ctx.pathParamMap().containsKey("scenario") ? playgroundSpot(ctx, sid) : lessonSpot(ctx);
        if (found.isEmpty()) {
            notFoundFragment(ctx);
            return;
        }
        Spot spot = found.get();
        Labs.Lab lab = labs.current(sid, spot.address(), spot.start());
        Integer n = smallNumber(ctx.queryParam("seg"));
        if (n == null || n < 1 || n > lab.snapshot().segments().size()) {
            LabView.Notice notice = notice(spot.lang(), "error", "lab.error.noSegment");
            if (isHtmx(ctx)) {
                ctx.status(HttpStatus.BAD_REQUEST).contentType("text/html; charset=utf-8")
                        .result("<p class=\"notice notice-error\" role=\"alert\">" + messages.get(spot.lang(), "lab.error.noSegment") + "</p>");
            } else {
                renderPage(ctx, spot, sid, render(labView(ctx, spot, sid, Progress.NONE, notice, lab)), HttpStatus.BAD_REQUEST);
            }
            return;
        }
        LabView view = labView(ctx, spot, sid, sid == null ? Progress.NONE : store.progress(sid), null, lab);
        LabView inspecting = view.inspecting(lab.snapshot(), n, messages);
        if (isHtmx(ctx)) fragment(ctx, "lab/lab", "inspector", spot.lang(), Map.of("v", inspecting));
        else renderPage(ctx, spot, sid, render(inspecting), HttpStatus.OK);
    }

    // ---- GET /{lang}/play/{scenario}: the playground page

    void playground(Context ctx) {
        String sid = sessions.existing(ctx);
        Optional<Spot> spot = playgroundSpot(ctx, sid);
        if (spot.isEmpty()) {
            pages.notFound(ctx);
            return;
        }
        renderPage(ctx, spot.get(), sid, null, HttpStatus.OK);
    }

    // ---- POST /{lang}/play/{scenario}/load: play on from a replay link

    void load(Context ctx) {
        ReplayRequest request = replayRequest(ctx, Form.field(ctx, "actions"), Form.field(ctx, "seed"), Form.field(ctx, "profile"));
        if (request == null) return;
        String lang = request.lang();
        Scenario scenario = request.scenario();
        Replays.Parsed parsed = request.parsed();
        Sessions.Session session = sessions.forChange(ctx);
        LabAddress address = LabAddress.playground(scenario.key());
        for (int attempt = 0; attempt < 3; attempt++) {
            long version = store.lab(session.id(), address.sessionKey()).map(LabRecord::version).orElse(0L);
            LabRecord next = new LabRecord(scenario.key(), parsed.seed(), parsed.profile().key(), String.join(",", parsed.actions()), version + 1);
            if (store.replaceLab(session.id(), address.sessionKey(), version, next)) break;
        }
        ctx.redirect(address.pageUrl(lang), HttpStatus.SEE_OTHER);
    }

    // ---- GET /{lang}/lab/{scenario}?actions=…: a replay link, shown without a session

    void replay(Context ctx) {
        ReplayRequest request = replayRequest(ctx, ctx.queryParam("actions"), ctx.queryParam("seed"), ctx.queryParam("profile"));
        if (request == null) return;
        String lang = request.lang();
        Scenario scenario = request.scenario();
        Replays.Parsed parsed = request.parsed();
        LabAddress address = LabAddress.playground(scenario.key());
        LabRecord record = new LabRecord(scenario.key(), parsed.seed(), parsed.profile().key(), String.join(",", parsed.actions()), 0);
        Labs.Lab lab = new Labs.Lab(record, labs.snapshot(record));
        String title = labTitle(lang, scenario.key());
        LabView view = LabView.of(lang, messages, address, title, lab, null, null, null, null,
                ladderOf(lang, lab), true, publicUrl,
                new Labs.Start(scenario, parsed.seed(), parsed.profile(), List.of()).finishedBy(parsed.actions(), lab.snapshot()));
        Map<String, Object> model = pages.base(lang, "/" + Language.other(lang) + "/lab/" + scenario.key() + "?" + view.shareQuery());
        model.put("lessons", course.get().lessons(lang));
        model.put("v", view);
        model.put("labHtml", render(view));
        model.put("replay", parsed);
        model.put("scenarioKey", scenario.key());
        Pages.html(ctx, views.page("lab/page", lang, model));
    }

    /** A replay link's language, scenario and checked query. */
    private record ReplayRequest(String lang, Scenario scenario, Replays.Parsed parsed) {}

    /** The replay request of {@code ctx}, or null once it has been answered with a 404 or a 400 page. */
    private ReplayRequest replayRequest(Context ctx, String actions, String seed, String profile) {
        String lang = ctx.pathParam("lang");
        Optional<Scenario> scenario = Scenario.byKey(ctx.pathParam("scenario"));
        if (!Course.isLanguage(lang) || scenario.isEmpty()) {
            pages.notFound(ctx);
            return null;
        }
        Replays.Parsed parsed = Replays.parse(scenario.get(), actions, seed, profile);
        if (parsed.error() != null) {
            replayError(ctx, lang, parsed.error());
            return null;
        }
        return new ReplayRequest(lang, scenario.get(), parsed);
    }

    private void replayError(Context ctx, String lang, Replays.Error error) {
        Map<String, Object> model = pages.base(lang, "/" + Language.other(lang) + "/");
        model.put("lessons", course.get().lessons(lang));
        String text = error.position() > 0
                ? messages.get(lang, "replay.error.word", error.word(), error.position(), messages.get(lang, "lab.error.problem." + error.problem(), error.word()))
                : messages.get(lang, "replay.error." + error.problem(), error.word());
        model.put("message", text);
        ctx.attribute(Pages.RENDERED, true);
        Pages.html(ctx.status(HttpStatus.BAD_REQUEST), views.page("lab/bad-replay", lang, model));
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
        boolean retry = "1".equals(Form.field(ctx, "retry"));
        if (!retry) {
            for (int i = 0; i < block.questions().size(); i++) {
                Integer answer = smallNumber(Form.field(ctx, "q" + (i + 1)));
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

    LabView labView(Context ctx, Spot spot, String sid, Progress progress, LabView.Notice notice, Labs.Lab given) {
        String lang = spot.lang();
        Labs.Start start = spot.start();
        Labs.Lab lab = given != null ? given : labs.current(sid, spot.address(), start);
        List<String> actions = lab.record().actionList();
        Snapshot before = null;
        if (actions.size() > start.actions().size()) {
            before = labs.snapshot(new LabRecord(lab.record().scenario(), lab.record().seed(), lab.record().profile(),
                    String.join(",", actions.subList(0, actions.size() - 1)), lab.version()));
        }
        Asking asking = asking(spot, actions, progress);
        PredictBlock due = asking.due();
        LabView.Feedback feedback = null;
        if (asking.answered() != null) {
            Question q = asking.answered().question();
            Choice c = q.choices().get(asking.chosen());
            feedback = new LabView.Feedback(c.right(), c.text(), c.why(), q.choices().get(q.rightIndex()).text());
        }
        String svg = ladderOf(lang, lab);
        return LabView.of(lang, messages, spot.address(), spot.title(), lab, before, notice, due, feedback, svg, false, publicUrl,
                start.finishedBy(actions, lab.snapshot()));
    }

    /** The prediction due at these actions, and the one just answered (with the learner's choice), if any. */
    private record Asking(PredictBlock due, PredictBlock answered, Integer chosen) {}

    private static Asking asking(Spot spot, List<String> actions, Progress progress) {
        PredictBlock due = null;
        PredictBlock answered = null;
        Integer chosen = null;
        for (PredictBlock p : spot.predictions()) {
            if (actions.equals(p.after())) due = p;
            Integer choice = progress.predictions().get(Progress.key(spot.progressSlug(), p.index()));
            if (choice != null && actions.size() == p.after().size() + 1 && actions.subList(0, p.after().size()).equals(p.after())
                    && actions.get(actions.size() - 1).equals("next")) {
                answered = p;
                chosen = choice;
            }
        }
        return new Asking(due, answered, chosen);
    }

    /**
     * The lab's HTML. Rendering it is most of an action's cost, and many learners reach the same
     * moment of the same lab, so it is cached by its view with the version set aside; the version
     * goes in at the slots the rendering left for it. Labs with a notice of the request's making
     * are rendered afresh.
     */
    String labHtml(Context ctx, Spot spot, String sid, Progress progress, LabView.Notice notice, Labs.Lab given) {
        Labs.Lab lab = given != null ? given : labs.current(sid, spot.address(), spot.start());
        LabView view = labView(ctx, spot, sid, progress, notice, lab);
        if (renders == null || notice != null && !notice.fixed()) return render(view);
        return rendered(view).text(lab.version());
    }

    /** The same lab as UTF-8 bytes, for an htmx answer: no string to encode on the hot path. */
    byte[] labBytes(Context ctx, Spot spot, String sid, Progress progress, Labs.Lab lab) {
        LabView view = labView(ctx, spot, sid, progress, null, lab);
        if (renders == null) return render(view).getBytes(StandardCharsets.UTF_8);
        return rendered(view).bytes(lab.version());
    }

    private Rendered rendered(LabView view) {
        LabView key = view.withoutVersion();
        Rendered rendered = renders.getIfPresent(key);
        if (rendered == null) {
            rendered = Rendered.of(render(key));
            renders.put(key, rendered);
        }
        return rendered;
    }

    /** A rendered lab cut at its version slots, as text and as UTF-8. */
    record Rendered(String[] text, byte[][] utf8, int size) {
        static Rendered of(String html) {
            String[] parts = html.split(java.util.regex.Pattern.quote(LabView.VERSION_SLOT), -1);
            byte[][] bytes = new byte[parts.length][];
            int size = 0;
            for (int i = 0; i < parts.length; i++) {
                bytes[i] = parts[i].getBytes(StandardCharsets.UTF_8);
                size += bytes[i].length;
            }
            return new Rendered(parts, bytes, size);
        }

        String text(long version) {
            return String.join(LabView.versionField(version), text);
        }

        byte[] bytes(long version) {
            byte[] v = LabView.versionField(version).getBytes(StandardCharsets.US_ASCII);
            byte[] out = new byte[size + v.length * (utf8.length - 1)];
            int at = 0;
            for (int i = 0; i < utf8.length; i++) {
                if (i > 0) {
                    System.arraycopy(v, 0, out, at, v.length);
                    at += v.length;
                }
                System.arraycopy(utf8[i], 0, out, at, utf8[i].length);
                at += utf8[i].length;
            }
            return out;
        }
    }

    /** The lab's ladder in a language: a lab's actions draw the same ladder whatever its version. */
    private record LadderKey(String lang, String scenario, Long seed, String profile, String actions) {}

    private String ladderOf(String lang, Labs.Lab lab) {
        java.util.function.Function<LadderKey, String> draw = k -> ladder.inline(lab.snapshot(), lang);
        LabRecord r = lab.record();
        LadderKey key = new LadderKey(lang, r.scenario(), r.seed(), r.profile(), r.actions());
        return ladders == null ? draw.apply(key) : ladders.get(key, draw);
    }

    private String render(LabView view) {
        return views.fragment("lab/lab", "lab", view.lang(), Map.of("v", view, "lang", view.lang()));
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

    private void finish(Context ctx, Spot spot, String sid, Labs.Outcome outcome) {
        String lang = spot.lang();
        if (outcome instanceof Labs.Accepted accepted) {
            if (isHtmx(ctx)) {
                ctx.contentType("text/html; charset=utf-8").result(labBytes(ctx, spot, sid, store.progress(sid), accepted.lab()));
            } else {
                ctx.redirect(spot.address().pageUrl(lang), HttpStatus.SEE_OTHER);
            }
        } else if (outcome instanceof Labs.Conflict) {
            respond(ctx, spot, sid, HttpStatus.CONFLICT, notice(lang, "error", "lab.error.conflict"), outcome.lab());
        } else if (outcome instanceof Labs.Rejected rejected) {
            String text = messages.has(lang, "lab.error." + rejected.problem())
                    ? messages.get(lang, "lab.error." + rejected.problem(), rejected.detail())
                    : messages.get(lang, "lab.error.generic", rejected.detail());
            respond(ctx, spot, sid, HttpStatus.BAD_REQUEST, new LabView.Notice("error", text), outcome.lab());
        }
    }

    /** The lab as it is, with a notice: the fragment for htmx, the whole page otherwise. */
    private void respond(Context ctx, Spot spot, String sid, HttpStatus status, LabView.Notice notice, Labs.Lab lab) {
        String html = labHtml(ctx, spot, sid, store.progress(sid), notice, lab);
        if (isHtmx(ctx)) {
            Pages.html(ctx.status(status), html);
        } else {
            renderPage(ctx, spot, sid, html, status);
        }
    }

    private void renderPage(Context ctx, Spot spot, String sid, String html, HttpStatus status) {
        if (spot.lesson() != null) {
            renderLesson(ctx, spot.lesson(), sid, html == null ? Map.of() : Map.of(spot.block().index(), html), status);
            return;
        }
        String lang = spot.lang();
        if (html == null) html = labHtml(ctx, spot, sid, sid == null ? Progress.NONE : store.progress(sid), null, null);
        Map<String, Object> model = pages.base(lang, "/" + Language.other(lang) + "/play/" + spot.address().scenario());
        model.put("lessons", course.get().lessons(lang));
        model.put("title", spot.title());
        model.put("labHtml", html);
        model.put("scenarioKey", spot.address().scenario());
        Pages.html(ctx.status(status), views.page("lab/page", lang, model));
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
        return new LabView.Notice(kind, messages.get(lang, key), true);
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
        return new Labs.Start(scenario, block.seed(), profile, block.actions(), block.goals());
    }

    private static Long version(Context ctx) {
        String value = Form.field(ctx, "version");
        return digits(value, 15) ? Long.parseLong(value) : null;
    }

    private static Integer smallNumber(String value) {
        return digits(value, 4) ? Integer.parseInt(value) : null;
    }

    /** One to {@code max} ASCII digits, nothing else (no sign, no space). */
    static boolean digits(String value, int max) {
        if (value == null || value.isEmpty() || value.length() > max) return false;
        for (int i = 0; i < value.length(); i++) if (value.charAt(i) < '0' || value.charAt(i) > '9') return false;
        return true;
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
        String word = Form.field(ctx, "do");
        if (word == null || word.isEmpty()) throw new BadInput("lab.error.noAction");
        if (word.length() > MAX_WORD) throw new BadInput("lab.error.tooLongField");
        switch (word) {
            case "back": return new Command.Back();
            case "reset": return new Command.Reset();
            case "end": return new Command.PlayToEnd();
            default: break;
        }
        if (word.equals("send:client") || word.equals("send:server")) {
            String text = Form.field(ctx, "text");
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
