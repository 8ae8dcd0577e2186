package tcplab.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import tcplab.lesson.Course;
import tcplab.lesson.LabBlock;
import tcplab.lesson.Lesson;
import tcplab.lesson.PredictBlock;
import tcplab.sim.BadActionException;
import tcplab.sim.HostAction;
import tcplab.sim.LabSpec;
import tcplab.sim.host.HostSettings;
import tcplab.web.lab.Command;
import tcplab.web.lab.HostLabs;
import tcplab.web.lab.HostView;
import tcplab.web.lab.LabAddress;
import tcplab.web.lab.LabView;
import tcplab.web.session.LabRecord;
import tcplab.web.session.Progress;
import tcplab.web.session.SessionStore;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Host labs on the site (CONTRACT.md "Host labs"): the playground {@code /{lang}/play/host},
 * replay links {@code /{lang}/lab/host?actions=…&backlog=…&sysctl.NAME=VALUE}, playing on from
 * one, and the actions, settings and predictions of a host lab in the playground or a lesson.
 * The general lab routes hand host labs over here; an htmx POST gets the lab back, any other a
 * redirect (Vary: HX-Request).
 */
record HostPages(Supplier<Course> course, HostLabHtml html, Sessions sessions, SessionStore store, Views views, Messages messages,
                 Pages pages, LessonProgress progress, LessonPages lessonPages) {

    static final String SCENARIO = "host";
    private static final int MAX_WORD = 200;

    static boolean isHost(Context ctx) {
        return SCENARIO.equals(ctx.pathParamMap().get("scenario"));
    }

    // ---- GET /{lang}/play/host

    void playground(Context ctx) {
        String lang = ctx.pathParam("lang");
        if (!Course.isLanguage(lang)) {
            pages.notFound(ctx);
            return;
        }
        String sid = sessions.existing(ctx);
        renderPlayground(ctx, playgroundSpot(lang, sid), null, HttpStatus.OK, sid);
    }

    private HostLabHtml.Spot playgroundSpot(String lang, String sid) {
        LabRecord stored = sid == null ? null : store.lab(sid, LabAddress.playground(SCENARIO).sessionKey()).orElse(null);
        return html.playground(lang, stored == null ? null : stored.spec());
    }

    private void renderPlayground(Context ctx, HostLabHtml.Spot spot, String labHtml, HttpStatus status, String sid) {
        String lang = spot.lang();
        if (labHtml == null) labHtml = html.html(spot, sid, progress.of(sid), null, null);
        Map<String, Object> model = pages.base(lang, "/" + Language.other(lang) + "/play/host");
        model.put("lessons", course.get().lessons(lang));
        model.put("labTitle", spot.title());
        model.put("labHtml", labHtml);
        model.put("scenarioKey", SCENARIO);
        Pages.html(ctx.status(status), views.page("lab/page", lang, model));
    }

    // ---- GET /{lang}/lab/host?…: a replay link, shown without a session

    void replay(Context ctx) {
        String lang = ctx.pathParam("lang");
        if (!Course.isLanguage(lang)) {
            pages.notFound(ctx);
            return;
        }
        LabSpec spec = checked(ctx, lang, ctx.queryParamMap());
        if (spec == null) return;
        HostLabs.Lab lab = new HostLabs.Lab(new LabRecord(spec, 0), html.labs().snapshot(spec));
        HostLabHtml.Spot spot = html.playground(lang, spec);
        HostView view = html.view(spot, Progress.NONE, null, lab, true);
        Map<String, Object> model = pages.base(lang, "/" + Language.other(lang) + "/lab/host?" + spec.query());
        model.put("lessons", course.get().lessons(lang));
        model.put("labTitle", spot.title());
        model.put("labHtml", html.render(view));
        model.put("v", view);
        model.put("replay", spec);
        model.put("hostParams", spec.host().toParams());
        model.put("scenarioKey", SCENARIO);
        Pages.html(ctx, views.page("lab/page", lang, model));
    }

    // ---- POST /{lang}/play/host/load: play on from a replay link

    void load(Context ctx) {
        String lang = ctx.pathParam("lang");
        if (!Course.isLanguage(lang)) {
            pages.notFound(ctx);
            return;
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        Form.fields(ctx).forEach((k, v) -> query.put(k, List.of(v)));
        LabSpec spec = checked(ctx, lang, query);
        if (spec == null) return;
        Sessions.Session session = sessions.forChange(ctx);
        LabAddress address = LabAddress.playground(SCENARIO);
        for (int attempt = 0; attempt < 3; attempt++) {
            long version = store.lab(session.id(), address.sessionKey()).map(LabRecord::version).orElse(0L);
            if (store.replaceLab(session.id(), address.sessionKey(), version, new LabRecord(spec, version + 1))) break;
        }
        ctx.redirect(address.pageUrl(lang), HttpStatus.SEE_OTHER);
    }

    /** A host lab's spec from a query, known to replay; null once a 400 page naming the key or word has been sent. */
    private LabSpec checked(Context ctx, String lang, Map<String, List<String>> query) {
        LabSpec spec;
        try {
            spec = ExportRoutes.spec(SCENARIO, query).orElseThrow();
        } catch (LabSpec.BadSpecException e) {
            badReplay(ctx, lang, messages.get(lang, "host.error.setting", e.key(), messages.get(lang, e.messageKey(), e.args().toArray())));
            return null;
        }
        if (spec.actions().size() > tcplab.web.lab.Labs.MAX_ACTIONS) {
            badReplay(ctx, lang, messages.get(lang, "replay.error.tooMany", spec.actions().size()));
            return null;
        }
        try {
            spec.replayHost();
        } catch (BadActionException e) {
            badReplay(ctx, lang, messages.get(lang, "replay.error.word", e.word(), e.position(),
                    messages.get(lang, "lab.error.problem." + e.problem().name(), e.word())));
            return null;
        }
        return spec;
    }

    private void badReplay(Context ctx, String lang, String text) {
        Map<String, Object> model = pages.base(lang, "/" + Language.other(lang) + "/");
        model.put("lessons", course.get().lessons(lang));
        model.put("message", text);
        ctx.attribute(Pages.RENDERED, true);
        Pages.html(ctx.status(HttpStatus.BAD_REQUEST), views.page("lab/bad-replay", lang, model));
    }

    // ---- POST /{lang}/play/host and a lesson's host lab: actions and settings

    void actInPlayground(Context ctx) {
        String lang = ctx.pathParam("lang");
        if (!Course.isLanguage(lang)) {
            pages.notFound(ctx);
            return;
        }
        ctx.header("Vary", "HX-Request");
        Sessions.Session session = sessions.forChange(ctx);
        act(ctx, playgroundSpot(lang, session.id()), session);
    }

    void actInLesson(Context ctx, Lesson lesson, LabBlock block) {
        ctx.header("Vary", "HX-Request");
        act(ctx, html.of(lesson, block), sessions.forChange(ctx));
    }

    private void act(Context ctx, HostLabHtml.Spot spot, Sessions.Session session) {
        String lang = spot.lang();
        if (session.lost()) {
            respond(ctx, spot, session.id(), HttpStatus.OK, notice(lang, "info", "lab.notice.expired"), null);
            return;
        }
        String versionText = Form.field(ctx, "version");
        if (!Form.digits(versionText, 15)) {
            respond(ctx, spot, session.id(), HttpStatus.BAD_REQUEST, notice(lang, "error", "lab.error.version"), null);
            return;
        }
        long version = Long.parseLong(versionText);
        String word = Form.field(ctx, "do");
        HostLabs labs = html.labs();
        if ("settings".equals(word)) {
            LabSpec spec;
            try {
                spec = settings(ctx, spot.start().spec());
            } catch (LabSpec.BadSpecException e) {
                respond(ctx, spot, session.id(), HttpStatus.BAD_REQUEST,
                        new LabView.Notice("error", messages.get(lang, "host.error.setting", e.key(), messages.get(lang, e.messageKey(), e.args().toArray()))), null);
                return;
            }
            finish(ctx, spot, session.id(), labs.restart(session.id(), spot.address(), spot.start(), version, spec));
            return;
        }
        Command command;
        try {
            command = command(ctx, word);
        } catch (BadInput e) {
            respond(ctx, spot, session.id(), HttpStatus.BAD_REQUEST, new LabView.Notice("error", messages.get(lang, e.key, e.args)), null);
            return;
        }
        finish(ctx, spot, session.id(), labs.act(session.id(), spot.address(), spot.start(), version, command));
    }

    // ---- POST /{lang}/lessons/{slug}/labs/{n}/predict for a host lab

    void predict(Context ctx, Lesson lesson, LabBlock block) {
        ctx.header("Vary", "HX-Request");
        HostLabHtml.Spot spot = html.of(lesson, block);
        Sessions.Session session = sessions.forChange(ctx);
        String lang = spot.lang();
        String versionText = Form.field(ctx, "version");
        Integer q = Form.smallNumber(Form.field(ctx, "q"));
        Integer choice = Form.smallNumber(Form.field(ctx, "choice"));
        PredictBlock predict = q == null ? null : spot.predictions().stream().filter(p -> p.index() == q).findFirst().orElse(null);
        if (!Form.digits(versionText, 15) || predict == null || choice == null || choice >= predict.question().choices().size()) {
            respond(ctx, spot, session.id(), HttpStatus.BAD_REQUEST, notice(lang, "error", "lab.error.choice"), null);
            return;
        }
        long version = Long.parseLong(versionText);
        HostLabs.Lab lab = html.current(session.id(), spot);
        if (lab.version() != version || !lab.record().actionList().equals(predict.after())) {
            finish(ctx, spot, session.id(), new HostLabs.Conflict(lab));
            return;
        }
        store.answerPrediction(session.id(), Progress.key(spot.progressSlug(), predict.index()), choice);
        finish(ctx, spot, session.id(), html.labs().act(session.id(), spot.address(), spot.start(), version, new Command.Act("next")));
    }

    /** The settings form's spec: the start's seed and profile with the posted host keys. */
    private static LabSpec settings(Context ctx, LabSpec start) {
        Map<String, String> host = new LinkedHashMap<>();
        Form.fields(ctx).forEach((k, v) -> {
            if (!HostSettings.isHostKey(k)) return;
            if (k.equals("keepalive") && v.equals("none")) return;
            host.put(k, v);
        });
        return LabSpec.parseHost("", start.seed() == null ? null : start.seed().toString(), start.profile().key(), host);
    }

    private void finish(Context ctx, HostLabHtml.Spot spot, String sid, HostLabs.Outcome outcome) {
        String lang = spot.lang();
        if (outcome instanceof HostLabs.Accepted accepted) {
            if (Pages.isHtmx(ctx)) Pages.html(ctx, html.html(spot, sid, progress.of(sid), null, accepted.lab()));
            else ctx.redirect(spot.address().pageUrl(lang), HttpStatus.SEE_OTHER);
        } else if (outcome instanceof HostLabs.Conflict) {
            respond(ctx, spot, sid, HttpStatus.CONFLICT, notice(lang, "error", "lab.error.conflict"), outcome.lab());
        } else if (outcome instanceof HostLabs.Rejected rejected) {
            String text = messages.has(lang, "lab.error." + rejected.problem())
                    ? messages.get(lang, "lab.error." + rejected.problem(), rejected.detail())
                    : messages.get(lang, "lab.error.generic", rejected.detail());
            respond(ctx, spot, sid, HttpStatus.BAD_REQUEST, new LabView.Notice("error", text), outcome.lab());
        }
    }

    private void respond(Context ctx, HostLabHtml.Spot spot, String sid, HttpStatus status, LabView.Notice notice, HostLabs.Lab lab) {
        String labHtml = html.html(spot, sid, progress.of(sid), notice, lab);
        if (Pages.isHtmx(ctx)) {
            Pages.html(ctx.status(status), labHtml);
        } else if (spot.inLesson()) {
            lessonPages.render(ctx, spot.lesson(), sid, Map.of(spot.block().index(), labHtml), status);
        } else {
            renderPlayground(ctx, spot, labHtml, status, sid);
        }
    }

    private LabView.Notice notice(String lang, String kind, String key) {
        return new LabView.Notice(kind, messages.get(lang, key), true);
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

    /** The form's word: a control (back, reset, end), a flood or wait with its number field, a send with its text, or a host-lab word. */
    private static Command command(Context ctx, String word) throws BadInput {
        if (word == null || word.isEmpty()) throw new BadInput("lab.error.noAction");
        if (word.length() > MAX_WORD) throw new BadInput("lab.error.tooLongField");
        switch (word) {
            case "back": return new Command.Back();
            case "reset": return new Command.Reset();
            case "end": return new Command.PlayToEnd();
            case "flood": return act("flood:" + number(Form.field(ctx, "n")));
            case "wait": return act("wait:" + number(Form.field(ctx, "ms")));
            default: break;
        }
        if (word.startsWith("send:") && word.indexOf(':', 5) < 0) {
            String text = Form.field(ctx, "text");
            if (text == null || text.isEmpty()) throw new BadInput("lab.error.emptyText");
            int bytes = text.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > 64) throw new BadInput("lab.error.textTooLong", bytes);
            HostAction.Target target;
            try {
                target = ((HostAction.Close) HostAction.parse("close:" + word.substring(5))).target();
            } catch (BadActionException e) {
                throw new BadInput("lab.error.unknownAction", word);
            }
            return new Command.Act(new HostAction.Send(target, text).word());
        }
        return act(word);
    }

    private static Command act(String word) throws BadInput {
        try {
            return new Command.Act(HostAction.parse(word).word());
        } catch (BadActionException e) {
            throw new BadInput("lab.error.unknownAction", word);
        }
    }

    private static String number(String text) {
        return text == null ? "" : text.trim();
    }

    /** Finds a lesson's host lab block from the path, if the path names one. */
    static Optional<LabBlock> hostBlock(Optional<Lesson> lesson, String n) {
        return lesson.flatMap(l -> LabSpots.indexed(l.labs(), n)).filter(LabBlock::isHostLab);
    }
}
