package tcplab.web;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;

import java.util.concurrent.TimeoutException;

/**
 * Ends a request body that arrives slower than {@code minBytesPerSecond} once a second has
 * passed, or that sends nothing for the idle time: a body trickled in a byte at a time is never
 * idle, so the idle timeout alone would let it hold its connection for as long as its sender
 * likes. The body then reads as a timeout, which the site answers with 408 (see {@link Form.TooSlow}).
 */
final class MinimumRate extends Handler.Wrapper {

    private static final long GRACE_MS = 1000;

    private final long minBytesPerSecond;

    MinimumRate(long minBytesPerSecond) {
        this.minBytesPerSecond = minBytesPerSecond;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return super.handle(new Measured(request), response, callback);
    }

    private final class Measured extends Request.Wrapper {
        private final long start = NanoTime.now();
        private long bytes;

        Measured(Request request) {
            super(request);
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = super.read();
            if (chunk == null) return null;
            // Jetty reports an idle body as a transient failure; a body read whole before its
            // handler runs would wait on for more, so it ends the body here
            if (Content.Chunk.isFailure(chunk)) return chunk.isLast() ? chunk : Content.Chunk.from(chunk.getFailure(), true);
            if (chunk.isLast()) return chunk;
            bytes += chunk.remaining();
            long ms = NanoTime.millisSince(start);
            if (ms > GRACE_MS && bytes * 1000 / ms < minBytesPerSecond) {
                chunk.release();
                return Content.Chunk.from(new TimeoutException("body slower than " + minBytesPerSecond + " bytes/s: "
                        + bytes + " bytes in " + ms + " ms"), true);
            }
            return chunk;
        }
    }
}
