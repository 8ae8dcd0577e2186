package tcplab.sim;

import java.util.List;

/**
 * A lab at one instant, immutable, whatever its kind: a connection lab's {@link Snapshot} or a
 * host lab's {@link HostSnapshot}. What every lab has: its spec, its clock, whether anything is
 * pending, and the trace as readable lines.
 */
public sealed interface LabSnapshot permits Snapshot, HostSnapshot {

    /** The spec that rebuilds exactly this lab (its actions included). */
    LabSpec spec();

    Long seed();

    Profile profile();

    List<String> actions();

    /** The virtual clock, in milliseconds. */
    long time();

    /** True when something will happen by itself ({@code next} applies). */
    boolean pending();

    /** When the next pending event is due, or null. */
    Long nextDueAt();

    /** The trace as readable lines. */
    List<String> trace();

    /** How many segments were ever sent (numbered 1 to this). */
    int segmentCount();
}
