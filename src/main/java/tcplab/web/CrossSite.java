package tcplab.web;

import java.net.URI;
import java.util.Locale;

/**
 * Refuses state-changing requests sent from another site, on top of SameSite cookies: the
 * browser's {@code Origin} (or, when it sends none, {@code Referer}) must name this site, judged
 * against the request's {@code Host} ({@code X-Forwarded-Host} only behind a trusted proxy).
 * A request with neither header is let through: old browsers send no Origin on a plain form
 * post, and the SameSite cookie still keeps a cross-site one out of the learner's session.
 */
final class CrossSite {
    private CrossSite() {}

    static boolean safeMethod(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    /**
     * True when the request came from another site. {@code origin} and {@code referer} are the
     * request's headers, {@code host} the Host it was sent to (each may be null).
     */
    static boolean foreign(String origin, String referer, String host) {
        String from = origin != null ? origin : referer;
        if (from == null) return false;
        String site = authority(from);
        return site == null || host == null || !site.equals(normalHost(host));
    }

    /** host[:port] of an Origin or Referer URL, without a default port; null when it has none ("null", garbage). */
    private static String authority(String url) {
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null) return null;
            scheme = scheme.toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) return null;
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** A Host header as host[:port], lower case, without :80 or :443 (the scheme behind a proxy is unknown). */
    private static String normalHost(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        int comma = h.indexOf(',');
        if (comma >= 0) h = h.substring(0, comma).trim(); // X-Forwarded-Host may list proxies; the first is the client's
        if (h.endsWith(":80")) h = h.substring(0, h.length() - 3);
        else if (h.endsWith(":443")) h = h.substring(0, h.length() - 4);
        return h;
    }
}
