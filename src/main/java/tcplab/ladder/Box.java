package tcplab.ladder;

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

    /** The same box moved down by {@code dy} (up when negative). */
    Box shifted(double dy) {
        return new Box(cx, cy + dy, ux, uy, halfWidth, halfHeight);
    }

    /** The same box with {@code d} more on every side. */
    Box grown(double d) {
        return new Box(cx, cy, ux, uy, halfWidth + d, halfHeight + d);
    }

    /** Half the box's extent along the unit vector (lx, ly). */
    private double reach(double lx, double ly) {
        return halfWidth * Math.abs(ux * lx + uy * ly) + halfHeight * Math.abs(-uy * lx + ux * ly);
    }

    /** True when the two boxes share any point (separating axis test). */
    boolean overlaps(Box o) {
        if (o.bottom() < top() || o.top() > bottom() || o.right() < left() || o.left() > right()) return false;
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
