package tcplab.cli;

import tcplab.export.Pcap;
import tcplab.export.TraceJson;
import tcplab.ladder.Ladders;
import tcplab.sim.BadActionException;
import tcplab.sim.Event;
import tcplab.sim.HostLab;
import tcplab.sim.HostSnapshot;
import tcplab.sim.LabSnapshot;
import tcplab.sim.LabSpec;
import tcplab.sim.Scenario;
import tcplab.sim.Snapshot;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The simulator without a server: {@code java -jar tcplab.jar run <scenario> --actions …}
 * prints the trace in RFC notation or writes the trace JSON, a capture or the diagram.
 * Exit status 0 on success, 2 on bad input (with a message on standard error), 1 when the
 * output cannot be written.
 */
public final class Cli {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    static final String HELP = """
            Usage: java -jar tcplab.jar run <scenario> [options]
                   java -jar tcplab.jar --help

            Replays a TCP Lab scenario and prints its trace, or writes it as JSON, a packet
            capture or a ladder diagram. Without arguments the jar starts the web site.

            Options:
              --actions LIST   comma-separated actions, as in lab URLs, e.g.
                               connect,next,next,drop,next  (send:client:GET%%20%%2F sends "GET /")
              --seed N         draw initial sequence numbers from a generator seeded with N
                               (default: the RFC figures' 100 and 300)
              --profile P      linux (default) or rfc
              --format F       text (default): the trace in RFC notation
                               json: the trace JSON of /lab/<scenario>/trace.json
                               pcap: a packet capture for Wireshark (needs --out or a pipe)
                               svg:  the ladder diagram, a standalone SVG
              --at SIDE        pcap only: capture at the client (default) or the server;
                               in a host lab at any host (server by default)
              --backlog N      host labs: the server application's listen() backlog
              --keepalive W    host labs: SO_KEEPALIVE on server, client or both
              --sysctl K=V     host labs: a Linux sysctl, e.g. --sysctl tcp_syncookies=0
                               (repeatable; names without net.ipv4., see docs/cli.md)
              --out FILE       write to FILE instead of standard output
              --help           show this help

            Actions: next, drop, drop:N, connect, close:SIDE, abort:SIDE, exit:SIDE,
                     send:SIDE:TEXT (TEXT percent-encoded, 1 to 64 bytes); SIDE is client or server.
            Host labs (scenario host) add connect:HOST[:PORT], accept, unlisten, flood:N,
                     crash:HOST, reboot:HOST, wait:MS, and close/exit/abort/send on HOST or HOST/K.

            Scenarios: %s, host

            Exit status: 0 done, 1 the output could not be written, 2 bad input.
            """;

    private static final Set<String> OPTIONS = Set.of("--actions", "--seed", "--profile", "--format", "--at", "--out",
            "--backlog", "--keepalive", "--sysctl");
    private static final List<String> FORMATS = List.of("text", "json", "pcap", "svg");

    private Cli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.console() != null));
    }

    /**
     * Runs the command line. {@code terminal} says whether {@code out} is a terminal, where a
     * binary capture is refused.
     */
    public static int run(String[] args, OutputStream out, PrintStream err, boolean terminal) {
        List<String> list = Arrays.asList(args);
        if (list.isEmpty() || list.contains("--help") || list.contains("-h") || list.equals(List.of("help"))) {
            if (list.isEmpty()) {
                err.println("tcplab: say what to do.");
                err.print(help());
                return USAGE;
            }
            write(out, help().getBytes(StandardCharsets.UTF_8));
            return OK;
        }
        try {
            return run(list, out, err, terminal);
        } catch (UsageException e) {
            err.println("tcplab: " + e.getMessage());
            err.println("Try: java -jar tcplab.jar --help");
            return USAGE;
        }
    }

    private static int run(List<String> args, OutputStream out, PrintStream err, boolean terminal) {
        if (!args.get(0).equals("run")) throw new UsageException("unknown command \"" + args.get(0) + "\"; the command is run");
        if (args.size() < 2 || args.get(1).startsWith("--")) throw new UsageException("run needs a scenario: " + scenarios());
        String scenario = args.get(1);
        boolean hostLab = scenario.equals(HostLab.SCENARIO);
        if (!hostLab && Scenario.byKey(scenario).isEmpty()) {
            throw new UsageException("no such scenario \"" + scenario + "\"; the scenarios are " + scenarios());
        }
        Map<String, String> options = options(args.subList(2, args.size()));
        // a host lab's keys: --backlog, --keepalive and --sysctl NAME=VALUE, named as in URLs without the dashes
        Map<String, String> host = new LinkedHashMap<>();
        options.forEach((k, v) -> {
            if (k.equals("--backlog") || k.equals("--keepalive") || k.startsWith("--sysctl.")) host.put(k.substring(2), v);
        });
        if (!hostLab && !host.isEmpty()) {
            String key = host.keySet().iterator().next();
            throw new UsageException("--" + key.replaceFirst("^(sysctl)\\..*", "$1") + " is for host labs (run host)");
        }

        String format = options.getOrDefault("--format", "text");
        if (!FORMATS.contains(format)) throw new UsageException("--format must be text, json, pcap or svg, not \"" + format + "\"");
        if (options.containsKey("--at") && !format.equals("pcap")) throw new UsageException("--at goes with --format pcap");
        LabSpec spec;
        String at;
        try {
            spec = LabSpec.parse(scenario, options.get("--actions"), options.get("--seed"), options.get("--profile"), host).orElseThrow();
            at = Pcap.capturePoint(hostLab, options.get("--at"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage().replaceFirst("^(seed|profile|at) ", "--$1 "));
        }
        String file = options.get("--out");
        if (format.equals("pcap") && file == null && terminal) {
            throw new UsageException("a capture is binary: give --out FILE or redirect standard output");
        }

        LabSnapshot s;
        try {
            s = spec.play();
        } catch (BadActionException e) {
            throw new UsageException("bad --actions: " + e.getMessage());
        }
        byte[] bytes = switch (format) {
            case "json" -> (TraceJson.of(s) + "\n").getBytes(StandardCharsets.UTF_8);
            case "pcap" -> Pcap.capture(s, at);
            case "svg" -> Ladders.standalone(s, englishMessages()::getProperty).getBytes(StandardCharsets.UTF_8);
            default -> text(s).getBytes(StandardCharsets.UTF_8);
        };
        if (file == null) return write(out, bytes) ? OK : FAILED;
        try {
            Files.write(Path.of(file), bytes);
            return OK;
        } catch (IOException | RuntimeException e) {
            err.println("tcplab: cannot write " + file + ": " + e.getMessage());
            return FAILED;
        }
    }

    /** The trace of a lab of either kind. */
    static String text(LabSnapshot s) {
        return s instanceof HostSnapshot h ? hostText(h) : text((Snapshot) s);
    }

    /** A host lab's trace, then its sockets as ss -tan would list them and the counters that moved. */
    static String hostText(HostSnapshot s) {
        StringBuilder b = new StringBuilder();
        b.append("# TCP Lab: host, profile ").append(s.profile().key()).append(s.seed() == null ? "" : ", seed " + s.seed());
        s.settings().toParams().forEach((k, v) -> b.append(", ").append(k).append('=').append(v));
        b.append('\n');
        b.append("# actions: ").append(s.actions().isEmpty() ? "(none)" : String.join(" ", s.actions())).append('\n');
        for (String line : s.trace()) b.append(line).append('\n');
        b.append("# at ").append(s.time()).append(" ms (").append(s.pending() ? "more is pending (next)" : "nothing is pending").append(")\n");
        var l = s.listener();
        b.append("# listener: SYN queue ").append(l.synQueue()).append('/').append(l.synQueueMax())
                .append(", accept queue ").append(l.acceptQueue()).append('/').append(l.acceptQueueMax()).append('\n');
        b.append(String.format("# %-12s %6s %6s %-22s %-22s%n", "State", "Recv-Q", "Send-Q", "Local", "Peer"));
        for (var c : s.connections()) {
            b.append(String.format("# %-12s %6d %6d %-22s %-22s%n", c.state().ss(), c.recvQ(), c.sendQ(), c.local(), c.remote()));
        }
        s.counters().forEach((host, counters) -> counters.forEach((n, v) -> {
            if (v != 0) b.append("# ").append(host).append(' ').append(n.key()).append(' ').append(v).append('\n');
        }));
        for (var e : s.errors()) {
            b.append("# ").append(e.at()).append(" ms ").append(e.connection()).append(' ').append(e.call()).append(" -> ").append(e.errno()).append('\n');
        }
        return b.toString();
    }

    private static Properties englishMessages() {
        try (var in = Cli.class.getClassLoader().getResourceAsStream("templates/i18n/messages_en.properties")) {
            if (in == null) throw new IllegalStateException("templates/i18n/messages_en.properties is missing from the classpath");
            var messages = new Properties();
            messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The trace in RFC notation: one line per event, then where both endpoints ended. */
    static String text(Snapshot s) {
        StringBuilder b = new StringBuilder();
        b.append("# TCP Lab: ").append(s.scenario().key()).append(", profile ").append(s.profile().key())
                .append(s.seed() == null ? "" : ", seed " + s.seed()).append('\n');
        b.append("# actions: ").append(s.actions().isEmpty() ? "(none)" : String.join(" ", s.actions())).append('\n');
        for (Event e : s.events()) b.append(e.text()).append('\n');
        b.append("# at ").append(s.time()).append(" ms: client ").append(s.client().state().label())
                .append(", server ").append(s.server().state().label())
                .append(s.pending() ? "; more is pending (next)" : "; nothing is pending").append('\n');
        return b.toString();
    }

    private static Map<String, String> options(List<String> args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!OPTIONS.contains(name)) {
                throw new UsageException(arg.startsWith("-") ? "unknown option " + name : "unexpected argument \"" + arg + "\"");
            }
            if (value == null) {
                if (i + 1 >= args.size()) throw new UsageException(name + " needs a value");
                value = args.get(++i);
            }
            if (name.equals("--sysctl")) {
                int at = value.indexOf('=');
                if (at < 1) throw new UsageException("--sysctl takes NAME=VALUE, e.g. tcp_syncookies=0, not \"" + value + "\"");
                name = "--sysctl." + value.substring(0, at);
                value = value.substring(at + 1);
            }
            if (options.put(name, value) != null) throw new UsageException(name + " is given twice");
        }
        return options;
    }

    private static String scenarios() {
        return Arrays.stream(Scenario.values()).map(Scenario::key).collect(Collectors.joining(", "));
    }

    private static String help() {
        return String.format(HELP, scenarios());
    }

    private static boolean write(OutputStream out, byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
