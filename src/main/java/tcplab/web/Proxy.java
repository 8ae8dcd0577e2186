package tcplab.web;

import io.javalin.http.Context;

import java.util.Enumeration;
import java.util.Locale;

/**
 * Where a request came from and what it was sent to: the connection itself, or, with
 * {@code TRUST_PROXY=1}, what the reverse proxy in front says. A proxy appends its own entry
 * to {@code X-Forwarded-*} lists after whatever the client sent, so only the last entry is the
 * proxy's word; earlier ones are the client's and prove nothing.
 */
record Proxy(boolean trusted) {

    /** "http" or "https", lower case. */
    String scheme(Context ctx) {
        String forwarded = trusted ? last(ctx, "X-Forwarded-Proto") : null;
        return forwarded != null ? forwarded.toLowerCase(Locale.ROOT) : ctx.scheme();
    }

    /** host[:port] the request was sent to (may be null when a client sent no Host). */
    String host(Context ctx) {
        String forwarded = trusted ? last(ctx, "X-Forwarded-Host") : null;
        return forwarded != null ? forwarded : ctx.header("Host");
    }

    /** The address of the client: the peer, or behind a trusted proxy the address the proxy saw. */
    String clientAddress(Context ctx) {
        String forwarded = trusted ? last(ctx, "X-Forwarded-For") : null;
        return forwarded != null ? forwarded : ctx.req().getRemoteAddr();
    }

    /** The last comma-separated entry over every line of a header, or null when there is none. */
    static String last(Context ctx, String header) {
        Enumeration<String> lines = ctx.req().getHeaders(header);
        String last = null;
        while (lines != null && lines.hasMoreElements()) {
            String line = lines.nextElement();
            int comma = line.lastIndexOf(',');
            String entry = (comma >= 0 ? line.substring(comma + 1) : line).trim();
            if (!entry.isEmpty()) last = entry;
        }
        return last;
    }
}
