package tcplab.ladder;

import tcplab.sim.Fate;
import tcplab.sim.SegmentRecord;
import tcplab.sim.Snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static tcplab.ladder.TextMetrics.ASCENT;
import static tcplab.ladder.TextMetrics.DESCENT;
import static tcplab.ladder.TextMetrics.LINE;
import static tcplab.ladder.TextMetrics.PAD;
import static tcplab.ladder.TimeScale.STACK;
import static tcplab.ladder.TimeScale.TOP;

/**
 * Places every segment's label so that it touches nothing else drawn between the time lines:
 * no other label, no arrow (its own included), no lost segment's ✕ and not the dotted "now"
 * line. Each segment in turn (the order they were sent) tries spots along its arrow, above it
 * or below it, on one line or two, cheapest first (nearer the middle, above, on one line), and
 * takes the first that is free. What may be in the way is found through {@link BandIndex}es of
 * the arrows ({@link LineIndex}) and of the labels placed so far, so a check looks only at what is near the spot.
 *
 * <p>When no spot is free because an earlier segment's label is in the way, the time scale
 * gets more room just before this segment was sent, which moves the two apart, and everything
 * is placed again; when only arrows are in the way (they cross where the label would go), the
 * segment's trip gets more room, so that the arrows run steeper and further apart. When the
 * label in the way was sent at the same moment, or the room to give has run out, the label
 * moves straight down or up off its arrow, each time just past what is in the way, to the
 * nearest free place; below everything drawn all is free, so this always ends.
 */
final class LabelLayout {

    private static final int LABEL_MAX = 60;
    private static final double SLIDE_STEP = 12;
    private static final int MAX_SLIDE_STEPS = 15;
    private static final int ROOM_STEP = 12;
    /** How many times the scale may get more room to keep labels apart, in all and for one label. */
    private static final int MAX_ROOM_TRIES = 24;
    private static final int MAX_ROOM_ASKS = 4;
    /** At most this much extra room per trip, and in all, to move crossing arrows apart. */
    private static final int MAX_ROOM_FOR_CROSSINGS = 240;
    private static final int MAX_ROOM_FOR_ALL_CROSSINGS = 288;
    /**
     * How many jumps past what is in the way a label moving off its arrow makes before it goes
     * below everything drawn, in the full search and in the plain layout (a crowd, where a label
     * seldom finds a gap).
     */
    private static final int MAX_JUMPS = 12;
    private static final int PLAIN_JUMPS = 3;
    /** How many of the cheapest spots along the arrow the full search tries moving off it. */
    private static final int OFF_ARROW_SHAPES = 4;
    /** Half the size of a lost segment's ✕ (4 px) with half its stroke, and so how far a label keeps from its centre. */
    static final double CROSS = 5;
    /** How far a label's box keeps from the middle of an arrow or the now line: more than half their stroke. */
    static final double LINE_CLEARANCE = 1;

    private LabelLayout() {}

    /** The time scale, and each segment's arrow and label in segment order. */
    record Layout(TimeScale scale, List<Arrow> arrows, List<Label> labels) {}

    /**
     * A segment's arrow, from (x1, y1) at its sender to (x2, y2), where and when it arrived or
     * would arrive; a lost one is drawn only to (ex, ey), half-way, where it was lost.
     */
    record Arrow(SegmentRecord record, double x1, double y1, double x2, double y2, double ex, double ey) {
        static Arrow of(SegmentRecord r, TimeScale scale, Geometry g) {
            int x1 = g.lane(r.from());
            int x2 = g.lane(r.to());
            int lift = scale.stack(r) * STACK;
            double y1 = scale.y(r.sentAt()) + lift;
            // the whole trip, as it went or would go; the label sits on it whatever the fate
            double y2 = Math.max(y1 + 1, scale.y(r.arrivedAt() != null ? r.arrivedAt() : r.dueAt()) + lift);
            if (r.fate() != Fate.LOST) return new Arrow(r, x1, y1, x2, y2, x2, y2);
            return new Arrow(r, x1, y1, x2, y2, (x1 + x2) / 2.0, scale.y(TimeScale.lostAt(r)) + lift);
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

        /** True when the arrow as drawn (to where it was lost, if it was), or its ✕, touches the box. */
        boolean touches(Box box) {
            return box.crosses(x1, y1, ex, ey) || lost() && box.overlaps(cross());
        }

        /** The square a lost segment's ✕ takes up. */
        Box cross() {
            return new Box(ex, ey, 1, 0, CROSS, CROSS);
        }

        /** The y of the drawn arrow above or below x, clamped to its ends. */
        double drawnY(double x) {
            double t = Math.max(0, Math.min(1, (x - x1) / (ex - x1)));
            return y1 + (ey - y1) * t;
        }
    }

    /**
     * A segment's label: its lines (one, or two when one line finds no room), the point it is
     * centred on and turned about (on its arrow, unless no spot near the arrow was free), its
     * angle, where its first line's baseline is across the arrow from that point (negative:
     * above), and the box its text takes up.
     */
    record Label(int n, List<String> lines, double x, double y, double angle, double baseline, Box box) {}

    /** A segment's label text: its number and RFC notation, shortened to fit, and {@code resent} after a retransmission. */
    static String text(SegmentRecord r, String resent) {
        return text(r, resent, false);
    }

    /** The label, or its short form: number, control bits and the data's length in bytes ("5 PSH,ACK LEN=5"). */
    static String text(SegmentRecord r, String resent, boolean shortForm) {
        if (shortForm) {
            int bytes = r.segment().payload().length;
            String text = r.n() + " " + r.segment().ctl() + (bytes > 0 ? " LEN=" + bytes : "");
            return r.retransmission() ? text + " " + resent : text;
        }
        String suffix = r.retransmission() ? " " + resent : "";
        String text = r.n() + " " + r.segment();
        int room = LABEL_MAX - suffix.length();
        if (text.length() > room) text = text.substring(0, room - 1) + "…";
        return text + suffix;
    }

    /**
     * Checks of a label against another label, an arrow or a ✕ that the full search may make,
     * in all its passes; past that, the lab is laid out once more plainly ({@link #plain}). No
     * lab from a lesson or a few hundred steps of learning comes near it.
     */
    static final long FULL_SEARCH_CHECKS = 150_000;
    /** How many of the cheapest slots the plain layout tries before moving a label off its arrow. */
    private static final int PLAIN_SLOTS = 6;

    static Layout layout(Snapshot s, Geometry g, String resent) {
        Work work = new Work(FULL_SEARCH_CHECKS);
        try {
            return full(s, g, resent, work);
        } catch (OutOfWork e) {
            return plain(s, g, resent, new Work(Long.MAX_VALUE));
        }
    }

    /** How many checks a layout made; throws {@link OutOfWork} past its budget. */
    static final class Work {
        private final long budget;
        long checks;

        Work(long budget) {
            this.budget = budget;
        }

        void spend() {
            if (++checks > budget) throw new OutOfWork();
        }

        /** Spends {@code n} at once: filing an arrow in n cells of the grid counts as n checks. */
        void spend(int n) {
            checks += n;
            if (checks > budget) throw new OutOfWork();
        }
    }

    private static final class OutOfWork extends RuntimeException {
        OutOfWork() {
            super(null, null, false, false);
        }
    }

    /** The checks the layout of this lab takes, for tests: the full search's, or the plain layout's after it. */
    static long checks(Snapshot s, Geometry g, String resent) {
        Work work = new Work(FULL_SEARCH_CHECKS);
        try {
            full(s, g, resent, work);
            return work.checks;
        } catch (OutOfWork e) {
            Work plain = new Work(Long.MAX_VALUE);
            plain(s, g, resent, plain);
            return work.checks + plain.checks;
        }
    }

    private static Layout full(Snapshot s, Geometry g, String resent, Work work) {
        Map<Long, Integer> room = new HashMap<>();
        Map<Long, Integer> roomForCrossings = new HashMap<>();
        int roomGiven = 0;
        int roomForAllCrossings = 0;
        Map<Integer, Integer> asked = new HashMap<>(); // segment n: how often its label asked for room
        passes:
        while (true) {
            Pass pass = new Pass(s, g, room, work);
            for (Arrow a : pass.arrows) {
                Attempt attempt = pass.attempt(a, text(a.record(), resent, g.shortLabels()), SLOTS.size());
                if (attempt.label() != null) {
                    pass.add(attempt.label());
                    continue;
                }
                int n = a.record().n();
                long sent = a.record().sentAt();
                if (roomGiven < MAX_ROOM_TRIES && asked.getOrDefault(n, 0) < MAX_ROOM_ASKS) {
                    Label blocker = attempt.blocker();
                    if (blocker != null && pass.arrows.get(blocker.n() - 1).record().sentAt() < sent) {
                        room.merge(pass.scale.roomKey(sent), ROOM_STEP, Integer::sum);
                        roomGiven++;
                        asked.merge(n, 1, Integer::sum);
                        continue passes;
                    }
                    long trip = pass.scale.next(sent);
                    if (blocker == null && roomForCrossings.getOrDefault(trip, 0) < MAX_ROOM_FOR_CROSSINGS
                            && roomForAllCrossings < MAX_ROOM_FOR_ALL_CROSSINGS) {
                        roomForCrossings.merge(trip, 2 * ROOM_STEP, Integer::sum);
                        roomForAllCrossings += 2 * ROOM_STEP;
                        room.merge(trip, 2 * ROOM_STEP, Integer::sum);
                        roomGiven++;
                        asked.merge(n, 1, Integer::sum);
                        continue passes;
                    }
                }
                pass.add(pass.offArrow(attempt.shapes(), false, MAX_JUMPS));
            }
            return new Layout(pass.scale, pass.arrows, pass.labels);
        }
    }

    /**
     * The layout of a crowd too big for the full search (hundreds of segments sent at once, their
     * arrows all crossing): one pass on the plain time scale, each label at the first of the few
     * cheapest slots where nothing is in the way, else moved straight down off its arrow, each
     * time just past what is in the way. Labels still touch nothing.
     */
    static Layout plain(Snapshot s, Geometry g, String resent, Work work) {
        Pass pass = new Pass(s, g, Map.of(), work);
        for (Arrow a : pass.arrows) {
            Attempt attempt = pass.attempt(a, text(a.record(), resent, g.shortLabels()), PLAIN_SLOTS);
            pass.add(attempt.label() != null ? attempt.label() : pass.offArrow(attempt.shapes().subList(0, 1), true, PLAIN_JUMPS));
        }
        return new Layout(pass.scale, pass.arrows, pass.labels);
    }

    /** A label's free spot on its arrow, or none: then the first label in the way (if any) and every spot tried, cheapest first. */
    private record Attempt(Label label, Label blocker, List<Label> shapes) {}

    /** Something drawn in a box's way: how high it reaches where it meets the box (top, bottom), and the label if it is one. */
    private record Hit(double top, double bottom, Label label) {}

    /** One placement of every label on one time scale: the arrows, and the labels placed so far, each filed by height. */
    private static final class Pass {
        final TimeScale scale;
        final Geometry g;
        final List<Arrow> arrows;
        final List<Label> labels;
        final double now;
        /** Below this nothing is drawn yet: every arrow and ✕, the now line and every label placed lie above it. */
        private double floor;
        private final LineIndex<Arrow> arrowIndex;
        private final BandIndex<Label> labelIndex = new BandIndex<>();
        private final Work work;

        Pass(Snapshot s, Geometry g, Map<Long, Integer> room, Work work) {
            this.scale = TimeScale.of(s, room);
            this.g = g;
            this.work = work;
            this.now = scale.y(s.time());
            this.floor = now;
            this.arrowIndex = new LineIndex<>(g.width());
            this.arrows = new ArrayList<>(s.segments().size());
            for (SegmentRecord r : s.segments()) {
                Arrow a = Arrow.of(r, scale, g);
                arrows.add(a);
                // filed with room for a ✕ at its end, so that a box near one finds it
                work.spend(arrowIndex.add(a, a.x1(), a.y1(), a.ex(), a.ey(), CROSS + LINE_CLEARANCE));
                floor = Math.max(floor, Math.max(a.y1(), a.ey()) + CROSS);
            }
            this.labels = new ArrayList<>(arrows.size());
        }

        void add(Label label) {
            labels.add(label);
            labelIndex.add(label, label.box().top(), label.box().bottom());
            floor = Math.max(floor, label.box().bottom());
        }

        /**
         * What the box touches, or null: the now line, an arrow or ✕ (looked for first: they never
         * move), else a label placed that overlaps it.
         */
        Hit inTheWay(Box box) {
            Box clear = box.grown(LINE_CLEARANCE);
            double top = clear.top(), bottom = clear.bottom();
            if (top <= now && now <= bottom && clear.crosses(g.clientX(), now, g.serverX(), now)) return new Hit(now - LINE_CLEARANCE, now + LINE_CLEARANCE, null);
            Arrow arrow = arrowIndex.any(clear.left(), top, clear.right(), bottom, o -> {
                work.spend();
                return o.touches(clear);
            });
            if (arrow != null) {
                double y1 = arrow.drawnY(clear.left()), y2 = arrow.drawnY(clear.right());
                double from = Math.min(y1, y2) - LINE_CLEARANCE, to = Math.max(y1, y2) + LINE_CLEARANCE;
                if (arrow.lost()) {
                    from = Math.min(from, arrow.ey() - CROSS);
                    to = Math.max(to, arrow.ey() + CROSS);
                }
                return new Hit(from, to, null);
            }
            Label label = labelIndex.any(box.top(), box.bottom(), other -> {
                work.spend();
                return box.overlaps(other.box());
            });
            return label == null ? null : new Hit(label.box().top(), label.box().bottom(), label);
        }

        /** The label's text on one line, and on two if it splits (between fields; a short label at its last space). */
        private List<List<String>> lines(String text) {
            List<List<String>> lines = new ArrayList<>(2);
            lines.add(List.of(text));
            List<String> two = TextMetrics.twoLines(text);
            if (two == null && g.shortLabels() && text.lastIndexOf(' ') > 0) {
                two = List.of(text.substring(0, text.lastIndexOf(' ')), text.substring(text.lastIndexOf(' ') + 1));
            }
            if (two != null) lines.add(two);
            return lines;
        }

        private static int[] widths(List<List<String>> lines) {
            int[] widths = new int[lines.size()];
            for (int i = 0; i < widths.length; i++) for (String line : lines.get(i)) widths[i] = Math.max(widths[i], TextMetrics.columns(line));
            return widths;
        }

        /**
         * The first of the cheapest {@code slots} spots between the time lines where nothing is in
         * {@code a}'s label's way. Costs: each step of {@link #SLIDE_STEP} from the middle 1, below
         * the arrow 2, two lines 8.
         */
        Attempt attempt(Arrow a, String text, int slots) {
            List<List<String>> lines = lines(text);
            int[] widths = widths(lines);
            double span = Math.abs(a.x2() - a.x1());
            double ux = Math.cos(Math.toRadians(a.angle()));
            double uy = Math.sin(Math.toRadians(a.angle()));
            List<Label> shapes = new ArrayList<>();
            Label blocker = null;
            for (Slot slot : SLOTS) {
                if (shapes.size() == slots) break;
                int k = slot.twoLines() ? 1 : 0;
                if (k >= lines.size()) continue;
                double t = 0.5 + slot.toward() * slot.step() * SLIDE_STEP / span;
                if (t < 0 || t > 1) continue;
                Label c = candidate(a, lines.get(k), widths[k] * g.charWidth(), ux, uy, t, slot.below());
                if (!withinLanes(c.box(), g, true)) continue;
                shapes.add(c);
                Hit hit = inTheWay(c.box());
                if (hit == null) return new Attempt(c, null, shapes);
                if (blocker == null) blocker = hit.label();
            }
            if (shapes.isEmpty()) {
                int k = lines.size() - 1;
                shapes.add(candidate(a, lines.get(k), widths[k] * g.charWidth(), ux, uy, 0.5, false));
            }
            return new Attempt(null, blocker, shapes);
        }

        /**
         * The last resort: of the first few {@code shapes} (cheapest first), the one moved the
         * least straight down or up (with {@code downOnly}, down) to where nothing is in its way,
         * each move just past what was; if none gets there in a few moves, the first shape
         * below everything drawn.
         */
        Label offArrow(List<Label> shapes, boolean downOnly, int jumps) {
            Label best = null;
            double bestShift = Double.MAX_VALUE;
            for (Label shape : shapes.subList(0, Math.min(OFF_ARROW_SHAPES, shapes.size()))) {
                for (int direction : downOnly ? new int[] {1} : new int[] {1, -1}) {
                    double shift = free(shape.box(), direction, Math.abs(bestShift), jumps);
                    if (!Double.isNaN(shift) && Math.abs(shift) < Math.abs(bestShift)) {
                        best = shape;
                        bestShift = shift;
                    }
                }
            }
            if (best == null) {
                best = shapes.get(0);
                bestShift = floor + 1 - best.box().top();
            }
            return moved(best, bestShift);
        }

        /**
         * How far the box moves down (direction 1) or up (-1) to where nothing is in its way,
         * jumping each time just past what is; NaN if that is further than {@code within}, above
         * the top, or more than {@code jumps} jumps away.
         */
        private double free(Box box, int direction, double within, int jumps) {
            double shift = 0;
            for (int jump = 0; jump <= jumps && Math.abs(shift) < within; jump++) {
                Box moved = box.shifted(shift);
                if (moved.top() < TOP - 26) return Double.NaN;
                if (moved.top() > floor) return shift; // below everything drawn
                Hit hit = inTheWay(moved);
                if (hit == null) return shift;
                shift += direction > 0 ? Math.max(1, hit.bottom() - moved.top() + 1) : -Math.max(1, moved.bottom() - hit.top() + 1);
            }
            return Double.NaN;
        }

        private static Label moved(Label shape, double shift) {
            return new Label(shape.n(), shape.lines(), shape.x(), shape.y() + shift, shape.angle(), shape.baseline(), shape.box().shifted(shift));
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
        slots.sort(Comparator.comparingInt(Slot::cost)); // stable: keeps the order above among equals
        return List.copyOf(slots);
    }

    /** The label on {@code lines}, centred {@code t} of the way along the arrow, just above or below it. */
    private static Label candidate(Arrow a, List<String> lines, double textWidth, double ux, double uy, double t, boolean below) {
        double x = a.x(t);
        double y = a.y(t);
        double baseline = below ? 13 : -6 - LINE * (lines.size() - 1);
        double top = baseline - ASCENT;
        double bottom = baseline + LINE * (lines.size() - 1) + DESCENT;
        double across = (top + bottom) / 2;
        // the normal that points down the text's lines is (-uy, ux)
        Box box = new Box(x - uy * across, y + ux * across, ux, uy, textWidth / 2 + PAD, (bottom - top) / 2 + PAD);
        return new Label(a.record().n(), lines, x, y, a.angle(), baseline, box);
    }

    private static boolean withinLanes(Box box, Geometry g, boolean checkTop) {
        return box.left() >= g.clientX() + Geometry.LANE_MARGIN && box.right() <= g.serverX() - Geometry.LANE_MARGIN
                && (!checkTop || box.top() >= TOP - 26);
    }
}
