package tcplab.ladder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Things that take up a stretch of height (placed labels), filed by the horizontal
 * bands of {@link #BAND} px they reach into, so that what may touch a box is found by looking
 * only at the bands the box reaches into, not at everything drawn so far. Things are numbered
 * in the order they were added.
 */
final class BandIndex<T> {

    static final double BAND = 32;

    private final Map<Integer, List<Integer>> bands = new HashMap<>();
    private final List<T> items = new ArrayList<>();

    /** Files {@code item}, which reaches from {@code top} to {@code bottom}. */
    void add(T item, double top, double bottom) {
        int index = items.size();
        items.add(item);
        for (int band = band(top); band <= band(bottom); band++) bands.computeIfAbsent(band, k -> new ArrayList<>()).add(index);
    }

    /**
     * An item that reaches into the height from top to bottom and passes {@code test}, the first
     * met (band by band, in the order added); null if none. It stops at the first item that
     * passes.
     */
    T any(double top, double bottom, Predicate<T> test) {
        for (int band = band(top); band <= band(bottom); band++) {
            List<Integer> in = bands.get(band);
            if (in == null) continue;
            for (int i : in) if (test.test(items.get(i))) return items.get(i);
        }
        return null;
    }

    private static int band(double y) {
        return (int) Math.floor(y / BAND);
    }
}
