package tcplab.sim;

import java.util.Objects;

/** {@code abort:client} / {@code abort:server}: RFC 9293 ABORT: the connection is reset. */
public record Abort(Side side) implements Action {
    public Abort {
        Objects.requireNonNull(side);
    }

    @Override
    public String word() {
        return "abort:" + side.key();
    }
}
