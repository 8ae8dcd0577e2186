package tcplab.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import tcplab.lesson.Course;
import tcplab.lesson.LabBlock;
import tcplab.lesson.Lesson;
import tcplab.sim.LabSpec;
import tcplab.web.lab.LabAddress;
import tcplab.web.lab.Labs;
import tcplab.web.lab.ShownLab;
import tcplab.web.session.LabRecord;
import tcplab.web.session.SessionStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A scenario's playground page, a replay link's page, and playing on from a replay link
 * (templates/lab/page), for connection labs and host labs ({@code /{lang}/play/host},
 * {@code /{lang}/lab/host?…&backlog=…&sysctl.NAME=…}) alike.
 */
record PlaygroundPages(Supplier<Course> course, Labs labs, Sessions sessions, SessionStore store, Views views,
                       Messages messages, Pages pages, LessonProgress progress, LabSpots spots, LabHtml labHtml) {

    // ---- GET /{lang}/play/{scenario}

    void playground(Context ctx) {
        String sid = sessions.existing(ctx);
        Optional<LabSpot> spot = spots.playground(ctx, sid);
        if (spot.isEmpty()) {
            pages.notFound(ctx);
            return;
        }
        render(ctx, spot.get(), sid, null, HttpStatus.OK);
    }

    /** The playground page around the lab's HTML ({@code html} null: the session's lab as it is). */
    void render(Context ctx, LabSpot spot, String sid, String html, HttpStatus status) {
        String lang = spot.lang();
        if (html == null) html = labHtml.html(spot, sid, progress.of(sid), null, null);
        Map<String, Object> model = pages.base(lang, "/" + Language.other(lang) + "/play/" + spot.address().scenario());
        model.put("lessons", course.get().lessons(lang));
        model.put("labTitle", spot.title());
        model.put("labHtml", html);
        model.put("scenarioKey", spot.address().scenario());
        model.put("lessonLink", lessonLink(lang, spot.address().scenario()));
        Pages.html(ctx.status(status), views.page("lab/page", lang, model));
    }

    /** Where a lab of a scenario is taught: the first lesson with a lab of it (at that lab), or null. */
    record LessonLink(String url, String title) {}

    private LessonLink lessonLink(String lang, String scenario) {
        for (Lesson lesson : course.get().lessons(lang)) {
            for (LabBlock lab : lesson.labs()) {
                if (lab.scenario().equals(scenario)) {
                    return new LessonLink("/" + lang + "/lessons/" + lesson.slug() + "#" + lab.anchor(), lesson.title());
                }
            }
        }
        return null;
    }

    // ---- POST /{lang}/play/{scenario}/load: play on from a replay link

    void load(Context ctx) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        Form.fields(ctx).forEach((k, v) -> fields.put(k, List.of(v)));
        ReplayRequest request = replayRequest(ctx, fields);
        if (request == null) return;
        Sessions.Session session = sessions.forChange(ctx);
        LabAddress address = LabAddress.playground(request.spec().scenarioKey());
        for (int attempt = 0; attempt < 3; attempt++) {
            long version = store.lab(session.id(), address.sessionKey()).map(LabRecord::version).orElse(0L);
            LabRecord next = new LabRecord(request.spec(), version + 1);
            if (store.replaceLab(session.id(), address.sessionKey(), version, next)) break;
        }
        ctx.redirect(address.pageUrl(request.lang()), HttpStatus.SEE_OTHER);
    }

    // ---- GET /{lang}/lab/{scenario}?actions=…: a replay link, shown without a session

    void replay(Context ctx) {
        ReplayRequest request = replayRequest(ctx, ctx.queryParamMap());
        if (request == null) return;
        String lang = request.lang();
        LabSpec spec = request.spec();
        String key = spec.scenarioKey();
        Labs.Lab lab = new Labs.Lab(new LabRecord(spec, 0), labs.snapshot(spec));
        ShownLab view = labHtml.replayView(lang, lab, new Labs.Start(spec.withActions(List.of())));
        Map<String, Object> model = pages.base(lang, "/" + Language.other(lang) + "/lab/" + key + "?" + view.shareQuery());
        model.put("lessons", course.get().lessons(lang));
        model.put("v", view);
        model.put("labHtml", labHtml.render(view));
        model.put("replay", spec);
        if (spec.isHostLab()) model.put("hostParams", spec.host().toParams());
        model.put("scenarioKey", key);
        model.put("lessonLink", lessonLink(lang, key));
        Pages.html(ctx, views.page("lab/page", lang, model));
    }

    /** A replay link's language and checked spec. */
    private record ReplayRequest(String lang, LabSpec spec) {}

    /** The replay request of {@code ctx}, or null once it has been answered with a 404 or a 400 page. */
    private ReplayRequest replayRequest(Context ctx, Map<String, List<String>> query) {
        String lang = ctx.pathParam("lang");
        Optional<LabSpec> spec;
        try {
            spec = ExportRoutes.spec(ctx.pathParam("scenario"), query);
        } catch (LabSpec.BadSpecException e) {
            if (!Course.isLanguage(lang)) {
                pages.notFound(ctx);
                return null;
            }
            replayError(ctx, lang, Replays.refusal(e));
            return null;
        }
        if (!Course.isLanguage(lang) || spec.isEmpty()) {
            pages.notFound(ctx);
            return null;
        }
        try {
            return new ReplayRequest(lang, Replays.check(spec.get()));
        } catch (Replays.Refused refused) {
            replayError(ctx, lang, refused.error);
            return null;
        }
    }

    private void replayError(Context ctx, String lang, Replays.Error error) {
        Map<String, Object> model = pages.base(lang, "/" + Language.other(lang) + "/");
        model.put("lessons", course.get().lessons(lang));
        String text = error.position() > 0
                ? messages.get(lang, "replay.error.word", error.word(), error.position(), messages.get(lang, "lab.error.problem." + error.problem(), error.word()))
                : error.detail() != null ? messages.get(lang, "host.error.setting", error.word(),
                        messages.get(lang, error.detail().messageKey(), error.detail().args().toArray()))
                : messages.get(lang, "replay.error." + error.problem(), error.word());
        model.put("message", text);
        ctx.attribute(Pages.RENDERED, true);
        Pages.html(ctx.status(HttpStatus.BAD_REQUEST), views.page("lab/bad-replay", lang, model));
    }
}
