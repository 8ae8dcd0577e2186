package tcplab.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import tcplab.lesson.PredictBlock;
import tcplab.sim.Action;
import tcplab.sim.BadActionException;
import tcplab.sim.Send;
import tcplab.sim.Side;
import tcplab.web.lab.Command;
import tcplab.web.lab.LabView;
import tcplab.web.lab.Labs;
import tcplab.web.session.Progress;
import tcplab.web.session.SessionStore;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * What a learner does to a lab, in a lesson or in the playground: actions, predictions and the
 * header inspector (templates/lab/lab). Each POST answers an htmx request with the lab it
 * changed and anything else with a redirect back to the page at the lab (Vary: HX-Request).
 */
record LabActions(Labs labs, Sessions sessions, SessionStore store, Messages messages, Pages pages,
                  LessonProgress progress, LabSpots spots, LabHtml labHtml, LessonPages lessonPages,
                  PlaygroundPages playgroundPages, HostPages host) {

    private static final int MAX_WORD = 200;

    // ---- POST /{lang}/lessons/{slug}/labs/{n} and /{lang}/play/{scenario}

    void act(Context ctx) {
        if (HostPages.isHost(ctx)) {
            host.actInPlayground(ctx);
            return;
        }
        if (hostBlock(ctx)) return;
        // a form that cannot be read is answered before any session is made for it
        String existing = sessions.existing(ctx);
        Optional<LabSpot> found = spots.forView(ctx, existing);
        if (found.isEmpty()) return;
        String lang = found.get().lang();
        Long version = version(ctx);
        if (version == null) {
            respond(ctx, found.get(), existing, HttpStatus.BAD_REQUEST, notice(lang, "error", "lab.error.version"), null);
            return;
        }
        Command command;
        try {
            command = command(ctx);
        } catch (BadInput e) {
            respond(ctx, found.get(), existing, HttpStatus.BAD_REQUEST, new LabView.Notice("error", messages.get(lang, e.key, e.args)), null);
            return;
        }
        Optional<LabSpots.Opened> opened = opened(ctx);
        if (opened.isEmpty()) return;
        LabSpot spot = opened.get().spot();
        Sessions.Session session = opened.get().session();
        finish(ctx, spot, session.id(), labs.act(session.id(), spot.address(), spot.start(), version, command));
    }

    /** True once a lesson's host lab block has been handed to {@link HostPages}. */
    private boolean hostBlock(Context ctx) {
        if (!ctx.pathParamMap().containsKey("slug")) return false;
        var lesson = spots.lessonOf(ctx);
        var block = HostPages.hostBlock(lesson, ctx.pathParam("n"));
        if (block.isEmpty()) return false;
        host.actInLesson(ctx, lesson.get(), block.get());
        return true;
    }

    // ---- POST /{lang}/lessons/{slug}/labs/{n}/predict

    void predict(Context ctx) {
        var lesson = spots.lessonOf(ctx);
        var block = HostPages.hostBlock(lesson, ctx.pathParam("n"));
        if (block.isPresent()) {
            host.predict(ctx, lesson.get(), block.get());
            return;
        }
        Optional<LabSpots.Opened> opened = opened(ctx);
        if (opened.isEmpty()) return;
        LabSpot spot = opened.get().spot();
        Sessions.Session session = opened.get().session();
        String lang = spot.lang();
        Long version = version(ctx);
        Integer q = Form.smallNumber(Form.field(ctx, "q"));
        Integer choice = Form.smallNumber(Form.field(ctx, "choice"));
        PredictBlock predict = q == null ? null
                : spot.predictions().stream().filter(p -> p.index() == q).findFirst().orElse(null);
        if (version == null || predict == null || choice == null || choice >= predict.question().choices().size()) {
            respond(ctx, spot, session.id(), HttpStatus.BAD_REQUEST, notice(lang, "error", "lab.error.choice"), null);
            return;
        }
        Labs.Lab lab = labHtml.current(session.id(), spot);
        if (lab.version() != version || !lab.record().actionList().equals(predict.after())) {
            finish(ctx, spot, session.id(), new Labs.Conflict(lab));
            return;
        }
        store.answerPrediction(session.id(), Progress.key(spot.progressSlug(), predict.index()), choice);
        finish(ctx, spot, session.id(), labs.act(session.id(), spot.address(), spot.start(), version, new Command.Act("next")));
    }

    // ---- GET …/labs/{n}/inspect?seg=K and /{lang}/play/{scenario}/inspect?seg=K: the header inspector

    void inspect(Context ctx) {
        String sid = sessions.existing(ctx);
        Optional<LabSpot> found = spots.forView(ctx, sid);
        if (found.isEmpty()) return;
        LabSpot spot = found.get();
        Labs.Lab lab = labHtml.current(sid, spot);
        Integer n = Form.smallNumber(ctx.queryParam("seg"));
        if (n == null || n < 1 || n > lab.snapshot().segments().size()) {
            if (Pages.isHtmx(ctx)) {
                Pages.notice(ctx.status(HttpStatus.BAD_REQUEST), messages.get(spot.lang(), "lab.error.noSegment"));
            } else {
                LabView.Notice notice = notice(spot.lang(), "error", "lab.error.noSegment");
                renderPage(ctx, spot, sid, labHtml.render(labHtml.view(spot, Progress.NONE, notice, lab)), HttpStatus.BAD_REQUEST);
            }
            return;
        }
        LabView inspecting = labHtml.view(spot, progress.of(sid), null, lab).inspecting(lab.snapshot(), n, messages);
        if (Pages.isHtmx(ctx)) pages.fragment(ctx, "lab/lab", "inspector", spot.lang(), Map.of("v", inspecting));
        else renderPage(ctx, spot, sid, labHtml.render(inspecting), HttpStatus.OK);
    }

    /**
     * The lab a change is about and the session to change; empty once answered: a 404, or the
     * lab afresh with a notice when the learner's session had expired.
     */
    private Optional<LabSpots.Opened> opened(Context ctx) {
        Optional<LabSpots.Opened> opened = spots.forChange(ctx);
        if (opened.isPresent() && opened.get().session().lost()) {
            LabSpot spot = opened.get().spot();
            respond(ctx, spot, opened.get().session().id(), HttpStatus.OK, notice(spot.lang(), "info", "lab.notice.expired"), null);
            return Optional.empty();
        }
        return opened;
    }

    // ---- answers

    private void finish(Context ctx, LabSpot spot, String sid, Labs.Outcome outcome) {
        String lang = spot.lang();
        if (outcome instanceof Labs.Accepted accepted) {
            if (Pages.isHtmx(ctx)) {
                Pages.privateAnswer(ctx).contentType("text/html; charset=utf-8").result(labHtml.bytes(spot, progress.of(sid), accepted.lab()));
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
    private void respond(Context ctx, LabSpot spot, String sid, HttpStatus status, LabView.Notice notice, Labs.Lab lab) {
        String html = labHtml.html(spot, sid, progress.of(sid), notice, lab);
        if (Pages.isHtmx(ctx)) Pages.html(ctx.status(status), html);
        else renderPage(ctx, spot, sid, html, status);
    }

    /** The page the lab sits on, with this request's rendering of the lab. */
    private void renderPage(Context ctx, LabSpot spot, String sid, String html, HttpStatus status) {
        if (spot instanceof LabSpot.InLesson in) {
            lessonPages.render(ctx, in.lesson(), sid, Map.of(in.block().index(), html), status);
        } else {
            playgroundPages.render(ctx, spot, sid, html, status);
        }
    }

    private LabView.Notice notice(String lang, String kind, String key) {
        return new LabView.Notice(kind, messages.get(lang, key), true);
    }

    // ---- input

    private static Long version(Context ctx) {
        String value = Form.field(ctx, "version");
        return Form.digits(value, 15) ? Long.parseLong(value) : null;
    }

    /** A request's lab command that cannot be read: the message key and its arguments. */
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
            return new Command.Act(new Send(side, text).word());
        }
        try {
            return new Command.Act(Action.parse(word).word());
        } catch (BadActionException e) {
            throw new BadInput("lab.error.unknownAction", word);
        }
    }
}
