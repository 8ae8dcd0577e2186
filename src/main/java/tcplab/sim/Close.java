package tcplab.sim;

import java.util.Objects;

/** {@code close:client} / {@code close:server}: RFC 9293 CLOSE: that side sends no more and still receives. */
public record Close(Side side) implements Action {
    public Close {
        Objects.requireNonNull(side);
    }

    @Override
    public String word() {
        return "close:" + side.key();
    }
}
