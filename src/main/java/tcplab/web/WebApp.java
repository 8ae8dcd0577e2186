package tcplab.web;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tcplab.Config;
import tcplab.Resources;
import tcplab.drill.ProgressCode;
import tcplab.ladder.Ladders;
import tcplab.lesson.Course;
import tcplab.lesson.LessonFormatException;
import tcplab.web.lab.Labs;
import tcplab.web.session.MemorySessionStore;
import tcplab.web.session.RedisSessionStore;
import tcplab.web.session.SessionStore;

import java.util.function.Supplier;

/** The whole site: every route is listed in {@link #create}. */
public final class WebApp {

    private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);

    static final String CSP = String.join("; ",
            "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
            "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'");

    private WebApp() {}

    /** How long stopping waits for requests in flight to finish. */
    static final long STOP_TIMEOUT_MS = 10_000;

    public static Javalin create(Config config) {
        return create(config, config.usesRedis() ? new RedisSessionStore(config.redisUrl()) : new MemorySessionStore());
    }

    public static Javalin create(Config config, SessionStore store) {
        Resources resources = Resources.of(config);
        Supplier<Course> course = Course.supplier(resources);
        Messages messages = new Messages(resources);
        Views views = new Views(config, messages);
        Assets assets = new Assets(resources);
        Proxy proxy = new Proxy(config.trustProxy());
        Sessions sessions = new Sessions(store, proxy,
                new NewSessionLimit(config.limits().newSessionsPerMinute(), config.limits().sessionBurst(), System::nanoTime));
        LessonProgress progress = new LessonProgress(sessions, store);
        Pages pages = new Pages(course, views, assets, messages, progress);
        Labs labs = new Labs(store);
        LabHtml labHtml = new LabHtml(labs, views, messages,
                (snapshot, lang, links) -> Ladders.inline(snapshot, key -> messages.get(lang, key), links), resources.live(),
                config.publicUrl());
        LabSpots spots = new LabSpots(course, store, sessions, pages, labHtml);
        LessonPages lessons = new LessonPages(course, sessions, store, views, messages, pages, progress, spots, labHtml);
        PlaygroundPages playground = new PlaygroundPages(course, labs, sessions, store, views, messages, pages, progress, spots, labHtml);
        DrillPages drills = new DrillPages(course, sessions, store, views, messages, pages, new ProgressCode(secret(config)),
                System::currentTimeMillis);
        LabActions lab = new LabActions(labs, sessions, store, messages, pages, progress, spots, labHtml, lessons, playground);

        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = config.host();
            cfg.jetty.port = config.port();
            cfg.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
                http.setIdleTimeout(config.limits().idle().toMillis()); // a request that sends nothing for this long ends
            });
            // Stopping lets requests in flight finish (up to STOP_TIMEOUT_MS) while refusing new ones.
            cfg.jetty.modifyServer(server -> {
                server.setStopTimeout(STOP_TIMEOUT_MS);
                server.setErrorHandler(new JettyErrors(CSP));
                server.addEventListener(new LifeCycle.Listener() {
                    @Override public void lifeCycleStarting(LifeCycle event) {
                        // a connection that sends nothing (between requests, or in its headers) for this long is closed
                        for (var connector : server.getConnectors()) {
                            if (connector instanceof AbstractConnector c) c.setIdleTimeout(config.limits().idle().toMillis());
                        }
                    }
                });
            });
            // Outermost first: a body slower than the minimum rate fails; a body is read whole,
            // without a thread, before a handler runs (a slow body holds no thread); requests in
            // flight finish when stopping.
            cfg.jetty.modifyServletContextHandler(context -> {
                context.insertHandler(new GracefulHandler());
                // (up to 4 × Form.MAX_BYTES is held, so the site itself says how large a body may be)
                context.insertHandler(new EagerContentHandler(
                        new EagerContentHandler.RetainedContentLoaderFactory(4 * Form.MAX_BYTES, -1, true)));
                context.insertHandler(new MinimumRate(config.limits().minBytesPerSecond()));
            });
            cfg.http.compressionStrategy = CompressionStrategy.GZIP;
            cfg.http.maxRequestSize = Form.MAX_BYTES;
            cfg.http.generateEtags = false;
            cfg.events.serverStopped(store::close);

            // One before-handler for every request (each one Javalin has to match costs on every request).
            cfg.routes.before(ctx -> {
                securityHeaders(ctx);
                guardChanges(ctx, proxy);
            });

            // Javalin tries a method's routes in the order they are added: lab actions, the most
            // frequent requests, come first (no two routes here match the same path).
            cfg.routes.post("/{lang}/lessons/{slug}/labs/{n}", lab::act);
            cfg.routes.post("/{lang}/play/{scenario}", lab::act);
            cfg.routes.get("/healthz", ctx -> health(ctx, store));
            cfg.routes.get("/static/{hash}/{name}", ctx -> staticFile(ctx, assets));
            cfg.routes.get(assets.htmx(), ctx -> ctx.header("Cache-Control", "public, max-age=31536000, immutable")
                    .contentType(assets.htmxFile().contentType()).result(assets.htmxFile().bytes()));
            // every browser asks for /favicon.ico whatever the page links: the same picture (before /{lang})
            cfg.routes.get("/favicon.ico", ctx -> ctx.header("Cache-Control", "public, max-age=86400")
                    .contentType(assets.find("favicon.svg").orElseThrow().contentType())
                    .result(assets.find("favicon.svg").orElseThrow().bytes()));
            cfg.routes.get("/", pages::root);
            cfg.routes.get("/{lang}", pages::home);
            cfg.routes.get("/{lang}/lessons/{slug}", lessons::lesson);
            cfg.routes.post("/{lang}/lessons/{slug}/labs/{n}/predict", lab::predict);
            cfg.routes.get("/{lang}/lessons/{slug}/labs/{n}/inspect", lab::inspect);
            cfg.routes.get("/{lang}/play/{scenario}/inspect", lab::inspect);
            cfg.routes.post("/{lang}/lessons/{slug}/quizzes/{n}", lessons::quiz);
            cfg.routes.get("/{lang}/lab/{scenario}", playground::replay);
            cfg.routes.get("/{lang}/play/{scenario}", playground::playground);
            cfg.routes.post("/{lang}/play/{scenario}/load", playground::load);
            cfg.routes.get("/{lang}/drills", drills::overview);
            cfg.routes.get("/{lang}/drills/next", drills::next);
            cfg.routes.get("/{lang}/drills/deck/{deck}", drills::deck);
            cfg.routes.get("/{lang}/drills/d/{id}", drills::drill);
            cfg.routes.post("/{lang}/drills/d/{id}", drills::answer);
            cfg.routes.get("/{lang}/drills/round", drills::round);
            cfg.routes.post("/{lang}/drills/round", drills::startRound);
            cfg.routes.post("/{lang}/drills/round/answer", drills::answerRound);
            cfg.routes.get("/{lang}/drills/export", drills::export);
            cfg.routes.get("/{lang}/drills/progress.txt", drills::download);
            cfg.routes.get("/{lang}/drills/import", drills::importPage);
            cfg.routes.post("/{lang}/drills/import", drills::importCode);
            new ExportRoutes(messages).register(cfg.routes);

            cfg.routes.error(404, ctx -> {
                if (ctx.attribute(Pages.RENDERED) == null) pages.notFound(ctx);
            });
            cfg.routes.exception(Refused.class, (e, ctx) -> plain(ctx, e.status, messages.get(Language.of(ctx), e.key)));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> {
                if (e.getStatus() == HttpStatus.NOT_FOUND.getCode()) pages.notFound(ctx);
                else if (e.getStatus() == HttpStatus.CONTENT_TOO_LARGE.getCode()) {
                    plain(ctx, e.getStatus(), messages.get(Language.of(ctx), "error.tooLarge", Form.MAX_BYTES / 1024));
                } else plain(ctx, e.getStatus(), messages.get(Language.of(ctx), "error.badRequest"));
            });
            cfg.routes.exception(SessionStore.Full.class, (e, ctx) ->
                    plain(ctx, HttpStatus.BAD_REQUEST.getCode(), messages.get(Language.of(ctx), "lab.error.sessionFull")));
            cfg.routes.exception(Sessions.TooMany.class, (e, ctx) -> {
                LOG.info("refused a new session for {}: too many lately", proxy.clientAddress(ctx));
                ctx.header("Retry-After", Long.toString(e.retryAfterSeconds));
                plain(ctx, HttpStatus.TOO_MANY_REQUESTS.getCode(), messages.get(Language.of(ctx), "error.tooManySessions", e.retryAfterSeconds));
            });
            cfg.routes.exception(Form.TooSlow.class, (e, ctx) -> {
                LOG.info("dropped a slow request body: {} {} from {} ({})", ctx.method(), ctx.path(), proxy.clientAddress(ctx), e.getMessage());
                ctx.header("Connection", "close");
                plain(ctx, HttpStatus.REQUEST_TIMEOUT.getCode(), messages.get(Language.of(ctx), "error.tooSlow"));
            });
            cfg.routes.exception(LessonFormatException.class, (e, ctx) -> pages.brokenLesson(ctx, e));
            cfg.routes.exception(SessionStore.Unavailable.class, (e, ctx) -> pages.unavailable(ctx)); // the store logs the outage
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                Integer clientError = clientError(e);
                if (clientError != null) {
                    plain(ctx, clientError, messages.get(Language.of(ctx), "error.badRequest"));
                    return;
                }
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType("text/plain; charset=utf-8")
                        .result("Something went wrong on our side. Please try again.\n");
            });
        });
    }

    /**
     * The key that signs exported drill progress: {@code TCPLAB_SECRET}, or without it a random one
     * made now, so this instance's codes stop reading after a restart and other instances refuse them.
     */
    private static byte[] secret(Config config) {
        if (!config.secret().isEmpty()) return config.secret().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        LOG.warn("TCPLAB_SECRET is not set: drill progress codes exported from this instance will not import after a restart "
                + "or on another instance (set the same TCPLAB_SECRET on every instance; see docs/deployment.md)");
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        return random;
    }

    /** A request refused before its handler ran; {@code key} names the message. */
    private static final class Refused extends RuntimeException {
        final int status;
        final String key;

        Refused(int status, String key) {
            super(key, null, false, false);
            this.status = status;
            this.key = key;
        }
    }

    /** The 4xx status of a request Jetty found malformed while we read it (a bad multipart body), or null. */
    private static Integer clientError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.jetty.http.HttpException http && http.getCode() >= 400 && http.getCode() < 500) return http.getCode();
        }
        return null;
    }

    private static void guardChanges(Context ctx, Proxy proxy) {
        if (CrossSite.safeMethod(ctx.method().name())) return;
        if (CrossSite.foreign(ctx.header("Origin"), ctx.header("Referer"), proxy.scheme(ctx), proxy.host(ctx))) {
            LOG.info("refused a cross-site {} {} (Origin {}, Referer {})", ctx.method(), ctx.path(), ctx.header("Origin"), ctx.header("Referer"));
            throw new Refused(HttpStatus.FORBIDDEN.getCode(), "error.crossSite");
        }
        String type = ctx.header("Content-Type");
        if (type != null && !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                && !(Form.boundary(type) != null && Form.takesFiles(ctx.path()))) {
            // Our forms send url-encoded fields, and one a file (Form.takesFiles); anything else (JSON) is not ours.
            throw new Refused(HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(), "error.mediaType");
        }
    }

    private static void plain(Context ctx, int status, String message) {
        ctx.attribute(Pages.RENDERED, true);
        ctx.status(status).contentType("text/plain; charset=utf-8").result(message + "\n");
    }

    /** "ok store=memory" or "ok store=redis"; 503 when the session store cannot be reached. */
    private static void health(Context ctx, SessionStore store) {
        ctx.contentType("text/plain; charset=utf-8").header("Cache-Control", "no-store");
        try {
            ctx.result("ok store=" + store.health() + "\n");
        } catch (SessionStore.Unavailable e) {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).result("session store unavailable\n");
        }
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("X-Frame-Options", "DENY");
        if (ctx.path().startsWith("/webjars/")) ctx.header("Cache-Control", "public, max-age=31536000, immutable");
    }

    private static void staticFile(Context ctx, Assets assets) {
        var asset = assets.find(ctx.pathParam("name"));
        if (asset.isEmpty()) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("No such file.\n");
            return;
        }
        boolean current = asset.get().hash().equals(ctx.pathParam("hash"));
        ctx.header("Cache-Control", current ? "public, max-age=31536000, immutable" : "no-cache");
        ctx.contentType(asset.get().contentType()).result(asset.get().bytes());
    }
}
