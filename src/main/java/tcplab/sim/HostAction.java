package tcplab.sim;

import java.util.List;

/**
 * A word of a host lab (CONTRACT.md "Host labs"): the connection lab's {@code next},
 * {@code drop}, {@code drop:N}, and {@code connect:HOST[:PORT]}, {@code accept},
 * {@code unlisten}, {@code flood:N}, {@code crash:HOST}, {@code reboot:HOST}, {@code wait:MS},
 * {@code close:}, {@code exit:}, {@code abort:}, {@code send:…:TEXT} taking {@code HOST} or
 * {@code HOST/K}.
 */
public sealed interface HostAction {
    int MAX_FLOOD = 10_000;
    /**
     * The longest wait one word may ask for: a day. It covers every default timer (keepalive's
     * 2 h 11 min included) and bounds the work one word can cause (keepalive every second).
     */
    long MAX_WAIT_MS = 24L * 3600 * 1000;
    List<String> HOSTS = List.of("server", "client", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9");

    String word();

    /** {@code HOST} (its newest connection) or {@code HOST/K}. */
    record Target(String host, Integer k) {
        @Override
        public String toString() {
            return k == null ? host : host + "/" + k;
        }
    }

    record Step() implements HostAction {
        public String word() { return "next"; }
    }

    record DropSegment(Integer n) implements HostAction {
        public String word() { return n == null ? "drop" : "drop:" + n; }
    }

    record Connect(String host, Integer port) implements HostAction {
        public String word() { return "connect:" + host + (port == null ? "" : ":" + port); }
    }

    record Accept() implements HostAction {
        public String word() { return "accept"; }
    }

    record Unlisten() implements HostAction {
        public String word() { return "unlisten"; }
    }

    record Flood(int count) implements HostAction {
        public String word() { return "flood:" + count; }
    }

    record Crash(String host) implements HostAction {
        public String word() { return "crash:" + host; }
    }

    record Reboot(String host) implements HostAction {
        public String word() { return "reboot:" + host; }
    }

    record Wait(long ms) implements HostAction {
        public String word() { return "wait:" + ms; }
    }

    record Close(Target target) implements HostAction {
        public String word() { return "close:" + target; }
    }

    record Exit(Target target) implements HostAction {
        public String word() { return "exit:" + target; }
    }

    record Abort(Target target) implements HostAction {
        public String word() { return "abort:" + target; }
    }

    record Send(Target target, String text) implements HostAction {
        public String word() { return "send:" + target + ":" + Action.encode(text); }
    }

    /** Parses one word; the exception's position is 0 (the caller knows the position). */
    public static HostAction parse(String word) throws BadActionException {
        if (word == null) throw new BadActionException(0, "", BadActionException.Problem.UNKNOWN_WORD);
        switch (word) {
            case "next": return new Step();
            case "drop": return new DropSegment(null);
            case "accept": return new Accept();
            case "unlisten": return new Unlisten();
            default: break;
        }
        int colon = word.indexOf(':');
        if (colon < 0) throw new BadActionException(0, word, BadActionException.Problem.UNKNOWN_WORD);
        String verb = word.substring(0, colon);
        String rest = word.substring(colon + 1);
        switch (verb) {
            case "drop":
                if (!rest.matches("[1-9][0-9]{0,8}")) throw new BadActionException(0, word, BadActionException.Problem.BAD_SEGMENT_NUMBER);
                return new DropSegment(Integer.valueOf(rest));
            case "connect": {
                int second = rest.indexOf(':');
                String host = second < 0 ? rest : rest.substring(0, second);
                if (!HOSTS.contains(host) || host.equals("server")) throw new BadActionException(0, word, BadActionException.Problem.BAD_HOST);
                if (second < 0) return new Connect(host, null);
                return new Connect(host, (int) number(word, rest.substring(second + 1), 1, 65535));
            }
            case "flood":
                return new Flood((int) number(word, rest, 1, MAX_FLOOD));
            case "wait":
                return new Wait(number(word, rest, 1, MAX_WAIT_MS));
            case "crash":
                return new Crash(host(word, rest));
            case "reboot":
                return new Reboot(host(word, rest));
            case "close":
                return new Close(target(word, rest));
            case "exit":
                return new Exit(target(word, rest));
            case "abort":
                return new Abort(target(word, rest));
            case "send": {
                int second = rest.indexOf(':');
                if (second < 0) throw new BadActionException(0, word, BadActionException.Problem.BAD_TEXT);
                return new Send(target(word, rest.substring(0, second)), Action.decode(word, rest.substring(second + 1)));
            }
            default:
                throw new BadActionException(0, word, BadActionException.Problem.UNKNOWN_WORD);
        }
    }

    private static long number(String word, String text, long min, long max) throws BadActionException {
        if (!text.matches("[0-9]{1,13}")) throw new BadActionException(0, word, BadActionException.Problem.BAD_NUMBER);
        long n = Long.parseLong(text);
        if (n < min || n > max) throw new BadActionException(0, word, BadActionException.Problem.BAD_NUMBER);
        return n;
    }

    private static String host(String word, String name) throws BadActionException {
        if (!HOSTS.contains(name)) throw new BadActionException(0, word, BadActionException.Problem.BAD_HOST);
        return name;
    }

    private static Target target(String word, String text) throws BadActionException {
        int slash = text.indexOf('/');
        if (slash < 0) return new Target(host(word, text), null);
        String host = host(word, text.substring(0, slash));
        String k = text.substring(slash + 1);
        if (!k.matches("[1-9][0-9]{0,8}")) throw new BadActionException(0, word, BadActionException.Problem.NO_SUCH_CONNECTION);
        return new Target(host, Integer.valueOf(k));
    }
}
