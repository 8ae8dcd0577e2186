package tcplab.sim;

/** What became of a segment in the channel. */
public enum Fate {
    ARRIVED, LOST, IN_FLIGHT;

    /** {@code arrived}, {@code lost}, {@code in-flight}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
