package tcplab.export;

import tcplab.sim.BadActionException;
import tcplab.sim.Fate;
import tcplab.sim.LabSpec;
import tcplab.sim.Profile;
import tcplab.sim.Scenario;
import tcplab.sim.Side;
import tcplab.sim.Simulation;
import tcplab.sim.Snapshot;
import tcplab.sim.State;

import java.util.ArrayList;
import java.util.List;

/** Runs played out to the end: every scenario, and every single-segment loss of the handshake and the teardown. */
public final class ExportFixtures {

    private ExportFixtures() {}

    /** A named run: its scenario and words. */
    public record Case(String name, Scenario scenario, List<String> words, Integer dropped) {
        public LabSpec spec() {
            return new LabSpec(scenario, null, Profile.LINUX, words);
        }

        public Snapshot replay() {
            try {
                return spec().replay();
            } catch (BadActionException e) {
                throw new AssertionError(name, e);
            }
        }
    }

    /** What the learner does first in each scenario before stepping on. */
    static List<String> opening(Scenario scenario) {
        return switch (scenario) {
            case FREE, HANDSHAKE, HANDSHAKE_DATA, HALF_OPEN -> List.of("connect");
            case TEARDOWN, THREE_SEGMENT_CLOSE -> List.of("close:client");
            case SERVER_CLOSE -> List.of("close:server");
            default -> List.of();
        };
    }

    /**
     * Plays on from the opening: {@code drop:N} when segment N ({@code drop}, if not null) is in
     * flight, else {@code next} while something is pending, else closes an endpoint left in
     * CLOSE-WAIT; stops when nothing is left to do.
     */
    public static List<String> playOut(Scenario scenario, Integer drop) {
        try {
            Simulation sim = new LabSpec(scenario, null, Profile.LINUX, List.of()).start();
            for (String w : opening(scenario)) sim.apply(w);
            boolean dropped = false;
            for (int i = 0; i < 200; i++) {
                Snapshot s = sim.snapshot();
                if (drop != null && !dropped && s.segments().size() >= drop && s.segment(drop).fate() == Fate.IN_FLIGHT) {
                    sim.apply("drop:" + drop);
                    dropped = true;
                } else if (s.pending()) {
                    sim.apply("next");
                } else if (s.client().state() == State.CLOSE_WAIT) {
                    sim.apply("close:client");
                } else if (s.server().state() == State.CLOSE_WAIT) {
                    sim.apply("close:server");
                } else {
                    if (drop != null && !dropped) throw new AssertionError("segment " + drop + " never flew in " + scenario);
                    return sim.actions();
                }
            }
            throw new AssertionError(scenario + " does not end");
        } catch (BadActionException e) {
            throw new AssertionError(e);
        }
    }

    public static Snapshot playedOut(Scenario scenario) {
        return new Case(scenario.key(), scenario, playOut(scenario, null), null).replay();
    }

    /** Every scenario played out, then each handshake segment (1–3) and each teardown segment (4–7) lost in turn. */
    public static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (Scenario s : Scenario.values()) cases.add(new Case(s.key(), s, playOut(s, null), null));
        for (int n = 1; n <= 3; n++) cases.add(new Case("handshake, segment " + n + " lost", Scenario.HANDSHAKE, playOut(Scenario.HANDSHAKE, n), n));
        for (int n = 4; n <= 7; n++) cases.add(new Case("teardown, segment " + n + " lost", Scenario.TEARDOWN, playOut(Scenario.TEARDOWN, n), n));
        return cases;
    }

    /** The side that sent segment n in the case's run. */
    static Side sender(Case c) {
        return c.replay().segment(c.dropped()).from();
    }
}
