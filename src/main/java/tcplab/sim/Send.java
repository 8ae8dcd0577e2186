package tcplab.sim;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** {@code send:client:TEXT}: 1 to 64 bytes of UTF-8 in one segment; TEXT percent-encoded in the word. */
public record Send(Side side, String text) implements Action {
    public Send {
        Objects.requireNonNull(side);
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < 1 || bytes > MAX_SEND_BYTES) {
            throw new IllegalArgumentException("send takes 1 to " + MAX_SEND_BYTES + " bytes, not " + bytes);
        }
    }

    @Override
    public String word() {
        return "send:" + side.key() + ":" + Action.encode(text);
    }
}
