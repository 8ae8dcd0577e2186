package tcplab.web;

import io.javalin.http.Context;
import tcplab.lesson.Course;
import tcplab.lesson.LabBlock;
import tcplab.lesson.Lesson;
import tcplab.sim.LabSpec;
import tcplab.web.lab.LabAddress;
import tcplab.web.lab.Labs;
import tcplab.web.session.LabRecord;
import tcplab.web.session.SessionStore;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds the lab a request names: {@code /{lang}/lessons/{slug}/labs/{n}/…} or
 * {@code /{lang}/play/{scenario}/…}. The opening every lab request shares (Vary, look-up, 404)
 * is written here once.
 */
record LabSpots(Supplier<Course> course, SessionStore store, Sessions sessions, Pages pages, LabHtml html) {

    /** A spot and the session a request acts in. */
    record Opened(LabSpot spot, Sessions.Session session) {}

    /**
     * The lab a state-changing request is about, and the session to change: empty once a 404 has
     * been answered. A lesson's unknown lab makes no session.
     */
    Optional<Opened> forChange(Context ctx) {
        ctx.header("Vary", "HX-Request");
        // found first, so a request for a lab that does not exist makes no session
        Optional<LabSpot> found = inPlayground(ctx) ? playground(ctx, sessions.existing(ctx)) : lesson(ctx);
        if (found.isEmpty()) {
            pages.notFoundHere(ctx);
            return Optional.empty();
        }
        Sessions.Session session = sessions.forChange(ctx);
        // the playground's start comes from the session (a replay link played on keeps its seed)
        LabSpot spot = inPlayground(ctx) && !session.fresh() ? playground(ctx, session.id()).orElseThrow() : found.get();
        return Optional.of(new Opened(spot, session));
    }

    /** The lab a request only looks at, for the learner's existing session ({@code sid}, may be null). */
    Optional<LabSpot> forView(Context ctx, String sid) {
        ctx.header("Vary", "HX-Request");
        Optional<LabSpot> spot = inPlayground(ctx) ? playground(ctx, sid) : lesson(ctx);
        if (spot.isEmpty()) pages.notFoundHere(ctx);
        return spot;
    }

    private static boolean inPlayground(Context ctx) {
        return ctx.pathParamMap().containsKey("scenario");
    }

    LabSpot of(Lesson lesson, LabBlock block) {
        String title = block.title() != null ? block.title() : html.labTitle(lesson.lang(), block.scenario());
        return new LabSpot.InLesson(lesson, block, start(block), title);
    }

    Optional<Lesson> lessonOf(Context ctx) {
        String lang = ctx.pathParam("lang");
        if (!Course.isLanguage(lang)) return Optional.empty();
        return course.get().lesson(lang, ctx.pathParam("slug"));
    }

    private Optional<LabSpot> lesson(Context ctx) {
        Optional<Lesson> lesson = lessonOf(ctx);
        Optional<LabBlock> block = lesson.flatMap(l -> indexed(l.labs(), ctx.pathParam("n")));
        return block.map(b -> of(lesson.get(), b));
    }

    /** The playground lab of the path's scenario, or empty (404) when the language or scenario is unknown. */
    Optional<LabSpot> playground(Context ctx, String sid) {
        String lang = ctx.pathParam("lang");
        String key = ctx.pathParam("scenario");
        Optional<LabSpec> fresh = LabSpec.parse(key, null, null, null, Map.of());
        if (!Course.isLanguage(lang) || fresh.isEmpty()) return Optional.empty();
        LabAddress address = LabAddress.playground(key);
        // a playground lab started from a replay link keeps that link's seed and profile (and a host lab its settings)
        LabRecord stored = sid == null ? null : store.lab(sid, address.sessionKey()).orElse(null);
        LabSpec start = stored != null && stored.spec().scenarioKey().equals(key) ? stored.spec().withActions(List.of()) : fresh.get();
        return Optional.of(new LabSpot.InPlayground(lang, new Labs.Start(start), html.labTitle(lang, key)));
    }

    /** The n-th (from 1) of {@code list}, when {@code n} is a small number in range. */
    static <T> Optional<T> indexed(List<T> list, String n) {
        Integer i = Form.smallNumber(n);
        return i == null || i < 1 || i > list.size() ? Optional.empty() : Optional.of(list.get(i - 1));
    }

    static Labs.Start start(LabBlock block) {
        return new Labs.Start(block.spec(), block.goals());
    }
}
