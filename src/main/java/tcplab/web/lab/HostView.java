package tcplab.web.lab;

import tcplab.export.HostPcap;
import tcplab.lesson.PredictBlock;
import tcplab.sim.HostAction;
import tcplab.sim.HostLab;
import tcplab.sim.HostSnapshot;
import tcplab.sim.HostSnapshot.ConnectionRow;
import tcplab.sim.HostSnapshot.ListenerRow;
import tcplab.sim.LabSpec;
import tcplab.sim.State;
import tcplab.sim.host.HostSettings;
import tcplab.sim.host.Keepalive;
import tcplab.sim.host.Nstat;
import tcplab.sim.host.Sysctl;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a host lab shows (templates/lab/host.html): the listener's two queues, the sockets as
 * {@code ss -tan} lists them with a flood summarised, the counters that moved as {@code nstat}
 * prints them, the sysctls in play with their defaults (a form that starts the lab over), what
 * each application was told, the ladder, and only the controls that apply now
 * ({@link tcplab.sim.HostLab#offered()}). Every word comes from the messages.
 */
public record HostView(String lang, LabAddress address, String title, long version, String time, Queue synQueue,
                       Queue acceptQueue, boolean listening, List<Socket> sockets, String more, List<Counter> counters,
                       List<SysctlRow> sysctls, int backlog, String keepalive, List<AppError> errors, List<Control> timeline,
                       List<HostControls> hosts, List<ConnControls> conns, boolean canFlood, boolean canWait, String ladder,
                       List<String> log, LabView.Notice notice, LabView.Question question, LabView.Feedback feedback,
                       String shareQuery, String origin, boolean readOnly, boolean finished, List<LabView.Option> segments,
                       LabView.Inspector inspector, List<Control> otherClients, boolean settingsChanged) implements ShownLab {

    /** Sockets listed one by one at most; a flood's rest is one line. */
    static final int MAX_ROWS = 60;
    /** A flood's request sockets shown before the summary line. */
    static final int FLOOD_ROWS = 3;
    static final int LOG_LINES = 80;
    /** Segments the header inspector offers by name: the latest (a flood's thousands are reached by number). */
    static final int INSPECT_OPTIONS = 60;
    static final String SPOOFED = "203.0.113.";

    /** A queue as a filled bar: n of max, its share of the bar in percent, and the words a screen reader says. */
    public record Queue(int n, int max, int percent, String text, boolean full) {}

    /** One ss row: its state as ss prints it and as RFC 9293 names it. */
    public record Socket(String id, String ss, String rfc, int recvQ, int sendQ, String local, String peer, String timer) {}

    public record Counter(String host, String name, long value) {}

    public record SysctlRow(String key, String value, String byDefault, long min, long max, boolean changed, boolean range) {}

    public record AppError(String at, String connection, String call, String errno) {}

    public record Control(String word, String label, String key) {}

    /** A host's own controls: connect, crash, reboot (and accept/unlisten on the server). */
    public record HostControls(String host, String name, List<Control> controls) {}

    /** A connection's controls: close, exit, abort, and whether it can send. */
    public record ConnControls(String id, List<Control> controls, boolean canSend) {}

    public static HostView of(String lang, Words m, LabAddress address, String title, long version, LabSpec start,
                              HostSnapshot s, String ladder, LabView.Notice notice, PredictBlock due, LabView.Feedback feedback,
                              String origin, boolean readOnly) {
        return of(lang, m, address, title, version, start, s, ladder, notice, due, feedback, origin, readOnly, false);
    }

    /** The view, with {@code finished} when the lab's story is over (a lesson block's goal reached). */
    public static HostView of(String lang, Words m, LabAddress address, String title, long version, LabSpec start,
                              HostSnapshot s, String ladder, LabView.Notice notice, PredictBlock due, LabView.Feedback feedback,
                              String origin, boolean readOnly, boolean finished) {
        NumberFormat n = NumberFormat.getIntegerInstance(Locale.ENGLISH);
        ListenerRow l = s.listener();
        Queue syn = queue(m, lang, "host.queue.syn", l.synQueue(), l.synQueueMax(), n);
        Queue acc = queue(m, lang, "host.queue.accept", l.acceptQueue(), l.acceptQueueMax(), n);

        List<Socket> sockets = new ArrayList<>();
        List<ConnectionRow> rows = s.connections();
        int flood = 0;
        String more = null;
        for (int i = 0; i < rows.size(); i++) {
            ConnectionRow c = rows.get(i);
            boolean spoofed = c.remote().ip().startsWith(SPOOFED);
            if (spoofed && ++flood > FLOOD_ROWS || sockets.size() >= MAX_ROWS) {
                more = m.get(lang, "host.ss.more", n.format(rows.size() - i), State.SYN_RECEIVED.ss(), SPOOFED + "0/24");
                if (!spoofed) more = m.get(lang, "host.ss.moreAny", n.format(rows.size() - i));
                break;
            }
            sockets.add(new Socket(c.id(), c.state().ss(), c.state().label(), c.recvQ(), c.sendQ(), c.local().toString(),
                    c.remote().toString(), SsTimer.column(c.timers(), s.time())));
        }

        List<Counter> counters = new ArrayList<>();
        for (String host : order(s.counters())) {
            for (Map.Entry<Nstat, Long> e : s.counters().get(host).entrySet()) {
                if (e.getValue() != 0) counters.add(new Counter(host, e.getKey().key(), e.getValue()));
            }
        }

        HostSettings settings = s.settings();
        List<SysctlRow> sysctls = new ArrayList<>();
        for (Sysctl k : Sysctl.values()) {
            sysctls.add(new SysctlRow(k.key(), settings.sysctls().text(k), k.defaultText(), k.min(), k.max(), settings.sysctls().isSet(k),
                    k == Sysctl.IP_LOCAL_PORT_RANGE));
        }

        List<AppError> errors = new ArrayList<>();
        for (HostSnapshot.AppError e : s.errors()) errors.add(new AppError(LabView.ms(e.at()), e.connection(), e.call() + "()", e.errno()));

        List<String> offered = s.offered();
        List<Control> timeline = new ArrayList<>();
        if (offered.contains("next")) timeline.add(control(m, lang, "next", "lab.do.next", "next"));
        if (offered.contains("drop")) timeline.add(control(m, lang, "drop", "host.do.drop", "drop"));
        if (s.actions().size() > start.actions().size()) timeline.add(control(m, lang, "back", "lab.do.back", "back"));
        if (s.actions().size() > start.actions().size()) timeline.add(control(m, lang, "reset", "lab.do.reset", "reset"));
        if (s.pending()) timeline.add(control(m, lang, "end", "lab.do.end", "end"));

        // A group per host that has a socket or more to do than connect, and for the next idle client;
        // the other idle clients share one select, so nine clients fit a phone (every word still reachable).
        java.util.Set<String> withSockets = new java.util.HashSet<>();
        for (ConnectionRow c : rows) {
            if (c.remote().ip().startsWith(SPOOFED)) break; // a flood's request sockets come last, all the server's
            withSockets.add(c.host());
        }
        List<HostControls> hosts = new ArrayList<>();
        List<Control> otherClients = new ArrayList<>();
        boolean nextIdleShown = false;
        for (String h : HostAction.HOSTS) {
            List<Control> cs = new ArrayList<>();
            for (String verb : List.of("connect", "accept", "unlisten", "crash", "reboot")) {
                String word = verb.equals("accept") || verb.equals("unlisten") ? verb : verb + ":" + h;
                if ((verb.equals("accept") || verb.equals("unlisten")) && !h.equals(HostLab.SERVER)) continue;
                if (offered.contains(word)) cs.add(new Control(word, m.get(lang, "host.do." + verb, h), verb));
            }
            if (cs.isEmpty()) continue;
            boolean idle = !h.equals(HostLab.SERVER) && !withSockets.contains(h)
                    && cs.stream().allMatch(c -> c.key().equals("connect") || c.key().equals("crash"));
            if (idle && nextIdleShown) {
                otherClients.addAll(cs);
                continue;
            }
            if (idle) nextIdleShown = true;
            hosts.add(new HostControls(h, hostName(m, lang, h), cs));
        }

        otherClients.sort(java.util.Comparator.comparing(c -> !c.key().equals("connect"))); // every connect() first
        List<ConnControls> conns = new ArrayList<>();
        Map<String, List<Control>> byConn = new java.util.LinkedHashMap<>();
        Map<String, Boolean> sends = new java.util.HashMap<>();
        for (String word : offered) {
            int colon = word.indexOf(':');
            if (colon < 0) continue;
            String verb = word.substring(0, colon);
            String rest = word.substring(colon + 1);
            if (verb.equals("send")) {
                String id = rest.substring(0, rest.indexOf(':'));
                sends.put(id, true);
                byConn.computeIfAbsent(id, k -> new ArrayList<>());
            } else if (verb.equals("close") || verb.equals("exit") || verb.equals("abort")) {
                byConn.computeIfAbsent(rest, k -> new ArrayList<>()).add(new Control(word, m.get(lang, "host.do." + verb, rest), verb));
            }
        }
        byConn.forEach((id, cs) -> conns.add(new ConnControls(id, cs, sends.containsKey(id))));

        // the log as a connection lab writes it (LabView.ms, "·"): the trace's English, or the page's language
        List<HostSnapshot.HostEvent> events = s.events();
        List<String> log = new ArrayList<>();
        for (HostSnapshot.HostEvent e : events.subList(Math.max(0, events.size() - LOG_LINES), events.size())) {
            log.add(LabView.ms(e.at()) + " · " + logLine(lang, m, e));
        }
        LabView.Question question = null;
        if (due != null && !readOnly) question = new LabView.Question(due.index(), due.question().text(), due.question().choices().stream().map(c -> c.text()).toList());
        return new HostView(lang, address, title, version, LabView.ms(s.time()), syn, acc, l.open(), sockets, more,
                counters, sysctls, settings.backlog(), settings.keepalive().key(), errors, timeline, hosts, conns,
                offered.stream().anyMatch(w -> w.startsWith("flood:")), offered.stream().anyMatch(w -> w.startsWith("wait:")),
                ladder, List.copyOf(log), notice, question, feedback, s.spec().query(), origin, readOnly, finished,
                segmentOptions(s), null, otherClients, !settings.toParams().isEmpty());
    }

    /** The latest segments, to choose one in the header inspector. */
    private static List<LabView.Option> segmentOptions(HostSnapshot s) {
        List<LabView.Option> options = new ArrayList<>();
        for (int n = Math.max(1, s.segmentCount() - INSPECT_OPTIONS + 1); n <= s.segmentCount(); n++) {
            options.add(new LabView.Option(n, segmentLabel(s.segments().get(n - 1))));
        }
        return options;
    }

    private static String segmentLabel(HostSnapshot.HostSegment seg) {
        return "#" + seg.n() + " " + seg.from() + " → " + seg.to() + " " + seg.segment();
    }

    /** This view with the header inspector open on segment {@code n} (1-based; must exist): its headers with their options. */
    public HostView inspecting(HostSnapshot s, int n) {
        HostSnapshot.HostSegment seg = s.segments().get(n - 1);
        LabView.Inspector open = new LabView.Inspector(n, segmentLabel(seg), HostPcap.ipv4Fields(seg), HostPcap.tcpFields(seg),
                seg.segment().data().isEmpty() ? null : seg.segment().data());
        return new HostView(lang, address, title, version, time, synQueue, acceptQueue, listening, sockets, more, counters, sysctls,
                backlog, keepalive, errors, timeline, hosts, conns, canFlood, canWait, ladder, log, notice, question, feedback,
                shareQuery, origin, readOnly, finished, segments, open, otherClients, settingsChanged);
    }

    private static Control control(Words m, String lang, String word, String key, String css) {
        return new Control(word, m.get(lang, key), css);
    }

    private static Queue queue(Words m, String lang, String key, int n, int max, NumberFormat f) {
        int percent = max <= 0 ? (n > 0 ? 100 : 0) : (int) Math.min(100, Math.round(100.0 * n / max));
        return new Queue(n, max, percent, m.get(lang, key, f.format(n), f.format(max)), n >= max && max >= 0 && n > 0);
    }

    private static List<String> order(Map<String, Map<Nstat, Long>> counters) {
        List<String> hosts = new ArrayList<>();
        if (counters.containsKey(HostLab.SERVER)) hosts.add(HostLab.SERVER);
        for (String h : HostAction.HOSTS) if (!h.equals(HostLab.SERVER) && counters.containsKey(h)) hosts.add(h);
        return hosts;
    }

    static String hostName(Words m, String lang, String host) {
        return switch (host) {
            case "client" -> m.get(lang, "host.name", m.get(lang, "side.client"), host);
            case HostLab.SERVER -> m.get(lang, "host.name", m.get(lang, "side.server"), host);
            default -> host;
        };
    }

    @Override
    public String scenarioKey() {
        return HostLab.SCENARIO;
    }

    /** A host event in the page's language, its connection (or host) in place of a side; English as the trace writes it. */
    static String logLine(String lang, Words m, HostSnapshot.HostEvent e) {
        if (lang.equals("en")) return e.body();
        String who = e.connection() != null ? e.connection() : e.host();
        String line = e.event() == null ? who + "：" + LabView.reason(lang, m, e.reason()) : LabView.describe(lang, m, e.event(), who);
        // a connection's name is Latin: spaced from the Chinese around it, as the lessons write it
        return LATIN_HAN.matcher(HAN_LATIN.matcher(line).replaceAll(" ")).replaceAll(" ");
    }

    private static final java.util.regex.Pattern LATIN_HAN = java.util.regex.Pattern.compile("(?<=[A-Za-z0-9])(?=\\p{IsHan})");
    private static final java.util.regex.Pattern HAN_LATIN = java.util.regex.Pattern.compile("(?<=\\p{IsHan})(?=[A-Za-z0-9])");
}
