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
 * <p>Labels never overlap ({@link #layout}): each sits along its arrow, in the middle and above
 * it when there is room, else slid along it, below it or on two lines, and where segments cross
 * within a few milliseconds the time scale gets a little more room.
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

    // Labels (see layout): metrics for 11 px monospace text (about 0.6 em a column), with a
    // pixel to spare around each box so that labels do not even touch, and how far the layout
    // may slide them, add room to the time scale, or move a label off its arrow.
    static final double CHAR_WIDTH = 6.7;
    static final double LINE = 12;
    static final double ASCENT = 9;
    static final double DESCENT = 3;
    static final double PAD = 1;
    /** How close a label may come to a time line, where the state names and arrowheads are. */
    static final int LANE_MARGIN = 8;
    private static final double SLIDE_STEP = 12;
    private static final int MAX_SLIDE_STEPS = 15;
    private static final int ROOM_STEP = 12;
    /** How many times the scale may get more room to keep labels apart, in all and for one label. */
    private static final int MAX_ROOM_TRIES = 24;
    private static final int MAX_ROOM_ASKS = 4;
    /** How far at a time a label with no free spot on its arrow moves off it. */
    private static final int OFF_ARROW_STEP = 6;
    /** How far above or below its arrow a label usually reaches at most (two lines below it: 29 px, and its slant). */
    private static final double NEAR = 48;
    /** More labels than this with arrows through them are left as they are. */
    private static final int MAX_CROSSINGS_TO_UNTANGLE = 4;
    /** At most this much extra room per gap, and in all, to keep arrows off labels. */
    private static final int MAX_ROOM_FOR_CROSSINGS = 240;
    private static final int MAX_ROOM_FOR_ALL_CROSSINGS = 288;

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
        Layout layout = layout(s);
        Scale scale = layout.scale();
        int now = scale.y(s.time());
        // everything drawn must fit: arrows lifted below their time, labels below their arrows
        double lowest = Math.max(now, scale.last());
        for (Arrow a : layout.arrows()) lowest = Math.max(lowest, Math.max(a.y2(), a.ey()));
        for (Label l : layout.labels()) lowest = Math.max(lowest, l.box().bottom());
        int bottom = (int) Math.ceil(lowest);
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
        for (int i = 0; i < layout.arrows().size(); i++) segment(b, layout.arrows().get(i), layout.labels().get(i));
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

    private static void segment(StringBuilder b, Arrow a, Label label) {
        SegmentRecord r = a.record();
        // a segment in flight is drawn dashed all the way to where and when it will arrive
        StringBuilder cls = new StringBuilder("seg seg-").append(r.from().key());
        if (a.lost()) cls.append(" seg-lost");
        if (r.fate() == Fate.IN_FLIGHT) cls.append(" seg-inflight");
        if (r.retransmission()) cls.append(" seg-retx");

        b.append("<g class=\"").append(cls).append("\"><path d=\"M").append(round(a.x1())).append(' ').append(round(a.y1()))
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
            return;
        }
        b.append("<text").append(rotate);
        for (String line : label.lines()) {
            b.append("<tspan x=\"").append(mx).append("\" y=\"").append(round(label.y() + baseline)).append("\">")
                    .append(escape(line)).append("</tspan>");
            baseline += LINE;
        }
        b.append("</text></g>");
    }

    static String label(SegmentRecord r) {
        String suffix = r.retransmission() ? " (resent)" : "";
        String text = r.n() + " " + r.segment();
        int room = LABEL_MAX - suffix.length();
        if (text.length() > room) text = text.substring(0, room - 1) + "…";
        return text + suffix;
    }

    /** Where a lost segment's arrow ends: half-way through its trip. */
    static long lostAt(SegmentRecord r) {
        return r.sentAt() + (r.dueAt() - r.sentAt()) / 2;
    }

    // --- layout -------------------------------------------------------------------------------

    /** The time scale, each segment's arrow and label in segment order, and how many labels an arrow runs through. */
    record Layout(Scale scale, List<Arrow> arrows, List<Label> labels, int crossed) {}

    /**
     * A segment's arrow, from (x1, y1) at its sender to (x2, y2), where and when it arrived or
     * would arrive; a lost one is drawn only to (ex, ey), half-way, where it was lost.
     */
    record Arrow(SegmentRecord record, double x1, double y1, double x2, double y2, double ex, double ey) {
        static Arrow of(SegmentRecord r, Scale scale) {
            int x1 = lane(r.from());
            int x2 = lane(r.to());
            int lift = scale.stack(r) * STACK;
            double y1 = scale.y(r.sentAt()) + lift;
            // the whole trip, as it went or would go; the label sits on it whatever the fate
            double y2 = Math.max(y1 + 1, scale.y(r.arrivedAt() != null ? r.arrivedAt() : r.dueAt()) + lift);
            if (r.fate() != Fate.LOST) return new Arrow(r, x1, y1, x2, y2, x2, y2);
            return new Arrow(r, x1, y1, x2, y2, (x1 + x2) / 2.0, scale.y(lostAt(r)) + lift);
        }

        boolean lost() {
            return record.fate() == Fate.LOST;
        }

        /** The point {@code t} of the way from the sender to the receiver. */
        double x(double t) {
            return x1 + (x2 - x1) * t;
        }

        double y(double t) {
            return y1 + (y2 - y1) * t;
        }

        /** The angle of the trip read left to right, in degrees (positive: going down). */
        double angle() {
            return Math.toDegrees(Math.atan2(x2 > x1 ? y2 - y1 : y1 - y2, Math.abs(x2 - x1)));
        }
    }

    /**
     * A segment's label: its lines (one, or two when one line finds no room), the point it is
     * centred on and turned about (on its arrow, unless no spot near the arrow was free), its
     * angle, where its first line's baseline is across the arrow from that point (negative:
     * above), and the box its text takes up.
     */
    record Label(int n, List<String> lines, double x, double y, double angle, double baseline, Box box) {}

    /**
     * A rectangle turned by an angle: its centre, the unit vector along its long side (the text's
     * direction), and half its length and height. Corners in order around it.
     */
    record Box(double cx, double cy, double ux, double uy, double halfWidth, double halfHeight) {
        double[][] corners() {
            double ax = ux * halfWidth, ay = uy * halfWidth;
            double bx = -uy * halfHeight, by = ux * halfHeight;
            return new double[][] {{cx - ax - bx, cy - ay - by}, {cx + ax - bx, cy + ay - by},
                    {cx + ax + bx, cy + ay + by}, {cx - ax + bx, cy - ay + by}};
        }

        /** Half the box's extent along the unit vector (lx, ly). */
        private double reach(double lx, double ly) {
            return halfWidth * Math.abs(ux * lx + uy * ly) + halfHeight * Math.abs(-uy * lx + ux * ly);
        }

        /** True when the two boxes share any point (separating axis test). */
        boolean overlaps(Box o) {
            double dx = o.cx - cx, dy = o.cy - cy;
            double[][] axes = {{ux, uy}, {-uy, ux}, {o.ux, o.uy}, {-o.uy, o.ux}};
            for (double[] l : axes) {
                if (Math.abs(dx * l[0] + dy * l[1]) >= reach(l[0], l[1]) + o.reach(l[0], l[1])) return false;
            }
            return true;
        }

        /** True when the line from (x1, y1) to (x2, y2) passes through the box. */
        boolean crosses(double x1, double y1, double x2, double y2) {
            // in the box's own frame the box is [-halfWidth, halfWidth] x [-halfHeight, halfHeight]
            double[] p = {(x1 - cx) * ux + (y1 - cy) * uy, -(x1 - cx) * uy + (y1 - cy) * ux};
            double[] q = {(x2 - cx) * ux + (y2 - cy) * uy, -(x2 - cx) * uy + (y2 - cy) * ux};
            double[] half = {halfWidth, halfHeight};
            double lo = 0, hi = 1;
            for (int i = 0; i < 2; i++) {
                double d = q[i] - p[i];
                if (Math.abs(d) < 1e-9) {
                    if (Math.abs(p[i]) > half[i]) return false;
                    continue;
                }
                double t1 = (-half[i] - p[i]) / d, t2 = (half[i] - p[i]) / d;
                lo = Math.max(lo, Math.min(t1, t2));
                hi = Math.min(hi, Math.max(t1, t2));
                if (lo > hi) return false;
            }
            return true;
        }

        double top() {
            return cy - reach(0, 1);
        }

        double bottom() {
            return cy + reach(0, 1);
        }

        double left() {
            return cx - reach(1, 0);
        }

        double right() {
            return cx + reach(1, 0);
        }
    }

    /**
     * Places every label so that no two overlap. Each segment in turn (the order they were
     * sent) tries spots along its arrow, above it or below it, on one line or two, and takes the
     * cheapest spot that no label placed before it overlaps: cheaper is nearer the middle, above,
     * on one line, and above all not crossed by another arrow. When no spot is free because of
     * an earlier segment's label, the time scale gets more room just before this segment was
     * sent, which moves the two apart, and everything is placed again. When the label in the way
     * was sent at the same moment (their arrows cross), or the room to give has run out, the
     * label moves straight down (or up) off its arrow to the nearest free spot.
     *
     * <p>Arrows that cross (simultaneous open and close, retransmissions meeting answers) may
     * still run through a label. When a few do, the trip of the first such label gets more room
     * (steeper arrows cross at a wider angle) and everything is placed again, as long as there
     * is room left to give; of all the layouts tried, the one with the fewest labels crossed
     * is kept, with the least room among equals.
     */
    static Layout layout(Snapshot s) {
        Map<Long, Integer> room = new HashMap<>();
        Map<Long, Integer> roomForCrossings = new HashMap<>();
        int roomGiven = 0;
        Map<Integer, Integer> asked = new HashMap<>(); // segment n: how often its label asked for room
        Layout best = null;
        while (true) {
            Scale scale = Scale.of(s, room);
            List<Arrow> arrows = new ArrayList<>(s.segments().size());
            for (SegmentRecord r : s.segments()) arrows.add(Arrow.of(r, scale));
            List<Label> labels = new ArrayList<>(arrows.size());
            Long stuckAt = null;
            Long crossedTripAt = null;
            int crossed = 0;
            for (Arrow a : arrows) {
                boolean mayAsk = roomGiven < MAX_ROOM_TRIES && asked.getOrDefault(a.record().n(), 0) < MAX_ROOM_ASKS;
                Spot spot = place(a, arrows, labels, scale.y(s.time()), mayAsk);
                long sent = a.record().sentAt();
                if (spot == null) {
                    stuckAt = scale.roomKey(sent);
                    asked.merge(a.record().n(), 1, Integer::sum);
                    break;
                }
                if (spot.crossed()) {
                    crossed++;
                    long trip = scale.next(sent);
                    if (crossedTripAt == null && roomForCrossings.getOrDefault(trip, 0) < MAX_ROOM_FOR_CROSSINGS) crossedTripAt = trip;
                }
                labels.add(spot.label());
            }
            if (stuckAt != null) {
                roomGiven++;
                room.merge(stuckAt, ROOM_STEP, Integer::sum);
                continue;
            }
            Layout layout = new Layout(scale, arrows, labels, crossed);
            if (best == null || crossed < best.crossed()) best = layout;
            int forCrossings = roomForCrossings.values().stream().mapToInt(Integer::intValue).sum();
            if (crossed == 0 || best.crossed() > MAX_CROSSINGS_TO_UNTANGLE || crossedTripAt == null
                    || forCrossings >= MAX_ROOM_FOR_ALL_CROSSINGS) {
                return best;
            }
            roomForCrossings.merge(crossedTripAt, 2 * ROOM_STEP, Integer::sum);
            room.merge(crossedTripAt, 2 * ROOM_STEP, Integer::sum);
        }
    }

    /** Where a label goes, and whether an arrow runs through it. */
    private record Spot(Label label, boolean crossed) {}

    /**
     * The cheapest free spot for {@code a}'s label. Costs: each step of {@link #SLIDE_STEP} from
     * the middle 1, below the arrow 2, two lines 8, each arrow through the text 20, the dotted
     * "now" line through it 3. With no spot free: null when an earlier segment's label is in the
     * way and {@code mayAskForRoom}, else the nearest free spot straight above or below.
     */
    private static Spot place(Arrow a, List<Arrow> allArrows, List<Label> allPlaced, double now, boolean mayAskForRoom) {
        String text = label(a.record());
        List<List<String>> lines = new ArrayList<>(2);
        lines.add(List.of(text));
        List<String> two = twoLines(text);
        if (two != null) lines.add(two);
        int[] widths = new int[lines.size()];
        for (int i = 0; i < widths.length; i++) for (String line : lines.get(i)) widths[i] = Math.max(widths[i], columns(line));
        double span = Math.abs(a.x2() - a.x1());
        double ux = Math.cos(Math.toRadians(a.angle()));
        double uy = Math.sin(Math.toRadians(a.angle()));
        // only what is near this arrow's height can be in the way of a label on it
        double top = Math.min(a.y1(), a.y2()) - NEAR;
        double bottom = Math.max(a.y1(), a.y2()) + NEAR;
        List<Arrow> arrows = new ArrayList<>();
        for (Arrow o : allArrows) if (o != a && Math.max(o.y1(), o.ey()) >= top && Math.min(o.y1(), o.ey()) <= bottom) arrows.add(o);
        List<Label> placed = new ArrayList<>();
        for (Label l : allPlaced) if (l.box().bottom() >= top && l.box().top() <= bottom) placed.add(l);

        Spot best = null;
        int bestCost = Integer.MAX_VALUE;
        Label blocker = null;
        List<Label> shapes = new ArrayList<>(); // every spot that fits between the time lines
        // slots come cheapest first, so once a slot's own cost reaches the best found, none can beat it
        for (Slot slot : SLOTS) {
            if (slot.cost() >= bestCost) break;
            int k = slot.twoLines() ? 1 : 0;
            if (k >= lines.size()) continue;
            double t = 0.5 + slot.toward() * slot.step() * SLIDE_STEP / span;
            if (t < 0 || t > 1) continue;
            Label c = candidate(a, lines.get(k), widths[k], ux, uy, t, slot.below());
            if (!withinLanes(c.box(), true)) continue;
            if (best == null) shapes.add(c);
            // a spot that strays farther from its arrow is checked against everything
            boolean near = c.box().top() >= top && c.box().bottom() <= bottom;
            int arrowsCrossed = crossings(c.box(), near ? arrows : others(a, allArrows));
            boolean nowCrossed = c.box().top() <= now && now <= c.box().bottom() && c.box().crosses(CLIENT_X, now, SERVER_X, now);
            int cost = slot.cost() + 20 * arrowsCrossed + (nowCrossed ? 3 : 0);
            if (cost >= bestCost) continue;
            Label in = overlapping(c.box(), near ? placed : allPlaced);
            if (in == null) {
                best = new Spot(c, arrowsCrossed > 0);
                bestCost = cost;
            } else if (blocker == null) {
                blocker = in;
            }
        }
        if (best != null) return best;
        if (mayAskForRoom && blocker != null && allArrows.get(blocker.n() - 1).record().sentAt() < a.record().sentAt()) return null;
        return offArrow(a, shapes.isEmpty() ? List.of(candidate(a, lines.get(lines.size() - 1), widths[lines.size() - 1],
                ux, uy, 0.5, false)) : shapes, allArrows, allPlaced);
    }

    /**
     * The last resort: the first of {@code shapes} (cheapest first) moved straight down or up,
     * a few pixels more each time, until it is free. Far enough down nothing is in the way, so
     * this always ends.
     */
    private static Spot offArrow(Arrow a, List<Label> shapes, List<Arrow> arrows, List<Label> placed) {
        for (int shift = OFF_ARROW_STEP; ; shift += OFF_ARROW_STEP) {
            for (int sign : new int[] {1, -1}) {
                for (Label shape : shapes) {
                    Box b = shape.box();
                    Box moved = new Box(b.cx(), b.cy() + sign * shift, b.ux(), b.uy(), b.halfWidth(), b.halfHeight());
                    if (sign < 0 && moved.top() < TOP - 26) continue;
                    if (overlapping(moved, placed) != null) continue;
                    Label label = new Label(shape.n(), shape.lines(), shape.x(), shape.y() + sign * shift, shape.angle(),
                            shape.baseline(), moved);
                    return new Spot(label, crossings(moved, others(a, arrows)) > 0);
                }
            }
        }
    }

    /**
     * A kind of spot, whatever the arrow: {@code step} slides of {@link #SLIDE_STEP} from the
     * middle towards the sender (-1) or the receiver (+1), above or below, on one line or two,
     * and what that costs before anything else is known.
     */
    private record Slot(int step, int toward, boolean below, boolean twoLines, int cost) {}

    /** Every slot, cheapest first; among equals the middle first, then towards the sender. */
    private static final List<Slot> SLOTS = slots();

    private static List<Slot> slots() {
        List<Slot> slots = new ArrayList<>();
        for (boolean twoLines : new boolean[] {false, true}) {
            for (int step = 0; step <= MAX_SLIDE_STEPS; step++) {
                for (int toward = step == 0 ? 1 : -1; toward <= 1; toward += 2) {
                    for (boolean below : new boolean[] {false, true}) {
                        slots.add(new Slot(step, toward, below, twoLines, step + (below ? 2 : 0) + (twoLines ? 8 : 0)));
                    }
                }
            }
        }
        slots.sort(java.util.Comparator.comparingInt(Slot::cost)); // stable: keeps the order above among equals
        return List.copyOf(slots);
    }

    /** The label on {@code lines}, centred {@code t} of the way along the arrow, just above or below it. */
    private static Label candidate(Arrow a, List<String> lines, int columns, double ux, double uy, double t, boolean below) {
        double x = a.x(t);
        double y = a.y(t);
        double baseline = below ? 13 : -6 - LINE * (lines.size() - 1);
        double top = baseline - ASCENT;
        double bottom = baseline + LINE * (lines.size() - 1) + DESCENT;
        double across = (top + bottom) / 2;
        // the normal that points down the text's lines is (-uy, ux)
        Box box = new Box(x - uy * across, y + ux * across, ux, uy, columns * CHAR_WIDTH / 2 + PAD, (bottom - top) / 2 + PAD);
        return new Label(a.record().n(), lines, x, y, a.angle(), baseline, box);
    }

    private static boolean withinLanes(Box box, boolean checkTop) {
        return box.left() >= CLIENT_X + LANE_MARGIN && box.right() <= SERVER_X - LANE_MARGIN && (!checkTop || box.top() >= TOP - 26);
    }

    private static List<Arrow> others(Arrow a, List<Arrow> arrows) {
        List<Arrow> others = new ArrayList<>(arrows);
        others.remove(a);
        return others;
    }

    /** The first placed label the box overlaps, or null. */
    private static Label overlapping(Box box, List<Label> placed) {
        for (Label other : placed) {
            Box o = other.box();
            if (o.bottom() < box.top() || o.top() > box.bottom() || o.right() < box.left() || o.left() > box.right()) continue;
            if (box.overlaps(o)) return other;
        }
        return null;
    }

    private static int crossings(Box box, List<Arrow> arrows) {
        double top = box.top(), bottom = box.bottom();
        int n = 0;
        for (Arrow a : arrows) {
            if (Math.max(a.y1(), a.ey()) < top || Math.min(a.y1(), a.ey()) > bottom) continue;
            if (box.crosses(a.x1(), a.y1(), a.ex(), a.ey())) n++;
        }
        return n;
    }

    /** The label on two lines, split between two fields where the lines come out most even; null if it has one field. */
    static List<String> twoLines(String text) {
        int best = -1;
        int bestWidth = Integer.MAX_VALUE;
        for (int i = 1; i < text.length(); i++) {
            if (text.charAt(i - 1) != '>' || text.charAt(i) != '<') continue;
            int width = Math.max(columns(text.substring(0, i)), columns(text.substring(i)));
            if (width < bestWidth) {
                best = i;
                bestWidth = width;
            }
        }
        return best < 0 ? null : List.of(text.substring(0, best), text.substring(best));
    }

    /** Monospace columns: two for East Asian wide characters (a learner's data may hold some). */
    static int columns(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            boolean wide = script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
                    || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF60) || cp >= 0x1F300;
            n += wide ? 2 : 1;
        }
        return n;
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

        /** The scale of a lab, with {@code room} extra pixels above some times (the gap that ends there). */
        static Scale of(Snapshot s, Map<Long, Integer> room) {
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
                    double h = height(gap) + extra.getOrDefault(times[i - 1], 0) * STACK + room.getOrDefault(times[i], 0);
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

        /** Which gap gets more room to move what happens at {@code t} away from what came before: the one ending at t, or the first. */
        long roomKey(long t) {
            int i = java.util.Arrays.binarySearch(times, t);
            if (i > 0) return times[i];
            return times.length > 1 ? times[1] : t;
        }

        /** The first time after {@code t} at which something is drawn, or t itself if none. */
        long next(long t) {
            int i = java.util.Arrays.binarySearch(times, t);
            if (i < 0) i = -i - 2;
            return i + 1 < times.length ? times[i + 1] : t;
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
