package tcplab.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import tcplab.drill.Deck;
import tcplab.drill.Drill;
import tcplab.drill.DrillBook;
import tcplab.drill.DrillId;
import tcplab.drill.Drills;
import tcplab.drill.Leitner;
import tcplab.drill.Option;
import tcplab.drill.Progress;
import tcplab.drill.ProgressCode;
import tcplab.drill.Round;
import tcplab.drill.Text;
import tcplab.ladder.HostLadder;
import tcplab.ladder.LadderSvg;
import tcplab.ladder.LadderWords;
import tcplab.lesson.Course;
import tcplab.lesson.Lesson;
import tcplab.sim.BadActionException;
import tcplab.sim.HostLab;
import tcplab.sim.HostSnapshot;
import tcplab.sim.LabSpec;
import tcplab.sim.Reason;
import tcplab.sim.Snapshot;
import tcplab.web.lab.HostView;
import tcplab.web.lab.LabAddress;
import tcplab.web.lab.LabView;
import tcplab.web.session.DrillsRecord;
import tcplab.web.session.SessionStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The drills (templates/drill/drills.html): what is due and how well each deck is known, one
 * drill and its feedback, the interview round and its score card, and progress export and
 * import. Drills come from {@code tcplab.drill}; the learner's drill book lives in the session
 * store like their labs. {@code clock} is the real time the Leitner schedule and the round's
 * clock are measured in (the simulator's time is virtual and has nothing to do with it).
 */
record DrillPages(Supplier<Course> course, Sessions sessions, SessionStore store, Views views, Messages messages,
                  Pages pages, ProgressCode codes, java.util.function.LongSupplier clock) {

    private static final String TEMPLATE = "drill/drills";

    // ---- GET /{lang}/drills

    void overview(Context ctx) {
        String lang = lang(ctx);
        if (lang == null) return;
        long now = clock.getAsLong();
        Progress progress = load(sessions.existing(ctx)).book().progress();
        List<DeckRow> rows = new ArrayList<>();
        for (Progress.Standing s : progress.standings(now)) {
            rows.add(new DeckRow(messages.get(lang, "drills.deck." + s.deck().key()), base(lang) + "/deck/" + s.deck().key(),
                    lessonUrl(lang, s.deck()), lessonTitle(lang, s.deck()), s.seen(), s.due(), s.percentKnown()));
        }
        Overview o = new Overview(progress.due(now).size(), base(lang) + "/next", base(lang) + "/round", base(lang) + "/export",
                base(lang) + "/import", rows);
        Map<String, Object> model = model(ctx, lang, "overview", messages.get(lang, "drills.title"), "/drills");
        model.put("o", o);
        page(ctx, lang, model);
    }

    record Overview(int due, String nextUrl, String roundUrl, String exportUrl, String importUrl, List<DeckRow> decks) {}

    record DeckRow(String title, String practiseUrl, String lessonUrl, String lessonTitle, int seen, int due, int percentKnown) {}

    // ---- GET /{lang}/drills/next and /{lang}/drills/deck/{deck}: to the drill to practise now

    void next(Context ctx) {
        String lang = lang(ctx);
        if (lang == null) return;
        Progress progress = load(sessions.existing(ctx)).book().progress();
        long now = clock.getAsLong();
        List<DrillId> due = progress.due(now);
        DrillId id = due.isEmpty() ? progress.round(now, random()).get(0) : due.get(0);
        ctx.redirect(drillUrl(lang, id), HttpStatus.SEE_OTHER);
    }

    void deck(Context ctx) {
        String lang = lang(ctx);
        if (lang == null) return;
        Optional<Deck> deck = Deck.byKey(ctx.pathParam("deck"));
        if (deck.isEmpty()) {
            pages.notFound(ctx);
            return;
        }
        Progress progress = load(sessions.existing(ctx)).book().progress();
        DrillId id = progress.due(clock.getAsLong()).stream().filter(d -> d.deck() == deck.get()).findFirst()
                .orElseGet(() -> fresh(progress, deck.get()));
        ctx.redirect(drillUrl(lang, id), HttpStatus.SEE_OTHER);
    }

    // ---- GET /{lang}/drills/d/{id}, POST the answer

    void drill(Context ctx) {
        String lang = lang(ctx);
        if (lang == null) return;
        Optional<DrillId> id = DrillId.parse(ctx.pathParam("id"));
        if (id.isEmpty()) {
            pages.notFound(ctx);
            return;
        }
        Drill d = Drills.generate(id.get());
        showDrill(ctx, lang, view(lang, d, drillUrl(lang, d.id()), false, null, null), null, HttpStatus.OK);
    }

    void answer(Context ctx) {
        ctx.header("Vary", "HX-Request");
        String lang = lang(ctx);
        if (lang == null) return;
        Optional<DrillId> id = DrillId.parse(ctx.pathParam("id"));
        if (id.isEmpty()) {
            pages.notFoundHere(ctx);
            return;
        }
        Drill d = Drills.generate(id.get());
        String given = Form.field(ctx, "answer");
        String action = drillUrl(lang, d.id());
        if (!answered(d, given)) {
            showDrill(ctx, lang, view(lang, d, action, false, messages.get(lang, "drills.error.choose"), null), null, HttpStatus.BAD_REQUEST);
            return;
        }
        boolean right = d.isRight(given);
        long now = clock.getAsLong();
        String sid = sessions.forChange(ctx).id();
        DrillBook book = change(sid, b -> b.with(b.progress().answer(d.id(), right, now)));
        Leitner.Card card = book.progress().cards().get(d.id());
        Feedback f = feedback(lang, d, given, card, now, base(lang) + "/deck/" + d.id().deck().key());
        showDrill(ctx, lang, view(lang, d, action, false, null, f), null, HttpStatus.OK);
    }

    // ---- the interview round: POST /{lang}/drills/round starts one, GET shows where it stands, POST …/answer answers

    void startRound(Context ctx) {
        String lang = lang(ctx);
        if (lang == null) return;
        long now = clock.getAsLong();
        String sid = sessions.forChange(ctx).id();
        change(sid, b -> b.with(Round.start(b.progress().round(now, random()), now)));
        ctx.redirect(base(lang) + "/round", HttpStatus.SEE_OTHER);
    }

    void round(Context ctx) {
        String lang = lang(ctx);
        if (lang == null) return;
        showRound(ctx, lang, load(sessions.existing(ctx)).book().round(), null, HttpStatus.OK);
    }

    void answerRound(Context ctx) {
        ctx.header("Vary", "HX-Request");
        String lang = lang(ctx);
        if (lang == null) return;
        long now = clock.getAsLong();
        String sid = sessions.existing(ctx);
        Round round = load(sid).book().round();
        Optional<DrillId> current = round == null ? Optional.empty() : round.current(now);
        Optional<DrillId> asked = DrillId.parse(Form.field(ctx, "id"));
        if (current.isEmpty() || asked.isEmpty() || !asked.equals(current)) {
            // answered already (a second tab, a double click) or over: show the round as it stands
            showRound(ctx, lang, round, messages.get(lang, "drills.round.stale"), HttpStatus.CONFLICT);
            return;
        }
        Drill d = Drills.generate(current.get());
        String given = Form.field(ctx, "answer");
        if (!answered(d, given)) {
            showRound(ctx, lang, round, messages.get(lang, "drills.error.choose"), HttpStatus.BAD_REQUEST);
            return;
        }
        boolean right = d.isRight(given);
        DrillBook book = change(sid, b -> {
            Round r = b.round();
            if (r == null || !r.current(now).equals(current)) return b;
            return b.with(b.progress().answer(d.id(), right, now)).with(r.answer(right, now));
        });
        Feedback f = feedback(lang, d, given, book.progress().cards().get(d.id()), now, base(lang) + "/round");
        showDrill(ctx, lang, view(lang, d, base(lang) + "/round/answer", true, null, f), roundLine(lang, book.round(), now), HttpStatus.OK);
    }

    private void showRound(Context ctx, String lang, Round round, String notice, HttpStatus status) {
        long now = clock.getAsLong();
        if (round != null && round.current(now).isPresent()) {
            Drill d = Drills.generate(round.current(now).get());
            showDrill(ctx, lang, view(lang, d, base(lang) + "/round/answer", true, notice, null), roundLine(lang, round, now), status);
            return;
        }
        Map<String, Object> model = model(ctx, lang, "score", messages.get(lang, "drills.round.title"), "/drills/round");
        model.put("s", round == null ? null : score(lang, round, now));
        model.put("roundUrl", base(lang) + "/round");
        model.put("drillsUrl", base(lang));
        page(ctx.status(status), lang, model);
    }

    record RoundLine(int number, int of, String timeLeft) {}

    private static RoundLine roundLine(String lang, Round round, long now) {
        if (round == null || round.isOver(now)) return null;
        long left = round.timeLeft(now) / 1000;
        return new RoundLine(round.answers().size() + 1, round.drills().size(), String.format(java.util.Locale.ROOT, "%d:%02d", left / 60, left % 60));
    }

    record Score(int score, int of, String time, List<Miss> misses) {}

    record Miss(String deckTitle, String drillUrl, String lessonUrl, String lessonTitle, boolean reached) {}

    private Score score(String lang, Round round, long now) {
        List<Miss> misses = new ArrayList<>();
        for (DrillId id : round.misses()) {
            boolean reached = round.drills().indexOf(id) < round.answers().size();
            misses.add(new Miss(messages.get(lang, "drills.deck." + id.deck().key()), drillUrl(lang, id), lessonUrl(lang, id.deck()),
                    lessonTitle(lang, id.deck()), reached));
        }
        long seconds = round.duration(now) / 1000;
        return new Score(round.score(), round.drills().size(), String.format(java.util.Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60), misses);
    }

    // ---- export and import

    void export(Context ctx) {
        String lang = lang(ctx);
        if (lang == null) return;
        Progress progress = load(sessions.existing(ctx)).book().progress();
        Map<String, Object> model = model(ctx, lang, "export", messages.get(lang, "drills.export.title"), "/drills/export");
        model.put("code", codes.write(progress));
        model.put("count", progress.cards().size());
        model.put("downloadUrl", base(lang) + "/progress.txt");
        model.put("importUrl", base(lang) + "/import");
        page(ctx, lang, model);
    }

    void download(Context ctx) {
        String lang = lang(ctx);
        if (lang == null) return;
        Progress progress = load(sessions.existing(ctx)).book().progress();
        Pages.privateAnswer(ctx).header("Content-Disposition", "attachment; filename=\"tcplab-progress.txt\"");
        ctx.contentType("text/plain; charset=utf-8").result(codes.write(progress) + "\n");
    }

    void importPage(Context ctx) {
        String lang = lang(ctx);
        if (lang == null) return;
        showImport(ctx, lang, null, null, HttpStatus.OK);
    }

    void importCode(Context ctx) {
        String lang = lang(ctx);
        if (lang == null) return;
        // a chosen file wins over the text box; either way one code is read (a BOM and the final newline are no part of it)
        String file = Form.field(ctx, "file");
        String code = file != null && !file.isBlank() ? file.replace("\uFEFF", "") : Form.field(ctx, "code");
        ProgressCode.Read read = codes.read(code);
        if (!read.ok()) {
            String why = messages.get(lang, "drills.import." + read.problem().name()) + " " + messages.get(lang, "drills.import.unchanged");
            showImport(ctx, lang, null, why, HttpStatus.BAD_REQUEST);
            return;
        }
        String sid = sessions.forChange(ctx).id();
        DrillBook book = change(sid, b -> b.with(b.progress().merge(read.progress())));
        showImport(ctx, lang, messages.get(lang, "drills.import.done", book.progress().cards().size()), null, HttpStatus.OK);
    }

    private void showImport(Context ctx, String lang, String done, String problem, HttpStatus status) {
        Map<String, Object> model = model(ctx, lang, "import", messages.get(lang, "drills.import.title"), "/drills/import");
        model.put("done", done);
        model.put("problem", problem);
        model.put("importUrl", base(lang) + "/import");
        model.put("drillsUrl", base(lang));
        page(ctx.status(status), lang, model);
    }

    // ---- one drill as the page shows it

    record OptionView(String value, String label, String misconception, boolean right, boolean chosen) {}

    record Feedback(boolean right, String given, String answer, String miss, String explanation, String ladder, String clientState,
                    String serverState, String time, String revealUrl, String comesBack, String nextUrl, String allUrl, HostView hostView) {}

    record DrillView(String id, String deckTitle, String question, boolean typed, List<OptionView> options, String ladder,
                     String clientState, String serverState, String time, String profile, String replayUrl, String lessonUrl,
                     String lessonTitle, String action, boolean inRound, String error, Feedback feedback, boolean host,
                     HostView hostView) {}

    /**
     * The moment as the page shows it: its ladder and a caption (both sides' states, or a host's
     * queues); a host lab's moment also as its lab shows it (the queues, ss, nstat, what the
     * applications were told, the sysctls in play), read-only.
     */
    record Moment(String ladder, String clientState, String serverState, String time, HostView host) {}

    private Moment moment(String lang, LabSpec spec) {
        if (spec.isHostLab()) {
            HostSnapshot s = replayHost(spec);
            HostSnapshot.ListenerRow l = s.listener();
            String ladder = HostLadder.inline(s, key -> messages.get(lang, key));
            HostView view = HostView.of(lang, messages, LabAddress.playground(HostLab.SCENARIO), messages.get(lang, "drills.moment"), 0,
                    spec.withActions(List.of()), s, ladder, null, null, null, "", true);
            return new Moment(ladder, messages.get(lang, "host.queue.syn", l.synQueue(), l.synQueueMax()),
                    messages.get(lang, "host.queue.accept", l.acceptQueue(), l.acceptQueueMax()), LabView.ms(s.time()), view);
        }
        Snapshot s = replay(spec);
        return new Moment(ladder(lang, s), s.client().state().label(), s.server().state().label(), LabView.ms(s.time()), null);
    }

    private DrillView view(String lang, Drill d, String action, boolean inRound, String error, Feedback f) {
        Moment at = moment(lang, d.moment());
        Option chosen = f == null ? null : d.chosen(f.given()).orElse(null);
        List<OptionView> options = new ArrayList<>();
        for (Option o : d.options()) {
            options.add(new OptionView(o.value(), text(lang, o.label()), o.misconception() == null ? null : text(lang, o.misconception()),
                    o.isRight(), o.equals(chosen)));
        }
        return new DrillView(d.id().key(), messages.get(lang, "drills.deck." + d.id().deck().key()), text(lang, d.question()), d.typed(),
                options, at.ladder(), at.clientState(), at.serverState(), at.time(),
                d.moment().profile().key(), d.momentPath(lang), lessonUrl(lang, d.id().deck()), lessonTitle(lang, d.id().deck()),
                action, inRound, error, f == null ? null : withGiven(lang, d, f), d.moment().isHostLab(), at.host());
    }

    /** The learner's answer as they read it: the option's label, or the number they typed. */
    private Feedback withGiven(String lang, Drill d, Feedback f) {
        String given = d.chosen(f.given()).map(o -> text(lang, o.label())).orElse(f.given().trim());
        return new Feedback(f.right(), given, f.answer(), f.miss(), f.explanation(), f.ladder(), f.clientState(), f.serverState(), f.time(),
                f.revealUrl(), f.comesBack(), f.nextUrl(), f.allUrl(), f.hostView());
    }

    private Feedback feedback(String lang, Drill d, String given, Leitner.Card card, long now, String nextUrl) {
        Moment shown = moment(lang, d.revealed());
        String comesBack = card == null ? null
                : messages.get(lang, "drills.feedback.comesBack", in(lang, card.dueAt() - now), card.box());
        Option chosen = d.chosen(given).orElse(null);
        String miss = chosen != null && !chosen.isRight() ? text(lang, chosen.misconception()) : null;
        return new Feedback(d.isRight(given), given, text(lang, d.answer().label()), miss, text(lang, d.explanation()), shown.ladder(),
                shown.clientState(), shown.serverState(), shown.time(), d.revealedPath(lang),
                comesBack, nextUrl, base(lang), shown.host());
    }

    private String in(String lang, long ms) {
        long minutes = Math.max(0, (ms + 59_999) / 60_000);
        if (minutes == 0) return messages.get(lang, "drills.in.now");
        if (minutes < 120) return messages.get(lang, "drills.in.minutes", minutes);
        if (minutes < 48 * 60) return messages.get(lang, "drills.in.hours", (minutes + 59) / 60);
        return messages.get(lang, "drills.in.days", (minutes + 24 * 60 - 1) / (24 * 60));
    }

    private static boolean answered(Drill d, String given) {
        if (given == null || given.isBlank() || given.length() > 200) return false;
        return d.typed() ? d.chosen(given).isPresent() || given.trim().matches("[0-9 ]{1,14}(ms)?") : d.chosen(given).isPresent();
    }

    /** A drill's words in the page's language: message keys filled with their arguments, themselves rendered. */
    String text(String lang, Text t) {
        Object[] args = new Object[t.args().size()];
        for (int i = 0; i < args.length; i++) {
            Object a = t.args().get(i);
            if (a instanceof Text inner) args[i] = text(lang, inner);
            else if (a instanceof Text.Ms ms) args[i] = LabView.ms(ms.millis());
            else if (a instanceof Reason reason) args[i] = LabView.reason(lang, messages, reason);
            else args[i] = a;
        }
        return messages.get(lang, t.key(), args);
    }

    private String ladder(String lang, Snapshot s) {
        return LadderSvg.inline(s, LadderWords.from(key -> messages.get(lang, key)));
    }

    private static HostSnapshot replayHost(LabSpec spec) {
        try {
            return spec.replayHost();
        } catch (BadActionException e) {
            throw new IllegalStateException("a drill's moment always replays (DrillCheckTest)", e);
        }
    }

    private static Snapshot replay(LabSpec spec) {
        try {
            return spec.replay();
        } catch (BadActionException e) {
            throw new IllegalStateException("a drill's moment always replays (DrillCheckTest)", e);
        }
    }

    private void showDrill(Context ctx, String lang, DrillView d, RoundLine round, HttpStatus status) {
        ctx.status(status);
        if (Pages.isHtmx(ctx)) {
            pages.fragment(ctx, TEMPLATE, "drill", lang, Map.of("d", d));
            return;
        }
        String path = d.inRound() ? "/drills/round" : "/drills/d/" + d.id();
        Map<String, Object> model = model(ctx, lang, "drill", d.deckTitle(), path);
        model.put("d", d);
        model.put("round", round);
        page(ctx, lang, model);
    }

    // ---- the learner's drill book in the session store

    record Stored(DrillBook book, long version) {}

    private Stored load(String sid) {
        if (sid == null) return new Stored(DrillBook.EMPTY, 0);
        Optional<DrillsRecord> record = store.drills(sid);
        if (record.isEmpty()) return new Stored(DrillBook.EMPTY, 0);
        // a book this version cannot read (an older format) starts afresh rather than failing
        return new Stored(DrillBook.parse(record.get().text()).orElse(DrillBook.EMPTY), record.get().version());
    }

    /** Applies {@code change} to the stored book with a compare-and-set, again if another request got there first. */
    private DrillBook change(String sid, UnaryOperator<DrillBook> change) {
        DrillBook next = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            Stored current = load(sid);
            next = change.apply(current.book());
            if (store.replaceDrills(sid, current.version(), new DrillsRecord(next.toText(), current.version() + 1))) return next;
        }
        return next; // the session vanished under us: the learner sees the result, nothing is kept
    }

    // ---- small things

    private String lang(Context ctx) {
        String lang = ctx.pathParam("lang");
        if (!Course.isLanguage(lang)) {
            pages.notFound(ctx);
            return null;
        }
        return lang;
    }

    private static String base(String lang) {
        return "/" + lang + "/drills";
    }

    private static String drillUrl(String lang, DrillId id) {
        return base(lang) + "/d/" + id.key();
    }

    private static String lessonUrl(String lang, Deck deck) {
        return "/" + lang + "/lessons/" + deck.lesson();
    }

    private String lessonTitle(String lang, Deck deck) {
        return course.get().lesson(lang, deck.lesson()).map(Lesson::title).orElse(deck.lesson());
    }

    private DrillId fresh(Progress progress, Deck deck) {
        SplittableRandom random = random();
        DrillId id;
        do {
            id = Drills.fresh(deck, random);
        } while (progress.cards().containsKey(id));
        return id;
    }

    private static SplittableRandom random() {
        return new SplittableRandom(ThreadLocalRandom.current().nextLong());
    }

    private Map<String, Object> model(Context ctx, String lang, String page, String title, String path) {
        Map<String, Object> model = pages.base(lang, "/" + Language.other(lang) + path);
        model.put("lessons", course.get().lessons(lang));
        model.put("page", page);
        model.put("pageTitle", title);
        return model;
    }

    private void page(Context ctx, String lang, Map<String, Object> model) {
        Pages.html(ctx, views.page(TEMPLATE, lang, model));
    }
}
