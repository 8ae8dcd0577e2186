package tcplab.web;

import io.javalin.http.Context;
import io.javalin.http.ContentTooLargeResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The fields of a request's url-encoded body (what our forms send: other types are refused
 * before any handler runs, but for the one form that uploads a file, {@link #takesFiles}, whose
 * {@code multipart/form-data} body is read here too), read once and kept on the request. Every lab action reads
 * its form, so this reads exactly the announced length, in one go, rather than through
 * Javalin's general form parsing.
 *
 * <p>The first value of a repeated name counts. A name or value that is not valid
 * percent-encoding is dropped, so a handler sees the field as missing and says so; invalid
 * UTF-8 decodes to U+FFFD. A body over {@link #MAX_BYTES} is refused with 413.
 */
final class Form {

    /** The largest request body the site reads (Jetty is told the same). */
    static final long MAX_BYTES = 16 * 1024;

    private static final String ATTRIBUTE = Form.class.getName();

    private Form() {}

    /** The first value of the named field, or null. */
    static String field(Context ctx, String name) {
        return fields(ctx).get(name);
    }

    static Map<String, String> fields(Context ctx) {
        Map<String, String> fields = ctx.attribute(ATTRIBUTE);
        if (fields == null) {
            String boundary = boundary(ctx.header("Content-Type"));
            byte[] body = body(ctx);
            fields = boundary != null ? multipart(body, boundary) : parse(new String(body, StandardCharsets.UTF_8));
            ctx.attribute(ATTRIBUTE, fields);
        }
        return fields;
    }

    /** The one form that uploads a file: a drill progress file ({@code POST /{lang}/drills/import}). */
    private static final java.util.regex.Pattern FILE_FORMS = java.util.regex.Pattern.compile("/(zh|en)/drills/import");

    /** Whether the form posted to {@code path} may send {@code multipart/form-data} (a file). */
    static boolean takesFiles(String path) {
        return FILE_FORMS.matcher(path).matches();
    }

    /** The boundary of a {@code multipart/form-data} content type (RFC 7578), or null for any other type. */
    static String boundary(String contentType) {
        if (contentType == null) return null;
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("multipart/form-data")) return null;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
                String b = p.substring(9);
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) b = b.substring(1, b.length() - 1);
                // RFC 2046 5.1.1: 1 to 70 characters
                return b.isEmpty() || b.length() > 70 ? null : b;
            }
        }
        return null;
    }

    /**
     * The parts of a {@code multipart/form-data} body (RFC 7578), each by its name: a text field's
     * value or a file's content, as UTF-8 (the body is at most {@link #MAX_BYTES}, read whole). A
     * body that is not well formed yields no fields, so the handler says what is missing.
     */
    static Map<String, String> multipart(byte[] body, String boundary) {
        Map<String, String> fields = new HashMap<>(4);
        String text = new String(body, StandardCharsets.ISO_8859_1); // one char per byte: offsets stay byte offsets
        String delimiter = "--" + boundary;
        int at = text.startsWith(delimiter) ? 0 : text.indexOf("\r\n" + delimiter);
        if (at < 0) return Map.of();
        at = text.indexOf(delimiter, at) + delimiter.length();
        while (true) {
            if (text.startsWith("--", at)) return fields; // the close delimiter
            if (!text.startsWith("\r\n", at)) return Map.of();
            int headersEnd = text.indexOf("\r\n\r\n", at + 2);
            if (headersEnd < 0) return Map.of();
            String name = null;
            for (String header : text.substring(at + 2, headersEnd).split("\r\n")) {
                int colon = header.indexOf(':');
                if (colon > 0 && header.substring(0, colon).trim().equalsIgnoreCase("Content-Disposition")) name = dispositionName(header.substring(colon + 1));
            }
            int next = text.indexOf("\r\n" + delimiter, headersEnd + 4);
            if (next < 0 || name == null) return Map.of();
            byte[] value = java.util.Arrays.copyOfRange(body, headersEnd + 4, next);
            fields.putIfAbsent(name, new String(value, StandardCharsets.UTF_8));
            at = next + 2 + delimiter.length();
        }
    }

    /** {@code form-data; name="code"; filename="x.txt"} → {@code code}; null when it is not form data or names nothing. */
    private static String dispositionName(String value) {
        String[] parts = value.split(";");
        if (!parts[0].trim().equalsIgnoreCase("form-data")) return null;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.startsWith("name=\"") && p.endsWith("\"") && p.length() > 7) return p.substring(6, p.length() - 1);
        }
        return null;
    }

    private static byte[] body(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        if (length > MAX_BYTES) throw new ContentTooLargeResponse();
        try {
            InputStream in = ctx.req().getInputStream();
            if (length >= 0) return in.readNBytes((int) length);
            // No length given (chunked): read at most one byte past the limit to tell.
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) throw new ContentTooLargeResponse();
            return bytes;
        } catch (IOException e) {
            if (timedOut(e)) throw new TooSlow(e);
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A body that stopped arriving for the configured idle time, or came slower than the minimum
     * rate (Config.Limits): the client's doing, answered 408 and logged in one line.
     */
    static final class TooSlow extends RuntimeException {
        TooSlow(IOException cause) {
            super(String.valueOf(cause.getMessage()), null, false, false);
        }
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException) return true;
        }
        return false;
    }

    static Map<String, String> parse(String body) {
        Map<String, String> fields = new HashMap<>(8);
        int at = 0;
        while (at <= body.length()) {
            int end = body.indexOf('&', at);
            if (end < 0) end = body.length();
            if (end > at) {
                int eq = body.indexOf('=', at);
                boolean hasValue = eq >= 0 && eq < end;
                String name = decode(body, at, hasValue ? eq : end);
                String value = hasValue ? decode(body, eq + 1, end) : "";
                if (name != null && value != null) fields.putIfAbsent(name, value);
            }
            at = end + 1;
        }
        return fields;
    }

    /** The decoded text of body[from, to), or null when its percent-encoding is broken. */
    private static String decode(String body, int from, int to) {
        String raw = body.substring(from, to);
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) return raw;
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A number of one to four digits (an index, a choice), or null. */
    static Integer smallNumber(String value) {
        return digits(value, 4) ? Integer.parseInt(value) : null;
    }

    /** One to {@code max} ASCII digits, nothing else (no sign, no space). */
    static boolean digits(String value, int max) {
        if (value == null || value.isEmpty() || value.length() > max) return false;
        for (int i = 0; i < value.length(); i++) if (value.charAt(i) < '0' || value.charAt(i) > '9') return false;
        return true;
    }
}
