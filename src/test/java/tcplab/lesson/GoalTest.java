package tcplab.lesson;

import org.junit.jupiter.api.Test;
import tcplab.sim.BadActionException;
import tcplab.sim.Profile;
import tcplab.sim.Scenario;
import tcplab.sim.Simulation;
import tcplab.sim.Snapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** When a lab's story is over: at rest, and both endpoints where its goal says. */
class GoalTest {

    static Snapshot play(Scenario scenario, String... words) throws BadActionException {
        return Simulation.replay(scenario, null, Profile.LINUX, List.of(words));
    }

    /** The words, then "next" until nothing is pending. */
    static Snapshot playOut(Scenario scenario, String... words) throws BadActionException {
        Simulation sim = Simulation.start(scenario, null, Profile.LINUX);
        List<String> all = new ArrayList<>(Arrays.asList(words));
        for (String w : all) sim.apply(w);
        while (sim.hasPending()) sim.apply("next");
        return sim.snapshot();
    }

    static boolean finished(Scenario scenario, Snapshot s) {
        return Goal.finished(Goal.of(scenario), s);
    }

    @Test
    void theServerClosingFirstIsNotOverWhileTheClientWaitsInCloseWait() throws Exception {
        Snapshot waiting = playOut(Scenario.SERVER_CLOSE, "close:server");
        assertEquals("CLOSE-WAIT", waiting.client().state().label(), "nothing pending, yet the story is half told");
        assertFalse(waiting.pending());
        assertFalse(finished(Scenario.SERVER_CLOSE, waiting));

        Snapshot inTimeWait = play(Scenario.SERVER_CLOSE, "close:server", "next", "next", "close:client", "next", "next");
        assertEquals("TIME-WAIT", inTimeWait.server().state().label());
        assertFalse(finished(Scenario.SERVER_CLOSE, inTimeWait), "TIME-WAIT's timer still runs");

        Snapshot over = playOut(Scenario.SERVER_CLOSE, "close:server", "next", "next", "close:client");
        assertTrue(finished(Scenario.SERVER_CLOSE, over));
    }

    @Test
    void aFreeLabIsOverWhenAConnectionHasOpenedAndClosed() throws Exception {
        assertFalse(finished(Scenario.FREE, play(Scenario.FREE, "close:client")), "an error reply is not a story");
        assertFalse(finished(Scenario.FREE, play(Scenario.FREE, "close:server")), "closing the listener opened nothing");
        assertFalse(finished(Scenario.FREE, playOut(Scenario.FREE, "connect")), "open, not yet closed");
        assertTrue(finished(Scenario.FREE, playOut(Scenario.FREE, "connect", "next", "next", "next", "close:client",
                "next", "next", "close:server")));
        assertTrue(finished(Scenario.FREE, playOut(Scenario.FREE, "connect", "next", "next", "next", "abort:client")),
                "a reset ends a connection too");
    }

    @Test
    void aHandshakeIsOverWhenBothEndsAreEstablished() throws Exception {
        assertFalse(finished(Scenario.HANDSHAKE, play(Scenario.HANDSHAKE, "connect", "next")));
        assertTrue(finished(Scenario.HANDSHAKE, play(Scenario.HANDSHAKE, "connect", "next", "next", "next")));
        assertTrue(finished(Scenario.SIMULTANEOUS_OPEN, playOut(Scenario.SIMULTANEOUS_OPEN)));
        assertTrue(finished(Scenario.OLD_DUPLICATE_SYN, playOut(Scenario.OLD_DUPLICATE_SYN)));
        assertFalse(finished(Scenario.TWO_PASSIVE_SOCKETS, play(Scenario.TWO_PASSIVE_SOCKETS)), "both listen, the old SYN not yet sent");
        assertTrue(finished(Scenario.TWO_PASSIVE_SOCKETS, playOut(Scenario.TWO_PASSIVE_SOCKETS)), "the reset returned both to LISTEN");
        // a lost ACK: the server still waits (its SYN-ACK timer runs), so not yet
        Snapshot lostAck = play(Scenario.HANDSHAKE, "connect", "next", "next", "drop");
        assertEquals("ESTABLISHED", lostAck.client().state().label());
        assertFalse(finished(Scenario.HANDSHAKE, lostAck));
    }

    @Test
    void aHalfOpenConnectionIsOverEitherWay() throws Exception {
        assertFalse(finished(Scenario.HALF_OPEN, play(Scenario.HALF_OPEN)), "it starts half-open, at rest");
        Snapshot reconnected = playOut(Scenario.HALF_OPEN, "connect");
        assertEquals(List.of("ESTABLISHED", "ESTABLISHED"), List.of(reconnected.client().state().label(), reconnected.server().state().label()));
        assertTrue(finished(Scenario.HALF_OPEN, reconnected));
        Snapshot reset = playOut(Scenario.HALF_OPEN, "send:server:x");
        assertEquals(List.of("CLOSED", "CLOSED"), List.of(reset.client().state().label(), reset.server().state().label()));
        assertTrue(finished(Scenario.HALF_OPEN, reset));
    }

    @Test
    void everyScenarioHasAGoalItsStoryReaches() throws Exception {
        assertTrue(finished(Scenario.TWO_WAY_HANDSHAKE, playOut(Scenario.TWO_WAY_HANDSHAKE)), "the ghost connection is reset");
        assertTrue(finished(Scenario.SIMULTANEOUS_CLOSE, playOut(Scenario.SIMULTANEOUS_CLOSE)));
        assertTrue(finished(Scenario.THREE_SEGMENT_CLOSE, playOut(Scenario.THREE_SEGMENT_CLOSE, "close:client")));
        assertTrue(finished(Scenario.HANDSHAKE_DATA, playOut(Scenario.HANDSHAKE_DATA, "connect")));
        for (Scenario s : Scenario.values()) assertFalse(Goal.of(s).isEmpty(), s.key());
    }
}
