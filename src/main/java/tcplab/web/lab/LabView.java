package tcplab.web.lab;

import tcplab.export.HeaderField;
import tcplab.export.Wire;
import tcplab.lesson.PredictBlock;
import tcplab.sim.Action;
import tcplab.sim.ConnectionFailed;
import tcplab.sim.Delivered;
import tcplab.sim.EndpointSnapshot;
import tcplab.sim.Event;
import tcplab.sim.LabSpec;
import tcplab.sim.Reason;
import tcplab.sim.SegmentArrived;
import tcplab.sim.SegmentLost;
import tcplab.sim.SegmentRecord;
import tcplab.sim.SegmentSent;
import tcplab.sim.Side;
import tcplab.sim.Snapshot;
import tcplab.sim.StateChanged;
import tcplab.sim.Timer;
import tcplab.sim.TimerCancelled;
import tcplab.sim.TimerFired;
import tcplab.sim.TimerKind;
import tcplab.sim.TimerSet;
import tcplab.sim.UserCall;
import tcplab.sim.UserError;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Everything the lab template shows, worded in the page's language: both endpoints, their
 * timers, the segments in flight, the controls that are legal now, and the event log.
 */
public record LabView(String lang, LabAddress address, String title, long version, String time,
                      EndpointView client, EndpointView server, List<Card> inFlight, List<Control> timeline,
                      List<Control> clientControls, List<Control> serverControls, List<String> log,
                      String ladder, Notice notice, Question question, Feedback feedback, String announce,
                      String scenario, String shareQuery, boolean readOnly, String origin, boolean pending,
                      List<Option> segments, Inspector inspector, boolean finished, String nextTimer, KeyHelp keys)
        implements ShownLab {

    /**
     * Why a promised key (→ next, ← back, d drop) has no button in this state, in the page's
     * language; null where the key has its button. lab.js says it in the live region.
     */
    public record KeyHelp(String next, String back, String drop, String reset, String choose) {}

    /** A segment to choose in the header inspector. */
    public record Option(int n, String label) {}

    /** One segment's headers as they would be on the wire. */
    public record Inspector(int n, String summary, List<HeaderField> ipv4, List<HeaderField> tcp, String payload) {}

    /** This view with the inspector open on segment {@code n} (1-based; must exist). */
    public LabView inspecting(Snapshot s, int n, Words m) {
        SegmentRecord r = s.segments().get(n - 1);
        Inspector inspector = new Inspector(n, segmentLabel(lang, m, r), Wire.ipv4Fields(r), Wire.tcpFields(r),
                r.segment().data().isEmpty() ? null : r.segment().data());
        return new LabView(lang, address, title, version, time, client, server, inFlight, timeline, clientControls,
                serverControls, log, ladder, notice, question, feedback, announce, scenario, shareQuery, readOnly, origin,
                pending, segments, inspector, finished, nextTimer, keys);
    }

    private static String segmentLabel(String lang, Words m, SegmentRecord r) {
        return "#" + r.n() + " " + m.get(lang, r.from() == Side.CLIENT ? "lab.dir.toServer" : "lab.dir.toClient") + " " + r.segment();
    }


    public record Var(String name, String value) {}

    public record TimerView(String kind, String label, String detail) {}

    public record EndpointView(String side, String name, String state, boolean changed, List<Var> vars,
                               List<TimerView> timers, String received, String failure) {}

    /**
     * A segment in flight. {@code len} is SEG.LEN, the sequence space it occupies (data, plus one
     * for SYN and one for FIN, RFC 9293 §3.4); {@code payload} the data bytes alone, which a
     * capture and the trace JSON call len.
     */
    public record Card(int n, String direction, String segment, int len, int payload, String data, boolean retransmission,
                       String arrives, String dropWord, String dropLabel) {}

    public record Control(String word, String label, String key, boolean text) {}

    /** A message above the lab; {@code fixed} when its text is one of the site's own, never made from the request. */
    public record Notice(String kind, String text, boolean fixed) {
        public Notice(String kind, String text) {
            this(kind, text, false);
        }
    }

    public record Question(int index, String text, List<String> choices) {}

    /** The verdict on a prediction, shown with the question it answered. */
    public record Feedback(String question, boolean right, String chosen, String why, String rightText) {}

    /**
     * Builds the view of {@code lab}; {@code before} is the lab one action earlier (for highlights), or null;
     * {@code finished} when the lab's story is over (see {@link Labs.Start#finishedBy}).
     */
    public static LabView of(String lang, Words m, LabAddress address, String title, Labs.Lab lab, Snapshot before,
                             Notice notice, PredictBlock due, Feedback feedback, String ladder, boolean readOnly, String origin,
                             boolean finished) {
        Snapshot s = (Snapshot) lab.snapshot();
        EndpointView client = endpoint(lang, m, s, before, Side.CLIENT);
        EndpointView server = endpoint(lang, m, s, before, Side.SERVER);

        List<Card> cards = new ArrayList<>();
        for (SegmentRecord r : s.inFlight()) {
            String direction = m.get(lang, r.from() == Side.CLIENT ? "lab.dir.toServer" : "lab.dir.toClient");
            cards.add(new Card(r.n(), direction, r.segment().toString(), r.segment().len(), r.segment().payload().length, r.segment().data(),
                    r.retransmission(), m.get(lang, "lab.arrivesAt", ms(r.dueAt())), "drop:" + r.n(),
                    m.get(lang, "lab.dropN", r.n())));
        }

        List<Control> timeline = new ArrayList<>();
        List<Control> clientControls = new ArrayList<>();
        List<Control> serverControls = new ArrayList<>();
        boolean asking = due != null;
        for (Action action : s.offered()) {
            String word = action.word();
            if (word.startsWith("drop:")) continue; // each in-flight card has its own drop button
            if (asking && (word.equals("next") || word.equals("drop"))) continue; // predict first
            if (finished && !CONTINUES.contains(word)) continue; // the story is over: no second one staged on it
            String[] parts = word.split(":");
            boolean text = parts[0].equals("send");
            String command = text ? "send:" + parts[1] : word;
            Control control = new Control(command, m.get(lang, "lab.do." + parts[0]), parts[0], text);
            if (parts.length == 1) timeline.add(control);
            else if (parts[1].equals("client")) clientControls.add(control);
            else serverControls.add(control);
        }
        if (s.pending() && !asking) timeline.add(new Control("end", m.get(lang, "lab.do.end"), "end", false));
        if (lab.record().actionList().size() > 0) {
            timeline.add(new Control("back", m.get(lang, "lab.do.back"), "back", false));
        }
        timeline.add(new Control("reset", m.get(lang, finished ? "lab.do.again" : "lab.do.reset"), "reset", false));
        // the time line's "next" first, so → always finds it in the same place
        timeline.sort((a, b) -> Integer.compare(order(a.key()), order(b.key())));

        List<String> log = new ArrayList<>();
        for (Event e : s.events()) log.add(ms(e.at()) + " · " + describe(lang, m, e, s));

        Question question = null;
        if (due != null) {
            List<String> choices = due.question().choices().stream().map(c -> c.text()).toList();
            question = new Question(due.index(), due.question().text(), choices);
        }

        String announce = announce(lang, m, s, before, client, server);
        if (finished) announce = announce + " " + m.get(lang, "lab.finished");
        return new LabView(lang, address, title, lab.version(), ms(s.time()), client, server, cards, timeline,
                clientControls, serverControls, log, ladder, notice, question, feedback, announce,
                s.scenario().key(), shareQuery(s), readOnly, origin, s.pending(),
                s.segments().stream().map(r -> new Option(r.n(), segmentLabel(lang, m, r))).toList(), null, finished,
                nextTimer(lang, m, s), keyHelp(lang, m, timeline, asking, readOnly, !cards.isEmpty()));
    }

    /** What a finished lab still offers: the same story played on (if anything is pending), back, reset. */
    private static final java.util.Set<String> CONTINUES = java.util.Set.of("next", "drop", "end", "back", "reset");

    private static KeyHelp keyHelp(String lang, Words m, List<Control> timeline, boolean asking, boolean readOnly, boolean inFlight) {
        if (readOnly) {
            String why = m.get(lang, "lab.key.readOnly");
            return new KeyHelp(why, why, why, why, null);
        }
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (Control c : timeline) keys.add(c.key());
        String answer = m.get(lang, "lab.key.answerFirst");
        String next = keys.contains("next") ? null : asking ? answer : m.get(lang, "lab.key.nothingPending");
        String drop = keys.contains("drop") ? null : asking && inFlight ? answer : m.get(lang, "lab.key.nothingInFlight");
        String back = keys.contains("back") ? null : m.get(lang, "lab.key.atStart");
        return new KeyHelp(next, back, drop, null, asking ? m.get(lang, "lab.key.choose") : null);
    }

    /** The timer due first, at either end: "Client: retransmission at 3.000 s (in 1000 ms)"; null when none runs. */
    private static String nextTimer(String lang, Words m, Snapshot s) {
        Timer first = null;
        Side at = null;
        for (Side side : List.of(Side.CLIENT, Side.SERVER)) {
            for (Timer t : s.endpoint(side).timers()) {
                if (first == null || t.dueAt() < first.dueAt()) {
                    first = t;
                    at = side;
                }
            }
        }
        if (first == null) return null;
        return m.get(lang, "lab.nextTimer", m.get(lang, "side." + at.key()), m.get(lang, "timer." + first.kind().key()),
                ms(first.dueAt()), ms(Math.max(0, first.dueAt() - s.time())));
    }

    private static int order(String key) {
        return switch (key) {
            case "next" -> 0;
            case "drop" -> 1;
            case "end" -> 2;
            case "connect" -> 3;
            case "back" -> 8;
            case "reset" -> 9;
            default -> 5;
        };
    }

    private static EndpointView endpoint(String lang, Words m, Snapshot s, Snapshot before, Side side) {
        EndpointSnapshot e = s.endpoint(side);
        boolean changed = before != null && before.endpoint(side).state() != e.state();
        List<Var> vars = List.of(
                new Var("ISS", num(e.iss())), new Var("IRS", num(e.irs())),
                new Var("SND.UNA", num(e.sndUna())), new Var("SND.NXT", num(e.sndNxt())),
                new Var("RCV.NXT", num(e.rcvNxt())), new Var("RCV.WND", e.rcvWnd() == null ? "—" : e.rcvWnd().toString()));
        List<TimerView> timers = new ArrayList<>();
        for (Timer t : e.timers()) {
            String left = ms(Math.max(0, t.dueAt() - s.time()));
            String detail = t.kind() == TimerKind.RETRANSMISSION
                    ? m.get(lang, "lab.timer.retx", ms(t.dueAt()), left, t.attempt(), ms(t.rto()))
                    : m.get(lang, "lab.timer.due", ms(t.dueAt()), left);
            timers.add(new TimerView(t.kind().key(), m.get(lang, "timer." + t.kind().key()), detail));
        }
        String failure = e.failure() == null ? null : lastFailure(s, side).map(f -> reason(lang, m, f.reason())).orElse(e.failure());
        return new EndpointView(side.key(), m.get(lang, "side." + side.key()), e.state().label(), changed, vars, timers,
                e.received() == null || e.received().isEmpty() ? null : e.received(), failure);
    }

    private static String announce(String lang, Words m, Snapshot s, Snapshot before, EndpointView client, EndpointView server) {
        StringBuilder text = new StringBuilder(m.get(lang, "lab.announce.time", ms(s.time())));
        if (client.changed()) text.append(' ').append(m.get(lang, "lab.announce.state", client.name(), client.state()));
        if (server.changed()) text.append(' ').append(m.get(lang, "lab.announce.state", server.name(), server.state()));
        if (before == null || (!client.changed() && !server.changed())) {
            text.append(' ').append(m.get(lang, "lab.announce.states", client.state(), server.state()));
        }
        return text.toString();
    }

    /** The replay link's query for this lab's current state. */
    public static String shareQuery(Snapshot s) {
        return new LabSpec(s.scenario(), s.seed(), s.profile(), s.actions()).query();
    }

    static String num(Long value) {
        return value == null ? "—" : value.toString();
    }

    /** Virtual time as learners read it: milliseconds below 10 s, seconds above. */
    public static String ms(long millis) {
        if (millis < 10_000) return millis + " ms";
        return String.format(Locale.ROOT, "%.3f s", millis / 1000.0);
    }

    /** One event in plain words in the page's language. */
    public static String describe(String lang, Words m, Event e, Snapshot s) {
        return describe(lang, m, e, e.side() == null ? "" : m.get(lang, "side." + e.side().key()));
    }

    /** One event in plain words in the page's language, {@code side} naming who (a side, or a host lab's connection). */
    public static String describe(String lang, Words m, Event e, String side) {
        if (e instanceof StateChanged c) {
            return m.get(lang, "event.state", side, c.from().label(), c.to().label(), reason(lang, m, c.reason()));
        }
        if (e instanceof SegmentSent sent) {
            return m.get(lang, sent.retransmission() ? "event.resent" : "event.sent", side, sent.n(), sent.segment().toString());
        }
        if (e instanceof SegmentArrived a) return m.get(lang, "event.arrived", side, a.n());
        if (e instanceof SegmentLost l) return m.get(lang, "event.lost", l.n());
        if (e instanceof TimerSet t) return m.get(lang, "event.timerSet", side, m.get(lang, "timer." + t.kind().key()), ms(t.dueAt()));
        if (e instanceof TimerFired t) return m.get(lang, "event.timerFired", side, m.get(lang, "timer." + t.kind().key()));
        if (e instanceof TimerCancelled t) return m.get(lang, "event.timerCancelled", side, m.get(lang, "timer." + t.kind().key()));
        if (e instanceof UserCall u) return m.get(lang, "event.call", side, u.call());
        if (e instanceof UserError u) return m.get(lang, "event.error", side, u.call(), reason(lang, m, u.reason()));
        if (e instanceof Delivered d) return m.get(lang, "event.delivered", side, d.data());
        if (e instanceof ConnectionFailed f) return m.get(lang, "event.failed", side, reason(lang, m, f.reason()));
        return e.describe();
    }

    /** Why the side's last connection failed, in the events: the endpoint itself keeps only the English. */
    private static java.util.Optional<ConnectionFailed> lastFailure(Snapshot s, Side side) {
        ConnectionFailed last = null;
        for (var event : s.events()) if (event instanceof ConnectionFailed f && f.side() == side) last = f;
        return java.util.Optional.ofNullable(last);
    }

    /** A simulator reason in the page's language; English comes from the simulator itself. */
    public static String reason(String lang, Words m, Reason reason) {
        String key = "why." + reason.why().name();
        if (lang.equals("en") || !m.has(lang, key)) return reason.english();
        return m.get(lang, key, reason.args().toArray());
    }

    @Override
    public String scenarioKey() {
        return scenario;
    }

    /** A view's version while it is set aside: its forms then carry {@link #VERSION_SLOT}. */
    public static final long SET_ASIDE = -1;

    /**
     * Where a cached rendering takes its version: a raw {@code <}, which escaped text (a
     * learner's data, a title) can never hold, so nothing else in the HTML can be mistaken for it.
     */
    public static final String VERSION_SLOT = "<tcplab-version>";

    /** The hidden field every form of the lab posts its version in. */
    public static String versionField(long version) {
        return "<input type=\"hidden\" name=\"version\" value=\"" + version + "\">";
    }

    /** This view with its version set aside: the key of its cached rendering. */
    public LabView withoutVersion() {
        return new LabView(lang, address, title, SET_ASIDE, time, client, server, inFlight, timeline, clientControls,
                serverControls, log, ladder, notice, question, feedback, announce, scenario, shareQuery, readOnly, origin,
                pending, segments, inspector, finished, nextTimer, keys);
    }

    public boolean hasControls() {
        return !clientControls.isEmpty() || !serverControls.isEmpty();
    }

    public String stateClass(String state) {
        return "st-" + state.toLowerCase(Locale.ROOT);
    }

}
