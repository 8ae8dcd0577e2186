package tcplab.sim;

import java.util.List;

/**
 * A lab, whatever its kind: started from a {@link LabSpec} ({@link LabSpec#open()}, {@link LabSpec#play()}), stepped with the contract's action
 * words, and seen through immutable {@link LabSnapshot}s. A connection lab ({@link Simulation})
 * has two endpoints; a host lab ({@link HostLab}) a listening host with many connections. The
 * layers above (web, exports, command line) go through this one door and look at the
 * kind only where what they show differs.
 * A lab is mutable and not thread-safe; its snapshots may be shared.
 */
public sealed interface Lab permits Simulation, HostLab {

    /** Parses and applies one word; rejects only words that cannot be applied (the contract's list), with their position. */
    void apply(String word) throws BadActionException;

    /** When the next thing that will happen by itself (a segment's arrival, a timer, a scripted call) is due, or null. */
    Long nextDueAt();

    /** True when something will happen by itself: a segment in flight, a timer, a scripted call. */
    default boolean hasPending() {
        return nextDueAt() != null;
    }

    LabSnapshot snapshot();

    /** The words applied so far. */
    List<String> actions();

    /** The virtual clock, in milliseconds. */
    long now();
}
