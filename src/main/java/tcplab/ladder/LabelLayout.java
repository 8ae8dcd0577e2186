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
 * Places every segment's label so that no two overlap. Each segment in turn (the order they
 * were sent) tries spots along its arrow, above it or below it, on one line or two, and takes
 * the cheapest spot that no label placed before it overlaps: cheaper is nearer the middle,
 * above, on one line, and above all not crossed by another arrow. When no spot is free because
 * of an earlier segment's label, the time scale gets more room just before this segment was
 * sent, which moves the two apart, and everything is placed again. When the label in the way
 * was sent at the same moment (their arrows cross), or the room to give has run out, the label
 * moves straight down (or up) off its arrow to the nearest free spot.
 *
 * <p>Arrows that cross (simultaneous open and close, retransmissions meeting answers) may
 * still run through a label. When a few do, the trip of the first such label gets more room
 * (steeper arrows cross at a wider angle) and everything is placed again, as long as there
 * is room left to give; of all the layouts tried, the one with the fewest labels crossed
 * is kept, with the least room among equals.
 */
final class LabelLayout {

    private static final int LABEL_MAX = 60;
    private static final double SLIDE_STEP = 12;
    private static final int MAX_SLIDE_STEPS = 15;
    private static final int ROOM_STEP = 12;
    /** How many times the scale may get more room to keep labels apart, in all and for one label. */
    private static final int MAX_ROOM_TRIES = 24;
    private static final int MAX_ROOM_ASKS = 4;
    /** How far at a time a label with no free spot on its arrow moves off it. */
    private static final int OFF_ARROW_STEP = 6;
    /** More labels than this with arrows through them are left as they are. */
    private static final int MAX_CROSSINGS_TO_UNTANGLE = 4;
    /** At most this much extra room per gap, and in all, to keep arrows off labels. */
    private static final int MAX_ROOM_FOR_CROSSINGS = 240;
    private static final int MAX_ROOM_FOR_ALL_CROSSINGS = 288;

    private LabelLayout() {}

    /** The time scale, each segment's arrow and label in segment order, and how many labels an arrow runs through. */
    record Layout(TimeScale scale, List<Arrow> arrows, List<Label> labels, int crossed) {}

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
     * Checks of a label against another label or an arrow that the full search may make, in
     * all its passes; past that, the lab is laid out once more plainly ({@link #plain}). No
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
        Map<Integer, Integer> asked = new HashMap<>(); // segment n: how often its label asked for room
        Layout best = null;
        while (true) {
            Pass pass = new Pass(s, g, room, work);
            Long stuckAt = null;
            Long crossedTripAt = null;
            int crossed = 0;
            for (Arrow a : pass.arrows) {
                boolean mayAsk = roomGiven < MAX_ROOM_TRIES && asked.getOrDefault(a.record().n(), 0) < MAX_ROOM_ASKS;
                Spot spot = pass.place(a, text(a.record(), resent, g.shortLabels()), mayAsk);
                long sent = a.record().sentAt();
                if (spot == null) {
                    stuckAt = pass.scale.roomKey(sent);
                    asked.merge(a.record().n(), 1, Integer::sum);
                    break;
                }
                if (spot.crossed()) {
                    crossed++;
                    long trip = pass.scale.next(sent);
                    if (crossedTripAt == null && roomForCrossings.getOrDefault(trip, 0) < MAX_ROOM_FOR_CROSSINGS) crossedTripAt = trip;
                }
                pass.add(spot.label());
            }
            if (stuckAt != null) {
                roomGiven++;
                room.merge(stuckAt, ROOM_STEP, Integer::sum);
                continue;
            }
            Layout layout = new Layout(pass.scale, pass.arrows, pass.labels, crossed);
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

    /**
     * The layout of a crowd too big for the full search (hundreds of segments sent at once, their
     * arrows all crossing): one pass on the plain time scale, each label at the first of the few
     * cheapest slots that no label placed before it overlaps, whatever arrows run through it, else straight down or up
     * off its arrow, jumping past what is in the way. Labels still never overlap.
     */
    static Layout plain(Snapshot s, Geometry g, String resent, Work work) {
        Pass pass = new Pass(s, g, Map.of(), work);
        for (Arrow a : pass.arrows) pass.add(pass.placePlainly(a, text(a.record(), resent, g.shortLabels())));
        return new Layout(pass.scale, pass.arrows, pass.labels, -1);
    }

    /** Where a label goes, and whether an arrow runs through it. */
    private record Spot(Label label, boolean crossed) {}

    /** One placement of every label on one time scale: the arrows, and the labels placed so far, each filed by height. */
    private static final class Pass {
        final TimeScale scale;
        final Geometry g;
        final List<Arrow> arrows;
        final List<Label> labels;
        final double now;
        private final BandIndex<Arrow> arrowIndex = new BandIndex<>();
        private final BandIndex<Label> labelIndex = new BandIndex<>();
        private final Work work;

        Pass(Snapshot s, Geometry g, Map<Long, Integer> room, Work work) {
            this.scale = TimeScale.of(s, room);
            this.g = g;
            this.work = work;
            this.arrows = new ArrayList<>(s.segments().size());
            for (SegmentRecord r : s.segments()) {
                Arrow a = Arrow.of(r, scale, g);
                arrows.add(a);
                arrowIndex.add(a, Math.min(a.y1(), a.ey()), Math.max(a.y1(), a.ey()));
            }
            this.labels = new ArrayList<>(arrows.size());
            this.now = scale.y(s.time());
        }

        void add(Label label) {
            labels.add(label);
            labelIndex.add(label, label.box().top(), label.box().bottom());
        }

        /** The first placed label the box overlaps, or null. */
        Label overlapping(Box box) {
            return labelIndex.first(box.top(), box.bottom(), other -> {
                work.spend();
                return box.overlaps(other.box());
            });
        }

        /** How many arrows but {@code a}'s run through the box. */
        int crossings(Box box, Arrow a) {
            double top = box.top(), bottom = box.bottom();
            return arrowIndex.count(top, bottom, o -> {
                work.spend();
                if (o == a || Math.max(o.y1(), o.ey()) < top || Math.min(o.y1(), o.ey()) > bottom) return false;
                return box.crosses(o.x1(), o.y1(), o.ex(), o.ey());
            });
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
         * The cheapest free spot for {@code a}'s label. Costs: each step of {@link #SLIDE_STEP} from
         * the middle 1, below the arrow 2, two lines 8, each arrow through the text 20, the dotted
         * "now" line through it 3. With no spot free: null when an earlier segment's label is in the
         * way and {@code mayAskForRoom}, else the nearest free spot straight above or below.
         */
        Spot place(Arrow a, String text, boolean mayAskForRoom) {
            List<List<String>> lines = lines(text);
            int[] widths = widths(lines);
            double span = Math.abs(a.x2() - a.x1());
            double ux = Math.cos(Math.toRadians(a.angle()));
            double uy = Math.sin(Math.toRadians(a.angle()));
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
                Label c = candidate(a, lines.get(k), widths[k] * g.charWidth(), ux, uy, t, slot.below());
                if (!withinLanes(c.box(), g, true)) continue;
                if (best == null) shapes.add(c);
                int arrowsCrossed = crossings(c.box(), a);
                boolean nowCrossed = c.box().top() <= now && now <= c.box().bottom() && c.box().crosses(g.clientX(), now, g.serverX(), now);
                int cost = slot.cost() + 20 * arrowsCrossed + (nowCrossed ? 3 : 0);
                if (cost >= bestCost) continue;
                Label in = overlapping(c.box());
                if (in == null) {
                    best = new Spot(c, arrowsCrossed > 0);
                    bestCost = cost;
                } else if (blocker == null) {
                    blocker = in;
                }
            }
            if (best != null) return best;
            if (mayAskForRoom && blocker != null && arrows.get(blocker.n() - 1).record().sentAt() < a.record().sentAt()) return null;
            Label shape = shapes.isEmpty() ? candidate(a, lines.get(lines.size() - 1), widths[lines.size() - 1] * g.charWidth(), ux, uy, 0.5, false) : null;
            Label label = offArrow(shapes.isEmpty() ? List.of(shape) : shapes, false);
            return new Spot(label, crossings(label.box(), a) > 0);
        }

        /** The first slot no placed label overlaps, whatever runs through it; else off the arrow. */
        Label placePlainly(Arrow a, String text) {
            List<List<String>> lines = lines(text);
            int[] widths = widths(lines);
            double span = Math.abs(a.x2() - a.x1());
            double ux = Math.cos(Math.toRadians(a.angle()));
            double uy = Math.sin(Math.toRadians(a.angle()));
            Label first = null;
            int tried = 0;
            for (Slot slot : SLOTS) {
                if (tried == PLAIN_SLOTS) break;
                int k = slot.twoLines() ? 1 : 0;
                if (k >= lines.size()) continue;
                double t = 0.5 + slot.toward() * slot.step() * SLIDE_STEP / span;
                if (t < 0 || t > 1) continue;
                Label c = candidate(a, lines.get(k), widths[k] * g.charWidth(), ux, uy, t, slot.below());
                if (!withinLanes(c.box(), g, true)) continue;
                if (first == null) first = c;
                tried++;
                if (overlapping(c.box()) == null) return c;
            }
            if (first == null) first = candidate(a, lines.get(lines.size() - 1), widths[lines.size() - 1] * g.charWidth(), ux, uy, 0.5, false);
            return offArrow(List.of(first), true);
        }

        /**
         * The last resort: the first of {@code shapes} (cheapest first) moved straight down or up,
         * a few pixels more each time, until it is free; with {@code jump}, only down, and each
         * time just past the label in the way. Far enough down nothing is in the way, so this
         * always ends.
         */
        Label offArrow(List<Label> shapes, boolean jump) {
            if (jump) {
                Label shape = shapes.get(0);
                double shift = OFF_ARROW_STEP;
                while (true) {
                    Box moved = shape.box().shifted(shift);
                    Label in = overlapping(moved);
                    if (in == null) return moved(shape, shift, moved);
                    shift += Math.max(1, in.box().bottom() - moved.top());
                }
            }
            for (int shift = OFF_ARROW_STEP; ; shift += OFF_ARROW_STEP) {
                for (int sign : new int[] {1, -1}) {
                    for (Label shape : shapes) {
                        Box moved = shape.box().shifted(sign * shift);
                        if (sign < 0 && moved.top() < TOP - 26) continue;
                        if (overlapping(moved) == null) return moved(shape, sign * shift, moved);
                    }
                }
            }
        }

        private static Label moved(Label shape, double shift, Box box) {
            return new Label(shape.n(), shape.lines(), shape.x(), shape.y() + shift, shape.angle(), shape.baseline(), box);
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
