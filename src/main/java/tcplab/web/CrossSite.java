package tcplab.web;

import java.net.URI;
import java.util.Locale;

/**
 * Refuses state-changing requests sent from another site, on top of SameSite cookies: the
 * browser's {@code Origin} (or, when it sends none, {@code Referer}) must name this site, scheme,
 * host and port, judged against the request's own ({@link Proxy}: the proxy's word only when trusted).
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
     * request's headers, {@code scheme} and {@code host} what it was sent to (each may be null).
     */
    static boolean foreign(String origin, String referer, String scheme, String host) {
        String from = origin != null ? origin : referer;
        if (from == null) return false;
        String site = site(from);
        return site == null || host == null || scheme == null || !site.equals(site(scheme.toLowerCase(Locale.ROOT) + "://" + host.trim()));
    }

    /** scheme://host[:port] of a URL, without a default port; null when it has none ("null", garbage). */
    private static String site(String url) {
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null) return null;
            scheme = scheme.toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) return null;
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
