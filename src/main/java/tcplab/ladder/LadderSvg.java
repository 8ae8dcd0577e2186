package tcplab.ladder;

import tcplab.sim.EndpointSnapshot;
import tcplab.sim.Event;
import tcplab.sim.Fate;
import tcplab.sim.SegmentRecord;
import tcplab.sim.Side;
import tcplab.sim.Simulation;
import tcplab.sim.Snapshot;
import tcplab.sim.StateChanged;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntFunction;

import static tcplab.ladder.TextMetrics.LINE;
import static tcplab.ladder.TimeScale.TOP;

/**
 * The ladder (sequence) diagram of a lab as SVG: the client's and the server's time lines, one
 * arrow per segment from (sender, sent) to (receiver, arrived) labelled in RFC notation, state
 * names where they change, virtual time on the left. Time runs down on a {@link TimeScale};
 * labels are placed by {@link LabelLayout}; every word comes from the caller's {@link LadderWords}.
 *
 * <p>{@link #inline} is for the page: it carries classes only (the site's CSP forbids inline
 * styles); the ladder section of {@code static/app.css} styles them with the site's colour
 * variables. The classes:
 * <ul>
 *   <li>{@code ladder}: the {@code <svg>} element;</li>
 *   <li>{@code lane}: the two time lines (one path); {@code lane-label}, {@code lane-addr}: their
 *       headings ("Client", "192.0.2.10:49152");</li>
 *   <li>{@code seg}: a segment's group ({@code <path>} arrow and {@code <text>} label), with
 *       {@code seg-client} or {@code seg-server} (its sender) and any of {@code seg-lost}
 *       (the arrow ends in a {@code cross} path half-way), {@code seg-inflight} (drawn to where
 *       and when it will arrive; dash it) and {@code seg-retx} (a retransmission; its label ends in
 *       the words' {@code resent});</li>
 *   <li>{@code state-label}: a state name on a time line; {@code time-label}: a time on the left;</li>
 *   <li>{@code time-break}: the break mark of a compressed gap; {@code now}: the current time;</li>
 *   <li>{@code seg-link}: on a narrow ladder drawn with links, the {@code <a>} around a segment's
 *       group; {@code hit}: its transparent line for a finger.</li>
 * </ul>
 * {@link #standalone} is a complete SVG document with those rules inside, for slides.
 */
public final class LadderSvg {

    private static final String CLIENT_ADDRESS = Simulation.CLIENT_ADDRESS + ":" + Simulation.CLIENT_PORT;
    private static final String SERVER_ADDRESS = Simulation.SERVER_ADDRESS + ":" + Simulation.SERVER_PORT;

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

    /** The standalone document's rules, for the host ladder's documents too. */
    static String standaloneCss() {
        return STANDALONE_CSS;
    }

    /**
     * Two {@code <svg>} elements for a page, the same ladder for a laptop ({@code ladder
     * ladder-wide}) and for a phone ({@code ladder ladder-narrow}: short labels, each segment's
     * whole notation and fate in its {@code <title>}); the page's CSS shows one by the width.
     * Classes only, {@code role="img"}, the words' title and a description.
     */
    public static String inline(Snapshot snapshot, LadderWords words) {
        return inline(snapshot, words, (IntFunction<String>) null);
    }

    /**
     * The same two drawings, the narrow one's segments made links to {@code links.apply(n)}
     * (segment n's header inspector, so a tap leads somewhere without JavaScript; lab.js shows
     * the title beside the ladder instead). A narrow ladder with links is {@code role="group"}:
     * each segment an {@code <a class="seg-link">} named by its title and carrying its notation
     * in {@code data-notation}, its arrow widened for a finger by a transparent {@code hit} path;
     * the lanes, states and times are hidden from screen readers, the description says them.
     */
    public static String inline(Snapshot snapshot, LadderWords words, IntFunction<String> links) {
        return render(snapshot, words, false, Geometry.WIDE, null) + render(snapshot, words, false, Geometry.NARROW, links);
    }

    /** One {@code <svg>} element for a page, drawn for {@code g}. */
    static String inline(Snapshot snapshot, LadderWords words, Geometry g) {
        return render(snapshot, words, false, g, null);
    }

    /** One narrow {@code <svg>} element whose segments link to {@code links.apply(n)}. */
    static String inline(Snapshot snapshot, LadderWords words, Geometry g, IntFunction<String> links) {
        return render(snapshot, words, false, g, links);
    }

    /** A complete SVG document with its own styles and a white background, for slides and downloads. */
    public static String standalone(Snapshot snapshot, LadderWords words) {
        return render(snapshot, words.titled(documentTitle(snapshot, words)), true, Geometry.WIDE, null);
    }

    /** "TCP Lab: handshake (connect, next)", in the words' language. */
    public static String documentTitle(Snapshot snapshot, LadderWords words) {
        String actions = snapshot.actions().isEmpty() ? words.noActions() : String.join(", ", snapshot.actions());
        return LadderWords.format(words.documentTitle(), snapshot.scenario().key(), actions);
    }

    private static String render(Snapshot s, LadderWords words, boolean standalone, Geometry g, IntFunction<String> links) {
        boolean linked = links != null && g.shortLabels();
        LabelLayout.Layout layout = LabelLayout.layout(s, g, words.resent());
        TimeScale scale = layout.scale();
        int now = scale.y(s.time());
        // everything drawn must fit: arrows lifted below their time, labels below their arrows
        double lowest = Math.max(now, scale.last());
        for (LabelLayout.Arrow a : layout.arrows()) lowest = Math.max(lowest, Math.max(a.y2(), a.ey()));
        for (LabelLayout.Label l : layout.labels()) lowest = Math.max(lowest, l.box().bottom());
        int bottom = (int) Math.ceil(lowest);
        int height = bottom + 28;
        StringBuilder b = new StringBuilder(4096);
        if (standalone) b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ladder");
        if (!standalone) b.append(" ladder-").append(g.name());
        b.append("\" viewBox=\"0 0 ")
                .append(g.width()).append(' ').append(height).append('"');
        if (standalone) b.append(" width=\"").append(g.width()).append("\" height=\"").append(height).append('"');
        b.append(linked ? " role=\"group\"><title>" : " role=\"img\"><title>").append(escape(words.title())).append("</title><desc>")
                .append(escape(description(s, words))).append("</desc>");
        if (standalone) {
            b.append("<style>").append(STANDALONE_CSS).append("</style><rect class=\"bg\" width=\"100%\" height=\"100%\"/>");
        }
        String quiet = linked ? "<g aria-hidden=\"true\">" : "";
        String loud = linked ? "</g>" : "";
        b.append(quiet);
        lanes(b, g, scale, now, bottom, words);
        b.append(loud);
        for (int i = 0; i < layout.arrows().size(); i++) {
            LabelLayout.Arrow a = layout.arrows().get(i);
            String whole = g.shortLabels() ? sentence(a.record(), words).strip() : null;
            segment(b, a, layout.labels().get(i), whole, linked ? links.apply(a.record().n()) : null);
        }
        b.append(quiet);
        states(b, g, s, scale);
        times(b, g, s, scale);
        b.append(loud);
        b.append("</svg>");
        if (standalone) b.append('\n');
        return b.toString();
    }

    // --- lanes, breaks, now ---------------------------------------------------------------

    private static void lanes(StringBuilder b, Geometry g, TimeScale scale, int now, int bottom, LadderWords words) {
        int end = bottom + 16;
        StringBuilder d = new StringBuilder();
        for (int x : new int[] {g.clientX(), g.serverX()}) {
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
                for (int x : new int[] {g.clientX(), g.serverX()}) {
                    m.append('M').append(x - 8).append(' ').append(y - 2).append("l16-6M")
                            .append(x - 8).append(' ').append(y + 6).append("l16-6");
                }
            }
            b.append("<path class=\"time-break\" d=\"").append(m).append("\"/>");
        }
        b.append("<path class=\"now\" d=\"M").append(g.clientX()).append(' ').append(now).append('H').append(g.serverX()).append("\"/>");
        laneHeading(b, g.clientX(), escape(words.client()), CLIENT_ADDRESS);
        laneHeading(b, g.serverX(), escape(words.server()), SERVER_ADDRESS);
    }

    private static void laneHeading(StringBuilder b, int x, String name, String address) {
        b.append("<text class=\"lane-label\" x=\"").append(x).append("\" y=\"16\">").append(name)
                .append("</text><text class=\"lane-addr\" x=\"").append(x).append("\" y=\"29\">")
                .append(address).append("</text>");
    }

    // --- segments --------------------------------------------------------------------------

    /**
     * A segment's arrow and label; {@code whole}, if not null, is what a short label leaves out
     * (the whole notation and the fate), as its title; {@code link}, if not null, where a tap leads.
     */
    private static void segment(StringBuilder b, LabelLayout.Arrow a, LabelLayout.Label label, String whole, String link) {
        SegmentRecord r = a.record();
        if (link != null) {
            b.append("<a class=\"seg-link\" href=\"").append(escape(link)).append("\" data-seg=\"").append(r.n())
                    .append("\" data-notation=\"").append(escape(r.segment().toString())).append("\"><title>")
                    .append(escape(whole)).append("</title>");
            whole = null; // the link's title names it
        }
        // a segment in flight is drawn dashed all the way to where and when it will arrive
        StringBuilder cls = new StringBuilder("seg seg-").append(r.from().key());
        if (a.lost()) cls.append(" seg-lost");
        if (r.fate() == Fate.IN_FLIGHT) cls.append(" seg-inflight");
        if (r.retransmission()) cls.append(" seg-retx");

        b.append("<g class=\"").append(cls).append("\">");
        if (whole != null) b.append("<title>").append(escape(whole)).append("</title>");
        if (link != null) {
            // what a finger can hit: the arrow's line, 16 px wide and transparent
            b.append("<path class=\"hit\" d=\"M").append(round(a.x1())).append(' ').append(round(a.y1()))
                    .append('L').append(round(a.ex())).append(' ').append(round(a.ey())).append("\"/>");
        }
        b.append("<path d=\"M").append(round(a.x1())).append(' ').append(round(a.y1()))
                .append('L').append(round(a.ex())).append(' ').append(round(a.ey()));
        double dx = a.ex() - a.x1();
        double dy = a.ey() - a.y1();
        double length = Math.hypot(dx, dy);
        if (!a.lost() && length > 8) {
            double ux = dx / length;
            double uy = dy / length;
            // an open chevron: two strokes back from the tip, 8 px long, 4 px either side
            b.append('M').append(round(a.ex() - 8 * ux - 4 * uy)).append(' ').append(round(a.ey() - 8 * uy + 4 * ux))
                    .append('L').append(round(a.ex())).append(' ').append(round(a.ey()))
                    .append('L').append(round(a.ex() - 8 * ux + 4 * uy)).append(' ').append(round(a.ey() - 8 * uy - 4 * ux));
        }
        b.append("\"/>");
        if (a.lost()) {
            b.append("<path class=\"cross\" d=\"M").append(round(a.ex() - 4)).append(' ').append(round(a.ey() - 4))
                    .append("l8 8m0-8l-8 8\"/>");
        }
        long mx = round(label.x());
        long my = round(label.y());
        String rotate = " transform=\"rotate(" + oneDecimal(label.angle()) + ' ' + mx + ' ' + my + ")\">";
        double baseline = label.baseline();
        if (label.lines().size() == 1) {
            b.append("<text x=\"").append(mx).append("\" y=\"").append(round(label.y() + baseline)).append('"').append(rotate)
                    .append(escape(label.lines().get(0))).append("</text></g>");
            if (link != null) b.append("</a>");
            return;
        }
        b.append("<text").append(rotate);
        for (String line : label.lines()) {
            b.append("<tspan x=\"").append(mx).append("\" y=\"").append(round(label.y() + baseline)).append("\">")
                    .append(escape(line)).append("</tspan>");
            baseline += LINE;
        }
        b.append("</text></g>");
        if (link != null) b.append("</a>");
    }

    // --- states and times ------------------------------------------------------------------

    private static void states(StringBuilder b, Geometry g, Snapshot s, TimeScale scale) {
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
            stateLabel(b, g, side, TOP - 14, initial);
            last.put(side, TOP - 14);
        }
        for (Event e : s.events()) {
            if (!(e instanceof StateChanged c)) continue;
            int y = Math.max(scale.y(c.at()) + 4, last.get(c.side()) + 13);
            last.put(c.side(), y);
            stateLabel(b, g, c.side(), y, c.to().label());
        }
    }

    private static void stateLabel(StringBuilder b, Geometry g, Side side, int y, String text) {
        boolean client = side == Side.CLIENT;
        b.append("<text class=\"state-label\" x=\"").append(client ? g.clientX() - 8 : g.serverX() + 8).append("\" y=\"").append(y)
                .append('"').append(client ? " text-anchor=\"end\"" : "").append('>').append(text).append("</text>");
    }

    private static void times(StringBuilder b, Geometry g, Snapshot s, TimeScale scale) {
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
            b.append("<text class=\"time-label\" x=\"").append(g.timeX()).append("\" y=\"").append(y).append("\">")
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

    /** What a screen reader says of the whole diagram, segment by segment, in the words' language. */
    static String description(Snapshot s, LadderWords words) {
        StringBuilder d = new StringBuilder(LadderWords.format(words.description(), s.scenario().key(), time(s.time()),
                s.client().state().label(), s.server().state().label()));
        for (SegmentRecord r : s.segments()) d.append(sentence(r, words));
        return d.toString();
    }

    /** One segment in words: number, direction, whole notation, when sent, and its fate (with the language's leading space, if any). */
    static String sentence(SegmentRecord r, LadderWords words) {
        String fate = switch (r.fate()) {
            case ARRIVED -> LadderWords.format(words.arrived(), time(r.arrivedAt()));
            case LOST -> words.lost();
            case IN_FLIGHT -> words.inFlight();
        };
        return LadderWords.format(r.retransmission() ? words.segmentResent() : words.segment(), r.n(),
                r.from() == Side.CLIENT ? words.toServer() : words.toClient(), r.segment(), time(r.sentAt()), fate);
    }

    // --- helpers -----------------------------------------------------------------------------

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
}
