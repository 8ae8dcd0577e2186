package tcplab.export;

import tcplab.sim.EndpointSnapshot;
import tcplab.sim.Event;
import tcplab.sim.Fate;
import tcplab.sim.SegmentRecord;
import tcplab.sim.Side;
import tcplab.sim.Snapshot;
import tcplab.sim.StateChanged;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The ladder (sequence) diagram of a lab: the client's and the server's time lines, one arrow
 * per segment from (sender, sent) to (receiver, arrived) labelled in RFC notation, state names
 * where they change, virtual time on the left.
 *
 * <p>Time runs down on a compressed scale: up to 60 ms linearly (0.8 px/ms, at least 10 px), then
 * logarithmically up to 2.5 s (1 s is about 97 px), and a gap longer than that (a 60 s TIME-WAIT, a late SYN retry) is drawn short
 * with a break mark across both time lines, so a diagram stays a few hundred pixels tall.
 *
 * <p>{@link #inline} is for the page: it carries classes only (the site's CSP forbids inline
 * styles); the ladder section of {@code static/app.css} styles them with the site's colour
 * variables. The classes:
 * <ul>
 *   <li>{@code ladder}: the {@code <svg>} element;</li>
 *   <li>{@code lane}: the two time lines (one path); {@code lane-label}, {@code lane-addr}: their
 *       headings ("client", "192.0.2.10:49152");</li>
 *   <li>{@code seg}: a segment's group ({@code <path>} arrow and {@code <text>} label), with
 *       {@code seg-client} or {@code seg-server} (its sender) and any of {@code seg-lost}
 *       (the arrow ends in a {@code cross} path half-way), {@code seg-inflight} (drawn to where
 *       and when it will arrive; dash it) and {@code seg-retx} (a retransmission; its label ends in "(resent)");</li>
 *   <li>{@code state-label}: a state name on a time line; {@code time-label}: a time on the left;</li>
 *   <li>{@code time-break}: the break mark of a compressed gap; {@code now}: the current time.</li>
 * </ul>
 * {@link #standalone} is a complete SVG document with those rules inside, for slides.
 */
public final class LadderSvg {

    static final int WIDTH = 640;
    static final int CLIENT_X = 160;
    static final int SERVER_X = 520;
    static final int TIME_X = 52;
    static final int TOP = 60;
    /** Longest gap drawn to scale (logarithmically); longer ones get a break mark. */
    static final long BREAK_AFTER_MS = 2_500;
    private static final int STACK = 24;
    private static final int LABEL_MAX = 60;

    private static final String STANDALONE_CSS = String.join("",
            "svg{font:11px ui-monospace,'SFMono-Regular',Menlo,Consolas,'DejaVu Sans Mono','Liberation Mono',monospace}",
            ".bg{fill:#fff}",
            ".lane{stroke:#c4c8cc;stroke-width:2;fill:none}",
            ".lane-label,.state-label{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','DejaVu Sans',Arial,sans-serif;font-weight:600;fill:#1d2125}",
            ".lane-label{font-size:14px;text-anchor:middle}",
            ".lane-addr{font-size:10px;fill:#5a6169;text-anchor:middle}",
            ".state-label{font-size:11px}",
            ".time-label{font-size:10px;fill:#5a6169;text-anchor:end}",
            ".seg path{fill:none;stroke-width:1.5;stroke-linecap:round;stroke-linejoin:round}",
            ".seg text{text-anchor:middle}",
            ".seg-client path{stroke:#0b5cad}.seg-client text{fill:#0b5cad}",
            ".seg-server path{stroke:#8a3b00}.seg-server text{fill:#8a3b00}",
            ".seg .cross{stroke:#b00020;stroke-width:2}",
            ".seg-inflight path{stroke-dasharray:5 4}",
            ".seg-retx text{font-style:italic}",
            ".time-break{stroke:#5a6169;fill:none}",
            ".now{stroke:#5a6169;stroke-dasharray:2 3}");

    private LadderSvg() {}

    /** An {@code <svg>} element for a page: classes only, {@code role="img"}, a title and a description. */
    public static String inline(Snapshot snapshot, String title) {
        return inline(snapshot, title, "client", "server");
    }

    /** The same, with the two time lines headed in the page's language. */
    public static String inline(Snapshot snapshot, String title, String clientName, String serverName) {
        return render(snapshot, title, false, clientName, serverName);
    }

    /** A complete SVG document with its own styles and a white background, for slides and downloads. */
    public static String standalone(Snapshot snapshot) {
        return render(snapshot, defaultTitle(snapshot), true, "client", "server");
    }

    /** "TCP Lab: handshake (connect, next)". */
    public static String defaultTitle(Snapshot snapshot) {
        String actions = snapshot.actions().isEmpty() ? "no actions" : String.join(", ", snapshot.actions());
        return "TCP Lab: " + snapshot.scenario().key() + " (" + actions + ")";
    }

    private static String render(Snapshot s, String title, boolean standalone, String clientName, String serverName) {
        Scale scale = Scale.of(s);
        int now = scale.y(s.time());
        int bottom = Math.max(now, scale.last());
        int height = bottom + 28;
        StringBuilder b = new StringBuilder(4096);
        if (standalone) b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ladder\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(height).append('"');
        if (standalone) b.append(" width=\"").append(WIDTH).append("\" height=\"").append(height).append('"');
        b.append(" role=\"img\"><title>").append(escape(title)).append("</title><desc>")
                .append(escape(description(s))).append("</desc>");
        if (standalone) {
            b.append("<style>").append(STANDALONE_CSS).append("</style><rect class=\"bg\" width=\"100%\" height=\"100%\"/>");
        }
        lanes(b, scale, now, bottom, clientName, serverName);
        for (SegmentRecord r : s.segments()) segment(b, s, r, scale);
        states(b, s, scale);
        times(b, s, scale);
        b.append("</svg>");
        if (standalone) b.append('\n');
        return b.toString();
    }

    // --- lanes, breaks, now ---------------------------------------------------------------

    private static void lanes(StringBuilder b, Scale scale, int now, int bottom, String clientName, String serverName) {
        int end = bottom + 16;
        StringBuilder d = new StringBuilder();
        for (int x : new int[] {CLIENT_X, SERVER_X}) {
            int from = TOP - 10;
            for (int gapY : scale.breaks) {
                d.append('M').append(x).append(' ').append(from).append('V').append(gapY - 5);
                from = gapY + 5;
            }
            d.append('M').append(x).append(' ').append(from).append('V').append(end);
        }
        b.append("<path class=\"lane\" d=\"").append(d).append("\"/>");
        if (!scale.breaks.isEmpty()) {
            StringBuilder m = new StringBuilder();
            for (int y : scale.breaks) {
                for (int x : new int[] {CLIENT_X, SERVER_X}) {
                    m.append('M').append(x - 8).append(' ').append(y - 2).append("l16-6M")
                            .append(x - 8).append(' ').append(y + 6).append("l16-6");
                }
            }
            b.append("<path class=\"time-break\" d=\"").append(m).append("\"/>");
        }
        b.append("<path class=\"now\" d=\"M").append(CLIENT_X).append(' ').append(now).append('H').append(SERVER_X).append("\"/>");
        laneHeading(b, CLIENT_X, escape(clientName), Wire.CLIENT_ADDRESS + ":" + Wire.CLIENT_PORT);
        laneHeading(b, SERVER_X, escape(serverName), Wire.SERVER_ADDRESS + ":" + Wire.SERVER_PORT);
    }

    private static void laneHeading(StringBuilder b, int x, String name, String address) {
        b.append("<text class=\"lane-label\" x=\"").append(x).append("\" y=\"16\">").append(name)
                .append("</text><text class=\"lane-addr\" x=\"").append(x).append("\" y=\"29\">")
                .append(address).append("</text>");
    }

    // --- segments --------------------------------------------------------------------------

    private static void segment(StringBuilder b, Snapshot s, SegmentRecord r, Scale scale) {
        int x1 = lane(r.from());
        int x2 = lane(r.to());
        int lift = scale.stack(r) * STACK;
        double y1 = scale.y(r.sentAt()) + lift;
        // the whole trip, as it went or would go; the label sits on it whatever the fate
        double y2 = Math.max(y1 + 1, scale.y(r.arrivedAt() != null ? r.arrivedAt() : r.dueAt()) + lift);
        double ex = x2;
        double ey = y2;
        boolean lost = r.fate() == Fate.LOST;
        if (lost) {
            ex = (x1 + x2) / 2.0;
            ey = scale.y(lostAt(r)) + lift;
        }
        // a segment in flight is drawn dashed all the way to where and when it will arrive
        StringBuilder cls = new StringBuilder("seg seg-").append(r.from().key());
        if (lost) cls.append(" seg-lost");
        if (r.fate() == Fate.IN_FLIGHT) cls.append(" seg-inflight");
        if (r.retransmission()) cls.append(" seg-retx");

        b.append("<g class=\"").append(cls).append("\"><path d=\"M").append(x1).append(' ').append(round(y1))
                .append('L').append(round(ex)).append(' ').append(round(ey));
        double dx = ex - x1;
        double dy = ey - y1;
        double length = Math.hypot(dx, dy);
        if (!lost && length > 8) {
            double ux = dx / length;
            double uy = dy / length;
            // an open chevron: two strokes back from the tip, 8 px long, 4 px either side
            b.append('M').append(round(ex - 8 * ux - 4 * uy)).append(' ').append(round(ey - 8 * uy + 4 * ux))
                    .append('L').append(round(ex)).append(' ').append(round(ey))
                    .append('L').append(round(ex - 8 * ux + 4 * uy)).append(' ').append(round(ey - 8 * uy - 4 * ux));
        }
        b.append("\"/>");
        if (lost) {
            b.append("<path class=\"cross\" d=\"M").append(round(ex - 4)).append(' ').append(round(ey - 4))
                    .append("l8 8m0-8l-8 8\"/>");
        }
        // The label reads left to right along the trip, just above it at its middle. When the
        // trip crosses one going the other way (simultaneous open/close), each label moves
        // towards its sender and the server's goes below its arrow, so the two stay apart.
        boolean crossing = crossesOpposite(s, r);
        double at = crossing ? 0.28 : 0.5;
        boolean below = crossing && r.from() == Side.SERVER;
        double mx = x1 + (x2 - x1) * at;
        double my = y1 + (y2 - y1) * at;
        double angle = Math.toDegrees(Math.atan2(x2 > x1 ? y2 - y1 : y1 - y2, Math.abs(x2 - x1)));
        b.append("<text x=\"").append(round(mx)).append("\" y=\"").append(round(my + (below ? 13 : -6)))
                .append("\" transform=\"rotate(").append(oneDecimal(angle)).append(' ').append(round(mx))
                .append(' ').append(round(my)).append(")\">").append(escape(label(r))).append("</text></g>");
    }

    static String label(SegmentRecord r) {
        String suffix = r.retransmission() ? " (resent)" : "";
        String text = r.n() + " " + r.segment();
        int room = LABEL_MAX - suffix.length();
        if (text.length() > room) text = text.substring(0, room - 1) + "…";
        return text + suffix;
    }

    private static boolean crossesOpposite(Snapshot s, SegmentRecord r) {
        long start = r.sentAt();
        long end = endOf(s, r);
        for (SegmentRecord o : s.segments()) {
            if (o.from() == r.from()) continue;
            if (o.sentAt() < end && start < endOf(s, o)) return true;
        }
        return false;
    }

    private static long endOf(Snapshot s, SegmentRecord r) {
        if (r.fate() == Fate.ARRIVED) return r.arrivedAt();
        if (r.fate() == Fate.LOST) return lostAt(r);
        return r.dueAt();
    }

    /** Where a lost segment's arrow ends: half-way through its trip. */
    static long lostAt(SegmentRecord r) {
        return r.sentAt() + (r.dueAt() - r.sentAt()) / 2;
    }

    // --- states and times ------------------------------------------------------------------

    private static void states(StringBuilder b, Snapshot s, Scale scale) {
        Map<Side, Integer> last = new HashMap<>();
        for (Side side : Side.values()) {
            String initial = null;
            for (Event e : s.events()) {
                if (e instanceof StateChanged c && c.side() == side) {
                    initial = c.from().label();
                    break;
                }
            }
            if (initial == null) initial = endpoint(s, side).state().label();
            stateLabel(b, side, TOP - 14, initial);
            last.put(side, TOP - 14);
        }
        for (Event e : s.events()) {
            if (!(e instanceof StateChanged c)) continue;
            int y = Math.max(scale.y(c.at()) + 4, last.get(c.side()) + 13);
            last.put(c.side(), y);
            stateLabel(b, c.side(), y, c.to().label());
        }
    }

    private static void stateLabel(StringBuilder b, Side side, int y, String text) {
        boolean client = side == Side.CLIENT;
        b.append("<text class=\"state-label\" x=\"").append(client ? CLIENT_X - 8 : SERVER_X + 8).append("\" y=\"").append(y)
                .append('"').append(client ? " text-anchor=\"end\"" : "").append('>').append(text).append("</text>");
    }

    private static void times(StringBuilder b, Snapshot s, Scale scale) {
        TreeSet<Long> marks = new TreeSet<>();
        for (SegmentRecord r : s.segments()) {
            marks.add(r.sentAt());
            if (r.arrivedAt() != null) marks.add(r.arrivedAt());
        }
        for (Event e : s.events()) if (e instanceof StateChanged) marks.add(e.at());
        marks.add(s.time());
        marks.removeIf(t -> t > s.time());
        int lastY = -1000;
        for (long t : marks) {
            int y = scale.y(t) + 4;
            if (y - lastY < 12 && t != s.time()) continue;
            lastY = y;
            b.append("<text class=\"time-label\" x=\"").append(TIME_X).append("\" y=\"").append(y).append("\">")
                    .append(time(t)).append("</text>");
        }
    }

    /** "50 ms", "1.05 s", "61 s". */
    static String time(long ms) {
        if (Math.abs(ms) < 1000) return ms + " ms";
        String seconds = String.format(Locale.ROOT, "%.3f", ms / 1000.0).replaceAll("0+$", "").replaceAll("\\.$", "");
        return seconds + " s";
    }

    // --- description -------------------------------------------------------------------------

    static String description(Snapshot s) {
        StringBuilder d = new StringBuilder();
        d.append("Ladder diagram of the ").append(s.scenario().key()).append(" scenario at ").append(time(s.time()))
                .append(": the client ends in ").append(s.client().state().label())
                .append(", the server in ").append(s.server().state().label()).append('.');
        for (SegmentRecord r : s.segments()) {
            d.append(" Segment ").append(r.n()).append(", ").append(r.from().key()).append(" to ").append(r.to().key())
                    .append(", ").append(r.segment());
            if (r.retransmission()) d.append(", a retransmission");
            d.append(", sent at ").append(time(r.sentAt()));
            switch (r.fate()) {
                case ARRIVED -> d.append(", arrived at ").append(time(r.arrivedAt()));
                case LOST -> d.append(", lost");
                case IN_FLIGHT -> d.append(", in flight");
            }
            d.append('.');
        }
        return d.toString();
    }

    // --- geometry ----------------------------------------------------------------------------

    private static int lane(Side side) {
        return side == Side.CLIENT ? CLIENT_X : SERVER_X;
    }

    private static EndpointSnapshot endpoint(Snapshot s, Side side) {
        return side == Side.CLIENT ? s.client() : s.server();
    }

    private static long round(double v) {
        return Math.round(v);
    }

    private static String oneDecimal(double v) {
        long tenths = Math.round(v * 10);
        return tenths % 10 == 0 ? String.valueOf(tenths / 10) : String.format(Locale.ROOT, "%.1f", tenths / 10.0);
    }

    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> {
                    // XML 1.0 allows no C0 controls but tab, newline and carriage return
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') b.append('\uFFFD');
                    else b.append(c);
                }
            }
        }
        return b.toString();
    }

    /**
     * The compressed time scale: every time at which something is drawn gets a y, each gap
     * between neighbours a height that grows with its length, linearly then logarithmically,
     * and stops growing past {@link #BREAK_AFTER_MS} (those gaps carry a break mark).
     */
    static final class Scale {
        private final long[] times;
        private final int[] ys;
        final List<Integer> breaks = new ArrayList<>();
        private final Map<Integer, Integer> stackIndex = new HashMap<>();

        private Scale(long[] times, int[] ys) {
            this.times = times;
            this.ys = ys;
        }

        static Scale of(Snapshot s) {
            TreeSet<Long> keys = new TreeSet<>();
            keys.add(0L);
            keys.add(s.time());
            for (SegmentRecord r : s.segments()) {
                keys.add(r.sentAt());
                if (r.arrivedAt() != null) keys.add(r.arrivedAt());
                else keys.add(r.dueAt());
                if (r.fate() == Fate.LOST) keys.add(lostAt(r));
            }
            for (Event e : s.events()) if (e instanceof StateChanged) keys.add(e.at());
            // extra room below a time at which one side sends several segments at once
            Map<String, Integer> sameTime = new HashMap<>();
            Map<Long, Integer> extra = new HashMap<>();
            Map<Integer, Integer> index = new HashMap<>();
            for (SegmentRecord r : s.segments()) {
                int k = sameTime.merge(r.from() + "@" + r.sentAt(), 1, Integer::sum) - 1;
                index.put(r.n(), k);
                extra.merge(r.sentAt(), k, Math::max);
                if (r.arrivedAt() != null) extra.merge(r.arrivedAt(), k, Math::max);
            }
            long[] times = keys.stream().mapToLong(Long::longValue).toArray();
            int[] ys = new int[times.length];
            List<Integer> breaks = new ArrayList<>();
            double y = TOP;
            for (int i = 0; i < times.length; i++) {
                if (i > 0) {
                    long gap = times[i] - times[i - 1];
                    double h = height(gap) + extra.getOrDefault(times[i - 1], 0) * STACK;
                    if (gap > BREAK_AFTER_MS) breaks.add((int) Math.round(y + h / 2));
                    y += h;
                }
                ys[i] = (int) Math.round(y);
            }
            Scale scale = new Scale(times, ys);
            scale.breaks.addAll(breaks);
            scale.stackIndex.putAll(index);
            return scale;
        }

        /** Height in pixels of a gap of {@code ms}. */
        static double height(long ms) {
            if (ms <= 0) return 0;
            if (ms <= 60) return Math.max(10, ms * 0.8);
            if (ms <= BREAK_AFTER_MS) return 48 + 12 * log2(ms / 60.0);
            return 104 + 4 * log2(ms / (double) BREAK_AFTER_MS);
        }

        private static double log2(double v) {
            return Math.log(v) / Math.log(2);
        }

        int last() {
            return ys.length == 0 ? TOP : ys[ys.length - 1];
        }

        int stack(SegmentRecord r) {
            return stackIndex.getOrDefault(r.n(), 0);
        }

        /** The y of time {@code t}: exact at the keys, linear between them, clamped outside. */
        int y(long t) {
            if (times.length == 0) return TOP;
            if (t <= times[0]) return ys[0];
            for (int i = 1; i < times.length; i++) {
                if (t <= times[i]) {
                    double f = (double) (t - times[i - 1]) / (times[i] - times[i - 1]);
                    return (int) Math.round(ys[i - 1] + f * (ys[i] - ys[i - 1]));
                }
            }
            return ys[ys.length - 1];
        }
    }
}
