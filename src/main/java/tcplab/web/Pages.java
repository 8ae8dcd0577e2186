package tcplab.web;

import io.javalin.http.Context;
import tcplab.lesson.Course;
import tcplab.lesson.LessonFormatException;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** The course's pages: home per language, lessons, and the not-found page inside the layout. */
final class Pages {

    /** Set on a request whose error page is already rendered, so the 404 mapper leaves it alone. */
    static final String RENDERED = "tcplab.rendered";

    private final Supplier<Course> course;
    private final Views views;
    private final Assets assets;

    private final Messages messages;
    private final LessonProgress progress;

    Pages(Supplier<Course> course, Views views, Assets assets, Messages messages, LessonProgress progress) {
        this.course = course;
        this.views = views;
        this.assets = assets;
        this.messages = messages;
        this.progress = progress;
    }

    void root(Context ctx) {
        ctx.header("Vary", "Accept-Language");
        ctx.redirect("/" + Language.preferred(ctx.header("Accept-Language")) + "/", io.javalin.http.HttpStatus.FOUND);
    }

    void home(Context ctx) {
        String lang = ctx.pathParam("lang");
        if (!Course.isLanguage(lang)) {
            notFound(ctx);
            return;
        }
        Map<String, Object> model = base(lang, "/" + Language.other(lang) + "/");
        model.put("lessons", course.get().lessons(lang));
        model.put("progress", progress.marks(ctx, course.get().lessons(lang)));
        model.put("home", true); // the outline is the course list: the layout leaves out its own
        html(ctx, views.page("lesson/home", lang, model));
    }

    /** A 404 inside the layout, in the language the path asked for when it names one. */
    void notFound(Context ctx) {
        String lang = languageOf(ctx);
        ctx.attribute(RENDERED, true);
        html(ctx.status(404), views.page("error", lang, errorModel(lang, "notFound")));
    }

    /** A 404 where the request asked: a notice for htmx to put in place, the page otherwise. */
    void notFoundHere(Context ctx) {
        if (isHtmx(ctx)) {
            String lang = languageOf(ctx);
            ctx.attribute(RENDERED, true);
            notice(ctx.status(404), messages.get(lang, "lab.error.unknownLab"));
        } else {
            notFound(ctx);
        }
    }

    /** An error notice alone, for htmx to put in place of what asked. Its text is the site's own. */
    static void notice(Context ctx, String text) {
        html(ctx, "<p class=\"notice notice-error\" role=\"alert\">" + text + "</p>");
    }

    static boolean isHtmx(Context ctx) {
        return "true".equals(ctx.header("HX-Request"));
    }

    /** A template's fragment as the whole answer (an htmx swap). */
    void fragment(Context ctx, String template, String name, String lang, Map<String, Object> model) {
        Map<String, Object> full = new HashMap<>(model);
        full.put("lang", lang);
        html(ctx, views.fragment(template, name, lang, full));
    }

    /**
     * A lesson whose file is broken, in development (a packaged site does not start with one):
     * the error page in the layout, saying which file, block and line is wrong and how.
     */
    void brokenLesson(Context ctx, LessonFormatException problem) {
        String lang = languageOf(ctx);
        ctx.attribute(RENDERED, true);
        ctx.header("Cache-Control", "no-store");
        Map<String, Object> model = errorModel(lang, "brokenLesson");
        model.put("problem", problem);
        html(ctx.status(500), views.page("error", lang, model));
    }

    /**
     * 503 when the session store cannot be reached: for htmx a notice put at the top of the
     * region that asked (the region itself stays as it was), otherwise a page. Nothing was changed.
     */
    void unavailable(Context ctx) {
        String lang = languageOf(ctx);
        ctx.status(503).header("Retry-After", "5").header("Cache-Control", "no-store");
        if (isHtmx(ctx)) {
            String target = ctx.header("HX-Target");
            ctx.header("HX-Retarget", target != null && ELEMENT_ID.matcher(target).matches() ? "#" + target : "#main");
            ctx.header("HX-Reswap", "afterbegin");
            html(ctx, views.fragment("error", "unavailableNotice", lang, Map.of("lang", lang)));
        } else {
            html(ctx, views.page("error", lang, errorModel(lang, "unavailable")));
        }
    }

    private static final Pattern ELEMENT_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,100}");

    private static String languageOf(Context ctx) {
        return Language.of(ctx);
    }

    private Map<String, Object> errorModel(String lang, String kind) {
        Map<String, Object> model = base(lang, "/" + Language.other(lang) + "/");
        model.put("lessons", course.get().lessons(lang));
        model.put("kind", kind);
        return model;
    }

    /**
     * An HTML answer. Every page may show a learner's progress or session state (marks in the
     * contents, their labs), so none is kept by a shared cache or the browser's disk cache.
     */
    static void html(Context ctx, String body) {
        privateAnswer(ctx).contentType("text/html; charset=utf-8").result(body);
    }

    static Context privateAnswer(Context ctx) {
        return ctx.header("Cache-Control", "private, no-store");
    }

    Map<String, Object> base(String lang, String otherLangUrl) {
        Map<String, Object> model = new HashMap<>();
        model.put("lang", lang);
        model.put("otherLang", Language.other(lang));
        model.put("otherLangUrl", otherLangUrl);
        model.put("assets", assets);
        return model;
    }
}
