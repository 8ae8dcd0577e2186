package tcplab.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import tcplab.web.session.SessionStore;

/**
 * The learner's session cookie: HttpOnly, SameSite=Lax, Secure over HTTPS. A session is made
 * on the first state-changing request, never on a page view.
 */
final class Sessions {

    static final String COOKIE = "tcplab";

    /** A session for a state-changing request: the learner's own, or a new one. */
    record Session(String id, boolean fresh, boolean lost) {}

    private final SessionStore store;
    private final Proxy proxy;
    private final NewSessionLimit limit;

    Sessions(SessionStore store, Proxy proxy, NewSessionLimit limit) {
        this.store = store;
        this.proxy = proxy;
        this.limit = limit;
    }

    /** Too many sessions started from one address lately: wait {@code retryAfterSeconds}. */
    static final class TooMany extends RuntimeException {
        final long retryAfterSeconds;

        TooMany(long retryAfterSeconds) {
            super("too many new sessions", null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    /** The learner's existing session id, or null. Never creates one. */
    String existing(Context ctx) {
        return known(ctx.cookie(COOKIE));
    }

    private String known(String id) {
        return validId(id) && store.exists(id) ? id : null;
    }

    /**
     * The session to act in. {@code lost} is true when the request carried a cookie we do not
     * know (expired, from before a restart, or forged): the learner gets a fresh lab and a notice.
     */
    Session forChange(Context ctx) {
        String presented = ctx.cookie(COOKIE);
        String id = known(presented);
        if (id != null) return new Session(id, false, false);
        long wait = limit.take(proxy.clientAddress(ctx));
        if (wait > 0) throw new TooMany(wait);
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

    /** 16–64 characters of base64url: the shape of the ids we make (checked by hand: this runs on every action). */
    static boolean validId(String id) {
        if (id == null || id.length() < 16 || id.length() > 64) return false;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) return false;
        }
        return true;
    }

    /** A host name, IPv4 or bracketed IPv6 address, with an optional port: letters, digits and {@code . : [ ] -}. */
    static boolean validHost(String host) {
        if (host == null || host.isEmpty() || host.length() > 255) return false;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == ':' || c == '[' || c == ']' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private boolean secure(Context ctx) {
        return proxy.scheme(ctx).equals("https");
    }
}
