package tcplab.ladder;

import tcplab.sim.Event;
import tcplab.sim.Fate;
import tcplab.sim.SegmentRecord;
import tcplab.sim.Side;
import tcplab.sim.Snapshot;
import tcplab.sim.StateChanged;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The compressed time scale: every time at which something is drawn gets a y, each gap
 * between neighbours a height that grows with its length, up to 60 ms linearly (0.8 px/ms, at
 * least 10 px), then logarithmically up to {@link #BREAK_AFTER_MS} (1 s is about 97 px); a
 * longer gap (a 60 s TIME-WAIT, a late SYN retry) stops growing and carries a break mark, so a
 * diagram stays a few hundred pixels tall. Segments one side sends at the same moment are
 * stacked {@link #STACK} px apart.
 */
final class TimeScale {

    /** The y of time 0. */
    static final int TOP = 60;
    /** Longest gap drawn to scale (logarithmically); longer ones get a break mark. */
    static final long BREAK_AFTER_MS = 2_500;
    static final int STACK = 24;

    private final long[] times;
    private final int[] ys;
    final List<Integer> breaks;
    private final Map<Integer, Integer> stackIndex;

    private TimeScale(long[] times, int[] ys, List<Integer> breaks, Map<Integer, Integer> stackIndex) {
        this.times = times;
        this.ys = ys;
        this.breaks = breaks;
        this.stackIndex = stackIndex;
    }

    /** The scale of a lab, with {@code room} extra pixels above some times (the gap that ends there). */
    static TimeScale of(Snapshot s, Map<Long, Integer> room) {
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
        Map<Side, Map<Long, Integer>> sameTime = new HashMap<>();
        Map<Long, Integer> extra = new HashMap<>();
        Map<Integer, Integer> index = new HashMap<>();
        for (SegmentRecord r : s.segments()) {
            int k = sameTime.computeIfAbsent(r.from(), side -> new HashMap<>()).merge(r.sentAt(), 1, Integer::sum) - 1;
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
        return new TimeScale(times, ys, List.copyOf(breaks), index);
    }

    /** Where a lost segment's arrow ends: half-way through its trip. */
    static long lostAt(SegmentRecord r) {
        return r.sentAt() + (r.dueAt() - r.sentAt()) / 2;
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
        int i = Arrays.binarySearch(times, t);
        if (i > 0) return times[i];
        return times.length > 1 ? times[1] : t;
    }

    /** The first time after {@code t} at which something is drawn, or t itself if none. */
    long next(long t) {
        int i = Arrays.binarySearch(times, t);
        if (i < 0) i = -i - 2;
        return i + 1 < times.length ? times[i + 1] : t;
    }

    int last() {
        return ys.length == 0 ? TOP : ys[ys.length - 1];
    }

    /** How many segments its sender sent at the same moment before this one. */
    int stack(SegmentRecord r) {
        return stackIndex.getOrDefault(r.n(), 0);
    }

    /** The y of time {@code t}: exact at the keys, linear between them, clamped outside. */
    int y(long t) {
        if (times.length == 0) return TOP;
        if (t <= times[0]) return ys[0];
        if (t >= times[times.length - 1]) return ys[ys.length - 1];
        int i = Arrays.binarySearch(times, t);
        if (i >= 0) return ys[i];
        i = -i - 1; // times[i - 1] < t < times[i]
        double f = (double) (t - times[i - 1]) / (times[i] - times[i - 1]);
        return (int) Math.round(ys[i - 1] + f * (ys[i] - ys[i - 1]));
    }
}
