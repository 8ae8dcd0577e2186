package tcplab.web;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Errors Jetty answers itself, before a request reaches our routes (an unreadable address,
 * bad headers, a malformed request line): a short plain-text message with the same security
 * headers as every other response, and never a stack trace.
 */
final class JettyErrors extends ErrorHandler {

    private final String csp;

    JettyErrors(String csp) {
        this.csp = csp;
        setShowStacks(false);
        setShowCauses(false);
    }

    /** Jetty writes no body for methods other than GET, POST and HEAD; we answer them all alike. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        addHeaders(response.getHeaders());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap(text(code).getBytes(StandardCharsets.UTF_8)), callback);
    }

    /**
     * Deprecated for removal in Jetty 12.1, but still what its HTTP/1.1 parser calls for a request
     * it cannot read at all (no Request exists yet for {@link #generateResponse}).
     */
    @SuppressWarnings("removal")
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        addHeaders(fields);
        fields.put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        return ByteBuffer.wrap(text(status).getBytes(StandardCharsets.UTF_8));
    }

    private void addHeaders(HttpFields.Mutable headers) {
        headers.put("Content-Security-Policy", csp);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "same-origin");
        headers.put("X-Frame-Options", "DENY");
    }

    private static String text(int code) {
        String what = code == 413 || code == 431 ? "The request is too large."
                : code >= 500 ? "Something went wrong on our side. Please try again."
                : "The request could not be understood: check the address.";
        return code + " " + HttpStatus.getMessage(code) + ". " + what + "\n";
    }
}
