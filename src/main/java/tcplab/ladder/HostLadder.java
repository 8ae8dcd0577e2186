package tcplab.ladder;

import tcplab.sim.Fate;
import tcplab.sim.Flag;
import tcplab.sim.HostAction;
import tcplab.sim.HostLab;
import tcplab.sim.HostSnapshot;
import tcplab.sim.HostSnapshot.HostSegment;
import tcplab.sim.Segment;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The ladder of a host lab: a lane per host that matters (the clients that sent or received
 * something, the server, the attacker when it flooded), one row per segment, newest at the
 * bottom, and a flood summarised as one row per burst ("10,000 × SYN attacker → server") instead
 * of 10,000 arrows. Labels sit on their own line above their arrow, left-aligned and cut to the
 * drawing's width, so the layout is bounded whatever the number of lanes: nothing crosses the
 * width on a phone. At most {@link #MAX_ROWS} rows are drawn; earlier ones are counted in a note.
 * Words come from the site's messages through {@code words} (keys {@code host.ladder.*},
 * {@code side.*}).
 *
 * <p>On a page, the narrow drawing's rows can be links, as {@link LadderSvg}'s segments are: an
 * {@code <a class="seg-link">} around each row, leading to the header inspector (a burst's first
 * segment), titled with the row in full (a burst: its range of numbers, count and times) and
 * carrying its notation in {@code data-notation}, for lab.js's note under the ladder.
 */
public final class HostLadder {

    /** Rows drawn at most: the latest ones. */
    public static final int MAX_ROWS = 40;
    private static final int TOP = 52;
    /**
     * A row: its label's line (baseline {@link #BASELINE}, the text from ASCENT above it to DESCENT
     * below), then its arrow from {@link #ARROW_TOP} to {@link #ARROW_BOTTOM}, clear of both
     * labels by more than half a burst's stroke (5 px) and its arrowhead (3 px below the end).
     */
    private static final int ROW = 34;
    private static final int BASELINE = 10;
    private static final int ARROW_TOP = 18;
    private static final int ARROW_BOTTOM = 28;

    /** What the host ladder adds to the standalone rules (app.css's host section has the same for pages). */
    private static final String HOST_CSS = ".ladder .a-start,.ladder .seg text.a-start{text-anchor:start}.ladder .a-end{text-anchor:end}"
            + ".ladder .a-middle{text-anchor:middle}.seg-attacker path{stroke:#6b2fa0}.seg-attacker text{fill:#6b2fa0}.seg .burst{stroke-width:5}";

    private HostLadder() {}

    /** A wide and a narrow drawing for a page (classes {@code ladder ladder-wide|narrow}, like {@link LadderSvg#inline}). */
    public static String inline(HostSnapshot s, Function<String, String> words) {
        return inline(s, words, null);
    }

    /** The same two drawings, the narrow one's rows links to {@code links.apply(n)} (the inspector of a row's first segment; null: none). */
    public static String inline(HostSnapshot s, Function<String, String> words, IntFunction<String> links) {
        return render(s, words, Geometry.WIDE, false, null) + render(s, words, Geometry.NARROW, false, links);
    }

    /** A complete SVG document with its own styles, for downloads. */
    public static String standalone(HostSnapshot s, Function<String, String> words) {
        return render(s, words, Geometry.WIDE, true, null);
    }

    /** One row: a segment, or a burst of segments between the attacker and a host with the same control bits. */
    record Row(int firstN, int lastN, String from, String to, String flags, int count, Fate fate, boolean retransmission,
               long sentAt, long lastSentAt, Long arrivedAt, String detail) {
        boolean burst() {
            return count > 1;
        }
    }

    /** The rows of the lab, bursts merged; only the latest {@code max} are kept, with the count of those left out. */
    static List<Row> rows(HostSnapshot s) {
        List<Row> rows = new ArrayList<>();
        List<HostSegment> segments = s.segments();
        Row open = null;
        for (HostSegment seg : segments) {
            String flags = flags(seg.segment());
            boolean attacker = seg.from().equals(HostLab.ATTACKER) || seg.to().equals(HostLab.ATTACKER);
            // a burst holds segments sent at one moment only: a flood, or one round of its SYN-ACK resends
            if (attacker && open != null && open.from().equals(seg.from()) && open.to().equals(seg.to()) && open.flags().equals(flags)
                    && open.sentAt() == seg.sentAt()) {
                open = new Row(open.firstN(), seg.n(), open.from(), open.to(), flags, open.count() + 1,
                        open.fate() == seg.fate() ? seg.fate() : null, open.retransmission() && seg.retransmission(), open.sentAt(),
                        seg.sentAt(), null, null);
                rows.set(rows.size() - 1, open);
                continue;
            }
            Row row = new Row(seg.n(), seg.n(), seg.from(), seg.to(), flags, 1, seg.fate(), seg.retransmission(), seg.sentAt(),
                    seg.sentAt(), seg.arrivedAt(), detail(seg));
            rows.add(row);
            open = attacker ? row : null;
        }
        return rows;
    }

    /** The lanes that matter, left to right: the clients in their order, the server, the attacker. */
    static List<String> lanes(HostSnapshot s, List<Row> rows) {
        Set<String> used = new LinkedHashSet<>();
        for (Row r : rows) {
            used.add(r.from());
            used.add(r.to());
        }
        s.connections().stream().limit(200).forEach(c -> used.add(c.host()));
        List<String> lanes = new ArrayList<>();
        for (String h : HostAction.HOSTS) if (!h.equals(HostLab.SERVER) && used.contains(h)) lanes.add(h);
        if (lanes.isEmpty()) lanes.add("client");
        lanes.add(HostLab.SERVER);
        if (used.contains(HostLab.ATTACKER)) lanes.add(HostLab.ATTACKER);
        return lanes;
    }

    private static String render(HostSnapshot s, Function<String, String> words, Geometry g, boolean standalone, IntFunction<String> links) {
        List<Row> all = rows(s);
        List<String> lanes = lanes(s, all);
        int hidden = Math.max(0, all.size() - MAX_ROWS);
        List<Row> rows = all.subList(hidden, all.size());
        int left = 20;
        int right = g.width() - 20;
        int[] xs = new int[lanes.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = lanes.size() == 1 ? (left + right) / 2 : left + (right - left) * i / (lanes.size() - 1);
        }
        int top = TOP + (hidden > 0 ? 16 : 0);
        int bottom = top + rows.size() * ROW + 10;
        int height = bottom + 16;
        int maxColumns = (int) ((g.width() - 2 * 8) / g.charWidth());
        NumberFormat grouping = NumberFormat.getIntegerInstance(Locale.ENGLISH);

        StringBuilder b = new StringBuilder(4096 + rows.size() * 300);
        if (standalone) b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ladder host-ladder");
        if (!standalone) b.append(" ladder-").append(g.name());
        b.append("\" viewBox=\"0 0 ").append(g.width()).append(' ').append(height).append('"');
        if (standalone) b.append(" width=\"").append(g.width()).append("\" height=\"").append(height).append('"');
        b.append(links != null ? " role=\"group\"><title>" : " role=\"img\"><title>").append(LadderSvg.escape(words.apply("host.ladder.title"))).append("</title><desc>")
                .append(LadderSvg.escape(LadderWords.format(words.apply("host.ladder.desc"), grouping.format(s.segments().size()),
                        s.time(), grouping.format(rows.size()))))
                .append("</desc>");
        if (standalone) {
            b.append("<style>").append(LadderSvg.standaloneCss())
                    .append(HOST_CSS)
                    .append("</style><rect class=\"bg\" width=\"100%\" height=\"100%\"/>");
        }
        // lanes and their headings (alternate heights when lanes are close, so names never overlap);
        // in a drawing of links only the links speak: their titles say the rows in full
        if (links != null) b.append("<g aria-hidden=\"true\">");
        // the lanes stop where a label's line crosses them, so no label is written over a lane
        List<String> labels = new ArrayList<>();
        for (Row r : rows) labels.add(fit(label(r, words, grouping, g.shortLabels()), maxColumns));
        List<double[]> boxes = new ArrayList<>(); // x1, y1, x2, y2 of each label's text
        if (hidden > 0) boxes.add(box(LadderWords.format(words.apply("host.ladder.hidden"), grouping.format(hidden)), TOP + 4, g));
        for (int i = 0; i < rows.size(); i++) boxes.add(box(labels.get(i), top + i * ROW + BASELINE, g));
        StringBuilder d = new StringBuilder();
        for (int x : xs) {
            double from = TOP - 10;
            for (double[] box : boxes) {
                if (x < box[0] || x > box[2]) continue;
                if (box[1] > from) d.append('M').append(x).append(' ').append(num(from)).append('V').append(num(box[1]));
                from = Math.max(from, box[3]);
            }
            d.append('M').append(x).append(' ').append(num(from)).append('V').append(bottom);
        }
        b.append("<path class=\"lane\" d=\"").append(d).append("\"/>");
        boolean close = lanes.size() > 1 && (xs[1] - xs[0]) < 70;
        for (int i = 0; i < lanes.size(); i++) {
            int y = close && i % 2 == 1 ? 30 : 16;
            String anchor = i == 0 && lanes.size() > 1 ? "start" : i == lanes.size() - 1 && lanes.size() > 1 ? "end" : "middle";
            int x = anchor.equals("start") ? xs[i] - 12 : anchor.equals("end") ? xs[i] + 12 : xs[i];
            b.append("<text class=\"lane-label a-").append(anchor).append("\" x=\"").append(x).append("\" y=\"")
                    .append(y).append("\">").append(LadderSvg.escape(hostName(lanes.get(i), words))).append("</text>");
        }
        if (hidden > 0) {
            b.append("<text class=\"time-label a-start\" x=\"8\" y=\"").append(TOP + 4).append("\">")
                    .append(LadderSvg.escape(LadderWords.format(words.apply("host.ladder.hidden"), grouping.format(hidden))))
                    .append("</text>");
        }
        if (links != null) b.append("</g>");
        int y = top;
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            int x1 = xs[lanes.indexOf(r.from())];
            int x2 = xs[lanes.indexOf(r.to())];
            String label = labels.get(i);
            String whole = label(r, words, grouping, false);
            StringBuilder cls = new StringBuilder("seg seg-").append(r.from().equals(HostLab.SERVER) ? "server" : "client");
            if (r.from().equals(HostLab.ATTACKER)) cls.append(" seg-attacker");
            if (r.fate() == Fate.LOST) cls.append(" seg-lost");
            if (r.fate() == Fate.IN_FLIGHT) cls.append(" seg-inflight");
            if (r.retransmission()) cls.append(" seg-retx");
            if (links != null) {
                b.append("<a class=\"seg-link\" href=\"").append(LadderSvg.escape(links.apply(r.firstN()))).append("\" data-seg=\"")
                        .append(r.firstN()).append("\" data-notation=\"").append(r.burst() ? "" : LadderSvg.escape(r.flags() + " " + r.detail()))
                        .append("\"><title>").append(LadderSvg.escape(note(r, whole, words, grouping))).append("</title>");
                b.append("<g class=\"").append(cls).append("\">");
                // what a finger can hit: the row's label line and arrow, a transparent band
                b.append("<path class=\"hit\" d=\"M8 ").append(y + ROW / 2).append('H').append(g.width() - 8).append("\"/>");
            } else {
                b.append("<g class=\"").append(cls).append("\"><title>").append(LadderSvg.escape(whole)).append("</title>");
            }
            b.append("<text class=\"a-start\" x=\"8\" y=\"").append(y + BASELINE).append("\">").append(LadderSvg.escape(label))
                    .append("</text>");
            int ay1 = y + ARROW_TOP;
            int ay2 = y + ARROW_BOTTOM;
            int dir = Integer.signum(x2 - x1);
            int ex = r.fate() == Fate.LOST ? (x1 + x2) / 2 : x2;
            int ey = r.fate() == Fate.LOST ? (ay1 + ay2) / 2 : ay2;
            b.append("<path").append(r.burst() ? " class=\"burst\"" : "").append(" d=\"M").append(x1).append(' ').append(ay1)
                    .append('L').append(ex).append(' ').append(ey);
            if (r.fate() != Fate.LOST && dir != 0) {
                b.append('M').append(x2 - 8 * dir).append(' ').append(ay2 - 5).append('L').append(x2).append(' ').append(ay2)
                        .append('L').append(x2 - 8 * dir).append(' ').append(ay2 + 3);
            }
            b.append("\"/>");
            if (r.fate() == Fate.LOST) {
                b.append("<path class=\"cross\" d=\"M").append(ex - 4).append(' ').append(ey - 4).append("l8 8m0-8l-8 8\"/>");
            }
            b.append("</g>");
            if (links != null) b.append("</a>");
            y += ROW;
        }
        b.append("</svg>");
        if (standalone) b.append('\n');
        return b.toString();
    }

    /** A label cut to {@code columns} monospace columns (a wide character takes two), with "…" when cut. */
    static String fit(String label, int columns) {
        if (TextMetrics.columns(label) <= columns) return label;
        StringBuilder out = new StringBuilder();
        int used = 1; // the "…"
        for (int i = 0; i < label.length(); ) {
            int cp = label.codePointAt(i);
            int w = TextMetrics.wide(cp) ? 2 : 1;
            if (used + w > columns) break;
            out.appendCodePoint(cp);
            used += w;
            i += Character.charCount(cp);
        }
        return out.append('…').toString();
    }

    /** The box a left-aligned label at x = 8 with this baseline takes, a pixel to spare around it. */
    static double[] box(String label, int baseline, Geometry g) {
        return new double[] {8 - TextMetrics.PAD, baseline - TextMetrics.ASCENT - TextMetrics.PAD,
                8 + TextMetrics.columns(label) * g.charWidth() + TextMetrics.PAD, baseline + TextMetrics.DESCENT + TextMetrics.PAD};
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String hostName(String host, Function<String, String> words) {
        return switch (host) {
            case "client" -> words.apply("side.client");
            case HostLab.SERVER -> words.apply("side.server");
            case HostLab.ATTACKER -> words.apply("host.attacker");
            default -> host;
        };
    }

    private static String label(Row r, Function<String, String> words, NumberFormat grouping, boolean shortLabel) {
        if (r.burst()) {
            String peer = r.from().equals(HostLab.ATTACKER) ? r.to() : r.from();
            return LadderWords.format(words.apply("host.ladder.burst"), r.firstN(), r.lastN(), grouping.format(r.count()), r.flags(),
                    r.from(), r.to(), peer, LadderSvg.time(r.sentAt()));
        }
        String head = "#" + r.firstN() + " " + LadderSvg.time(r.sentAt()) + " " + r.from() + "→" + r.to() + " " + r.flags();
        if (r.retransmission()) head += " " + words.apply("ladder.resent");
        return shortLabel ? head : head + " " + r.detail();
    }

    /**
     * A row in full for the phone's note: a segment's label with its fate; a burst's range of
     * numbers, count, ends and the times its first and last segments were sent.
     */
    private static String note(Row r, String whole, Function<String, String> words, NumberFormat grouping) {
        if (r.burst()) {
            return LadderWords.format(words.apply(r.sentAt() == r.lastSentAt() ? "host.ladder.burstNoteAt" : "host.ladder.burstNote"), r.firstN(), r.lastN(), grouping.format(r.count()), r.flags(),
                    r.from(), r.to(), LadderSvg.time(r.sentAt()), LadderSvg.time(r.lastSentAt()));
        }
        String fate = r.fate() == Fate.LOST ? words.apply("ladder.desc.lost")
                : r.fate() == Fate.IN_FLIGHT || r.arrivedAt() == null ? words.apply("ladder.desc.inFlight")
                : LadderWords.format(words.apply("ladder.desc.arrived"), LadderSvg.time(r.arrivedAt()));
        return LadderWords.format(words.apply("host.ladder.note"), whole, fate);
    }

    private static String flags(Segment seg) {
        List<String> names = new ArrayList<>();
        for (Flag f : List.of(Flag.SYN, Flag.FIN, Flag.RST, Flag.PSH, Flag.ACK)) if (seg.has(f)) names.add(f.name());
        return String.join(",", names);
    }

    private static String detail(HostSegment seg) {
        Segment x = seg.segment();
        StringBuilder d = new StringBuilder("seq=").append(x.seq());
        if (x.has(Flag.ACK)) d.append(" ack=").append(x.ack());
        int len = x.payload().length;
        if (len > 0) d.append(" len=").append(len);
        if (seg.options() != null && !seg.options().isEmpty()) d.append(" <").append(seg.options()).append('>');
        return d.toString();
    }
}
