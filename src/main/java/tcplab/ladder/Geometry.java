package tcplab.ladder;

import tcplab.sim.Side;

/**
 * Where things go across a ladder: its width, the two time lines, the right edge of the times
 * on the left, how wide a column of a label's text is, and whether labels are short (number,
 * control bits and length; the whole RFC notation is in the segment's {@code <title>}).
 * {@link #WIDE} is for a laptop (11 px labels); {@link #NARROW} fits a phone from 320 px up
 * (10 px labels, 8.5 px states and times; at 320 px it is drawn at about 0.8 of that), both lanes and every label inside the width.
 */
record Geometry(String name, int width, int clientX, int serverX, int timeX, double charWidth, boolean shortLabels) {

    static final Geometry WIDE = new Geometry("wide", 640, 160, 520, 52, TextMetrics.CHAR_WIDTH, false);
    static final Geometry NARROW = new Geometry("narrow", 336, 126, 254, 42, 6.1, true);

    /** How close a label may come to a time line, where the state names and arrowheads are. */
    static final int LANE_MARGIN = 8;

    int lane(Side side) {
        return side == Side.CLIENT ? clientX : serverX;
    }
}
