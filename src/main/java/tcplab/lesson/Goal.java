package tcplab.lesson;

import tcplab.sim.LabSnapshot;
import tcplab.sim.Scenario;
import tcplab.sim.Snapshot;
import tcplab.sim.State;
import tcplab.sim.StateChanged;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a lab's story ends, for the course's progress. A lab counts as finished when nothing
 * is left to happen in it by itself (no segment in flight, no timer running, no scripted
 * call) and both endpoints are where one of its goals says. So a teardown is finished when
 * TIME-WAIT has run out, not while one side still waits in CLOSE-WAIT for its application.
 * A host lab's story has many connections, so its goal is {@link #REST}: everything the
 * learner set going has played out (request sockets gave up, TIME-WAIT ended, keepalive decided).
 */
public enum Goal {
    /** Both endpoints ESTABLISHED: the connection is open. */
    ESTABLISHED,
    /** Both endpoints CLOSED after a connection was open: it is over on both sides. */
    CLOSED,
    /** Both endpoints LISTEN after a half-open connection was reset (RFC 9293 Figure 11). */
    LISTEN,
    /** Nothing is left to happen by itself: a host lab's goal (its many connections have no one place to be). */
    REST;

    /** {@code established}, {@code closed}: the words of a lab block's {@code goal:} line. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Goal> byKey(String key) {
        for (Goal g : values()) {
            if (g.key().equals(key)) return Optional.of(g);
        }
        return Optional.empty();
    }

    /** The goals of a lab that names none: what its scenario is about. */
    public static List<Goal> of(Scenario scenario) {
        return switch (scenario) {
            case HANDSHAKE, HANDSHAKE_DATA, SIMULTANEOUS_OPEN, OLD_DUPLICATE_SYN -> List.of(ESTABLISHED);
            // a free lab: a whole connection, opened and closed; the ghost connection of the
            // two-way handshake ends in a reset
            case FREE, TEARDOWN, SERVER_CLOSE, THREE_SEGMENT_CLOSE, SIMULTANEOUS_CLOSE, TWO_WAY_HANDSHAKE -> List.of(CLOSED);
            // the half-open connection is over either way: a new one opens, or a reset clears it
            case HALF_OPEN -> List.of(ESTABLISHED, CLOSED);
            case TWO_PASSIVE_SOCKETS -> List.of(LISTEN);
        };
    }

    /** Whether a lab of this kind can have the goal: a host lab has no two endpoints to place, only {@link #REST}; a connection lab places both. */
    public boolean appliesTo(boolean hostLab) {
        return hostLab == (this == REST);
    }

    /** True when the lab is at rest and one of {@code goals} is reached. */
    public static boolean finished(List<Goal> goals, LabSnapshot s) {
        if (s.pending()) return false;
        for (Goal g : goals) {
            if (g == REST || s instanceof Snapshot c && g.reachedBy(c)) return true;
        }
        return false;
    }

    private boolean reachedBy(Snapshot s) {
        return switch (this) {
            case REST -> true;
            case ESTABLISHED -> s.client().state() == State.ESTABLISHED && s.server().state() == State.ESTABLISHED;
            case CLOSED -> s.client().state() == State.CLOSED && s.server().state() == State.CLOSED && everConnected(s);
            case LISTEN -> s.client().state() == State.LISTEN && s.server().state() == State.LISTEN && everOpening(s);
        };
    }

    /** Listening is where a passive lab starts: a connection must have been opening since. */
    private static boolean everOpening(Snapshot s) {
        for (StateChanged c : s.stateChanges()) {
            if (c.to() == State.SYN_RECEIVED) return true;
        }
        return false;
    }

    /** Closing a listening socket is not the end of a connection: one must have been open. */
    private static boolean everConnected(Snapshot s) {
        for (StateChanged c : s.stateChanges()) {
            if (c.to().isSynchronized()) return true;
        }
        return false;
    }
}
