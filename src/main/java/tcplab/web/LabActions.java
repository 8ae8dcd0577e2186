package tcplab.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import tcplab.lesson.PredictBlock;
import tcplab.sim.Action;
import tcplab.sim.BadActionException;
import tcplab.sim.HostAction;
import tcplab.sim.LabSpec;
import tcplab.sim.Send;
import tcplab.sim.Side;
import tcplab.sim.host.HostSettings;
import tcplab.web.lab.Command;
import tcplab.web.lab.LabView;
import tcplab.web.lab.Labs;
import tcplab.web.lab.ShownLab;
import tcplab.web.session.Progress;
import tcplab.web.session.SessionStore;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a learner does to a lab of either kind, in a lesson or in the playground: actions (and a
 * host lab's settings), predictions and the header inspector. Input is read before any session
 * is made, so a request answered 400 makes none. Each POST answers an htmx request with the lab it
 * changed and anything else with a redirect back to the page at the lab (Vary: HX-Request).
 */
record LabActions(Labs labs, Sessions sessions, SessionStore store, Messages messages, Pages pages,
                  LessonProgress progress, LabSpots spots, LabHtml labHtml, LessonPages lessonPages,
                  PlaygroundPages playgroundPages) {

    private static final int MAX_WORD = 200;

    // ---- POST /{lang}/lessons/{slug}/labs/{n} and /{lang}/play/{scenario}, connection labs and host labs alike

    void act(Context ctx) {
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
        Request request;
        try {
            request = request(ctx, found.get().start().spec());
        } catch (BadInput e) {
            respond(ctx, found.get(), existing, HttpStatus.BAD_REQUEST, new LabView.Notice("error", e.text(messages, lang)), null);
            return;
        }
        Optional<LabSpots.Opened> opened = opened(ctx);
        if (opened.isEmpty()) return;
        LabSpot spot = opened.get().spot();
        String sid = opened.get().session().id();
        finish(ctx, spot, sid, request instanceof Restart restart
                ? labs.restart(sid, spot.address(), spot.start(), version, restart.spec())
                : labs.act(sid, spot.address(), spot.start(), version, ((Act) request).command()));
    }

    // ---- POST /{lang}/lessons/{slug}/labs/{n}/predict

    void predict(Context ctx) {
        // the answer is read before any session is made for it: a bad one makes none
        String existing = sessions.existing(ctx);
        Optional<LabSpot> found = spots.forView(ctx, existing);
        if (found.isEmpty()) return;
        Long version = version(ctx);
        Integer q = Form.smallNumber(Form.field(ctx, "q"));
        Integer choice = Form.smallNumber(Form.field(ctx, "choice"));
        PredictBlock predict = q == null ? null
                : found.get().predictions().stream().filter(p -> p.index() == q).findFirst().orElse(null);
        if (version == null || predict == null || choice == null || choice >= predict.question().choices().size()) {
            respond(ctx, found.get(), existing, HttpStatus.BAD_REQUEST, notice(found.get().lang(), "error", "lab.error.choice"), null);
            return;
        }
        Optional<LabSpots.Opened> opened = opened(ctx);
        if (opened.isEmpty()) return;
        LabSpot spot = opened.get().spot();
        Sessions.Session session = opened.get().session();
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
        if (n == null || n < 1 || n > lab.snapshot().segmentCount()) {
            if (Pages.isHtmx(ctx)) {
                Pages.notice(ctx.status(HttpStatus.BAD_REQUEST), messages.get(spot.lang(), "lab.error.noSegment"));
            } else {
                LabView.Notice notice = notice(spot.lang(), "error", "lab.error.noSegment");
                renderPage(ctx, spot, sid, labHtml.render(labHtml.view(spot, Progress.NONE, notice, lab)), HttpStatus.BAD_REQUEST);
            }
            return;
        }
        ShownLab inspecting = labHtml.inspecting(spot, progress.of(sid), lab, n);
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

    /** A request's lab command that cannot be read: the message key and its arguments (a {@link Said} is itself worded). */
    private static final class BadInput extends Exception {
        final String key;
        final Object[] args;

        BadInput(String key, Object... args) {
            super(key, null, false, false);
            this.key = key;
            this.args = args;
        }

        String text(Messages messages, String lang) {
            Object[] worded = args.clone();
            for (int i = 0; i < worded.length; i++) {
                if (worded[i] instanceof Said said) worded[i] = messages.get(lang, said.key(), said.args());
            }
            return messages.get(lang, key, worded);
        }
    }

    /** A message of its own inside another one's arguments. */
    private record Said(String key, Object[] args) {}

    /** What a lab form asks: a command on the lab, or (a host lab's settings form) starting over at another spec. */
    private sealed interface Request {}

    private record Act(Command command) implements Request {}

    private record Restart(LabSpec spec) implements Request {}

    /**
     * The form's word, read for the lab's kind: a control (back, reset, end), a send with its
     * text field, a host lab's flood or wait with its number field or its settings form, or an
     * action word of the lab's kind, checked for its shape (whether it applies is the lab's to say).
     */
    private static Request request(Context ctx, LabSpec start) throws BadInput {
        String word = Form.field(ctx, "do");
        if (word == null || word.isEmpty()) throw new BadInput("lab.error.noAction");
        if (word.length() > MAX_WORD) throw new BadInput("lab.error.tooLongField");
        switch (word) {
            case "back": return new Act(new Command.Back());
            case "reset": return new Act(new Command.Reset());
            case "end": return new Act(new Command.PlayToEnd());
            default: break;
        }
        boolean host = start.isHostLab();
        if (host && word.equals("settings")) return new Restart(settings(ctx, start));
        if (host && word.equals("flood")) return act(start, "flood:" + trimmed(Form.field(ctx, "n")));
        if (host && word.equals("wait")) return act(start, "wait:" + trimmed(Form.field(ctx, "ms")));
        // send:SIDE in a connection lab, send:HOST or send:HOST/K in a host lab: the text comes in its own field
        if (word.startsWith("send:") && word.indexOf(':', 5) < 0) {
            String text = Form.field(ctx, "text");
            if (text == null || text.isEmpty()) throw new BadInput("lab.error.emptyText");
            int bytes = text.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > 64) throw new BadInput("lab.error.textTooLong", bytes);
            return act(start, sendWord(start, word, text));
        }
        return act(start, word);
    }

    /** {@code send:WHO} with its text as one word: WHO a side in a connection lab, a host or connection in a host lab. */
    private static String sendWord(LabSpec start, String word, String text) throws BadInput {
        String who = word.substring("send:".length());
        try {
            if (start.isHostLab()) return new HostAction.Send(((HostAction.Close) HostAction.parse("close:" + who)).target(), text).word();
        } catch (BadActionException e) {
            throw new BadInput("lab.error.unknownAction", word);
        }
        Side side = Side.byKey(who).orElseThrow(() -> new BadInput("lab.error.unknownAction", word));
        return new Send(side, text).word();
    }

    /** The word in its canonical form, when it is one of the lab's kind. */
    private static Act act(LabSpec start, String word) throws BadInput {
        try {
            return new Act(new Command.Act(start.isHostLab() ? HostAction.parse(word).word() : Action.parse(word).word()));
        } catch (BadActionException e) {
            throw new BadInput("lab.error.unknownAction", word);
        }
    }

    /** The settings form's spec: the start's seed and profile with the posted host keys; a bad key is named. */
    private static LabSpec settings(Context ctx, LabSpec start) throws BadInput {
        Map<String, String> host = new LinkedHashMap<>();
        Form.fields(ctx).forEach((k, v) -> {
            if (!HostSettings.isHostKey(k)) return;
            if (k.equals("keepalive") && v.equals("none")) return;
            host.put(k, v);
        });
        try {
            return LabSpec.parseHost("", start.seed() == null ? null : start.seed().toString(), start.profile().key(), host);
        } catch (LabSpec.BadSpecException e) {
            throw new BadInput("host.error.setting", e.key(), new Said(e.messageKey(), e.args().toArray()));
        }
    }

    private static String trimmed(String text) {
        return text == null ? "" : text.trim();
    }
}
