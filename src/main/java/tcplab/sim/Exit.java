package tcplab.sim;

import java.util.Objects;

/** {@code exit:client} / {@code exit:server}: The application closes its socket and exits (an orphaned connection, as Linux close()). */
public record Exit(Side side) implements Action {
    public Exit {
        Objects.requireNonNull(side);
    }

    @Override
    public String word() {
        return "exit:" + side.key();
    }
}
