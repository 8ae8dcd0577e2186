package tcplab.drill;

import tcplab.sim.Reason;

import java.util.List;

/**
 * Words a learner reads, as a message key of {@code templates/i18n} and its arguments; the web
 * layer renders them in the page's language. An argument is a plain string (shown as written),
 * a {@link Ms} (virtual time), a {@link Reason} (the simulator's own words) or another Text.
 */
public record Text(String key, List<Object> args) {

    /** Virtual time or a duration in milliseconds, formatted by the web layer. */
    public record Ms(long millis) {
    }

    public Text {
        args = List.copyOf(args);
        for (Object a : args) {
            if (!(a instanceof String || a instanceof Ms || a instanceof Reason || a instanceof Text)) {
                throw new IllegalArgumentException("argument of " + key + ": " + a);
            }
        }
    }

    public static Text of(String key, Object... args) {
        return new Text(key, List.of(args));
    }

    /** Every message key this text needs, its own and its arguments' (for the tests of the bundles). */
    public void keys(java.util.function.Consumer<String> out) {
        out.accept(key);
        for (Object a : args) {
            if (a instanceof Text t) t.keys(out);
        }
    }
}
