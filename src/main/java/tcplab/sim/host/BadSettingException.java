package tcplab.sim.host;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;

/**
 * A host-lab setting that cannot be used: an unknown key or a value outside Linux's range. The
 * message names the key; {@link #problem()} and {@link #args()} let a page say it in its language.
 */
public final class BadSettingException extends Exception {

    /** What is wrong, with its English wording ({0}, {1}… are {@link #args()}). */
    public enum Problem {
        NO_VALUE("has no value"),
        NOT_A_NUMBER("is not a number: {0}"),
        OUT_OF_RANGE("must be between {0} and {1} (Linux rejects {2})"),
        NOT_LOW_HIGH("must be LOW-HIGH"),
        PORT_RANGE("must be two ports 1-65535 with LOW <= HIGH (Linux rejects {0})"),
        BACKLOG("must be a number from 0 to {0}"),
        KEEPALIVE("must be server, client or both"),
        UNKNOWN_SYSCTL("is not a sysctl host labs know");

        private final String english;

        Problem(String english) {
            this.english = english;
        }

        /** {@code out-of-range}: the page's message key is {@code host.setting.out-of-range}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final String key;
    private final Problem problem;
    private final List<String> args;

    public BadSettingException(String key, Problem problem, Object... args) {
        super("\"" + key + "\" " + english(problem, args));
        this.key = key;
        this.problem = problem;
        this.args = java.util.Arrays.stream(args).map(String::valueOf).toList();
    }

    private static String english(Problem problem, Object[] args) {
        Object[] strings = java.util.Arrays.stream(args).map(String::valueOf).toArray();
        return new MessageFormat(problem.english.replace("'", "''"), Locale.ROOT).format(strings);
    }

    /** The offending key as written, e.g. {@code sysctl.tcp_syncookies} or {@code backlog}. */
    public String key() {
        return key;
    }

    public Problem problem() {
        return problem;
    }

    /** The problem's arguments, as written (numbers without separators). */
    public List<String> args() {
        return args;
    }
}
