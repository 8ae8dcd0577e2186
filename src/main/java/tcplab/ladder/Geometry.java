package tcplab.ladder;

import tcplab.sim.Side;

/**
 * Where things go across a ladder: its width, the two time lines, and the right edge of the
 * times on the left.
 */
record Geometry(int width, int clientX, int serverX, int timeX) {

    static final Geometry WIDE = new Geometry(640, 160, 520, 52);

    /** How close a label may come to a time line, where the state names and arrowheads are. */
    static final int LANE_MARGIN = 8;

    int lane(Side side) {
        return side == Side.CLIENT ? clientX : serverX;
    }
}
