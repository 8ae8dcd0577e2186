package tcplab.ladder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Straight lines (arrows), filed by the cells of a grid ({@link #WIDTH} by {@link #HEIGHT} px) that they
 * pass through (widened by a margin), so that what may touch a box is found by looking only at
 * the cells the box reaches into: a box between two long steep arrows does not look at every
 * arrow that spans its height, only at those that pass near it.
 */
final class LineIndex<T> {

    /** A cell's width and height: taller than wide, since arrows in a crowd run steep (long trips, stacked). */
    static final double WIDTH = 32;
    static final double HEIGHT = 64;

    private final int columns;
    /** Row by row, column by column: how many items, then their numbers (the order they were added). */
    private final List<int[][]> rows = new ArrayList<>();
    private final List<T> items = new ArrayList<>();
    /** The last look-up that met each item, so that one look-up tests an item once. */
    private int[] seen = new int[16];
    private int lookUps;

    /** An index of lines between x = 0 and x = {@code width}. */
    LineIndex(int width) {
        this.columns = column(width) + 1;
    }

    /** Files {@code item}, the line from (x1, y1) to (x2, y2) and everything within {@code margin} of it; returns in how many cells. */
    int add(T item, double x1, double y1, double x2, double y2, double margin) {
        int index = items.size();
        items.add(item);
        if (index == seen.length) seen = Arrays.copyOf(seen, 2 * index);
        seen[index] = -1;
        int filed = 0;
        double low = Math.min(y1, y2), high = Math.max(y1, y2);
        for (int row = Math.max(0, row(low - margin)); row <= row(high + margin); row++) {
            // the part of the line within the margin of this row's height, and so the columns it reaches
            double from = Math.max(low, row * HEIGHT - margin), to = Math.min(high, (row + 1) * HEIGHT + margin);
            if (from > to) continue;
            double xa = high - low < 1e-9 ? x1 : xAt(x1, y1, x2, y2, from);
            double xb = high - low < 1e-9 ? x2 : xAt(x1, y1, x2, y2, to);
            int first = Math.max(0, column(Math.min(xa, xb) - margin)), last = Math.min(columns - 1, column(Math.max(xa, xb) + margin));
            while (rows.size() <= row) rows.add(new int[columns][]);
            int[][] cells = rows.get(row);
            for (int column = first; column <= last; column++) {
                int[] in = cells[column];
                if (in == null) in = cells[column] = new int[4];
                else if (in[0] + 1 == in.length) in = cells[column] = Arrays.copyOf(in, 2 * in.length);
                in[++in[0]] = index;
                filed++;
            }
        }
        return filed;
    }

    /** An item filed in a cell that the rectangle reaches into and that passes {@code test}, the first met; null if none. */
    T any(double left, double top, double right, double bottom, Predicate<T> test) {
        int lookUp = lookUps++;
        int firstColumn = Math.max(0, column(left)), lastColumn = Math.min(columns - 1, column(right));
        for (int row = Math.max(0, row(top)); row <= row(bottom) && row < rows.size(); row++) {
            int[][] cells = rows.get(row);
            for (int column = firstColumn; column <= lastColumn; column++) {
                int[] in = cells[column];
                if (in == null) continue;
                for (int k = 1; k <= in[0]; k++) {
                    int i = in[k];
                    if (seen[i] == lookUp) continue;
                    seen[i] = lookUp;
                    if (test.test(items.get(i))) return items.get(i);
                }
            }
        }
        return null;
    }

    /** The x of the line (not level) at height y, clamped to its ends. */
    private static double xAt(double x1, double y1, double x2, double y2, double y) {
        double t = Math.max(0, Math.min(1, (y - y1) / (y2 - y1)));
        return x1 + (x2 - x1) * t;
    }

    private static int row(double y) {
        return (int) Math.floor(y / HEIGHT);
    }

    private static int column(double x) {
        return (int) Math.floor(x / WIDTH);
    }
}
