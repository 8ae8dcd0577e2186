package tcplab.ladder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Things that take up a stretch of height (placed labels, arrows), filed by the horizontal
 * bands of {@link #BAND} px they reach into, so that what may touch a box is found by looking
 * only at the bands the box reaches into, not at everything drawn so far. Things are numbered
 * in the order they were added.
 */
final class BandIndex<T> {

    static final double BAND = 32;

    private final Map<Integer, List<Integer>> bands = new HashMap<>();
    private final List<T> items = new ArrayList<>();
    /** The first band each item reaches into. */
    private final List<Integer> firstBands = new ArrayList<>();

    /** Files {@code item}, which reaches from {@code top} to {@code bottom}. */
    void add(T item, double top, double bottom) {
        int index = items.size();
        items.add(item);
        firstBands.add(band(top));
        for (int band = band(top); band <= band(bottom); band++) bands.computeIfAbsent(band, k -> new ArrayList<>()).add(index);
    }

    /** The first item added (lowest number) that reaches into the height from top to bottom and passes {@code test}; null if none. */
    T first(double top, double bottom, Predicate<T> test) {
        int best = Integer.MAX_VALUE;
        for (int band = band(top); band <= band(bottom); band++) {
            List<Integer> in = bands.get(band);
            if (in == null) continue;
            for (int i : in) {
                if (i >= best) break; // filed in order, so the rest of this band came later
                if (test.test(items.get(i))) best = i;
            }
        }
        return best == Integer.MAX_VALUE ? null : items.get(best);
    }

    /** How many distinct items that reach into the height from top to bottom pass {@code test}. */
    int count(double top, double bottom, Predicate<T> test) {
        int first = band(top), last = band(bottom);
        int n = 0;
        for (int band = first; band <= last; band++) {
            List<Integer> in = bands.get(band);
            if (in == null) continue;
            for (int i : in) {
                // an item reaching into several of these bands counts in the first of them only
                if (band > first && firstBands.get(i) < band) continue;
                if (test.test(items.get(i))) n++;
            }
        }
        return n;
    }

    private static int band(double y) {
        return (int) Math.floor(y / BAND);
    }
}
