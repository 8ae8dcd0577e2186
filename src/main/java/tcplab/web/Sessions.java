package tcplab.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import tcplab.web.session.SessionStore;

import java.util.regex.Pattern;

/**
 * The learner's session cookie: HttpOnly, SameSite=Lax, Secure over HTTPS. A session is made
 * on the first state-changing request, never on a page view.
 */
final class Sessions {

    static final String COOKIE = "tcplab";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,255}");

    /** A session for a state-changing request: the learner's own, or a new one. */
    record Session(String id, boolean fresh, boolean lost) {}

    private final SessionStore store;
    private final boolean trustForwardedProto;

    Sessions(SessionStore store, boolean trustForwardedProto) {
        this.store = store;
        this.trustForwardedProto = trustForwardedProto;
    }

    /** The learner's existing session id, or null. Never creates one. */
    String existing(Context ctx) {
        String id = ctx.cookie(COOKIE);
        return id != null && ID.matcher(id).matches() && store.exists(id) ? id : null;
    }

    /**
     * The session to act in. {@code lost} is true when the request carried a cookie we do not
     * know (expired, from before a restart, or forged): the learner gets a fresh lab and a notice.
     */
    Session forChange(Context ctx) {
        String presented = ctx.cookie(COOKIE);
        String id = existing(ctx);
        if (id != null) return new Session(id, false, false);
        String created = store.create();
        Cookie cookie = new Cookie(COOKIE, created, "/", -1, false, true, null, SameSite.LAX);
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setSameSite(SameSite.LAX);
        cookie.setSecure(secure(ctx));
        cookie.setMaxAge(-1);
        ctx.cookie(cookie);
        return new Session(created, true, presented != null);
    }

    /** The site's origin as the learner reached it (behind a trusted proxy, as the proxy says), for share links. */
    String origin(Context ctx) {
        String host = trustForwardedProto && ctx.header("X-Forwarded-Host") != null ? ctx.header("X-Forwarded-Host") : ctx.header("Host");
        if (host == null || !HOST.matcher(host).matches()) host = "localhost";
        return (secure(ctx) ? "https" : "http") + "://" + host;
    }

    private boolean secure(Context ctx) {
        if (ctx.scheme().equals("https")) return true;
        return trustForwardedProto && "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }
}
