package tcplab.lesson;

import org.junit.jupiter.api.Test;
import tcplab.sim.BadActionException;
import tcplab.sim.Flag;
import tcplab.sim.LabSpec;
import tcplab.sim.Profile;
import tcplab.sim.Scenario;
import tcplab.sim.SegmentRecord;
import tcplab.sim.Side;
import tcplab.sim.Simulation;
import tcplab.sim.Snapshot;
import tcplab.sim.State;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claims the lessons make about behaviour that their labs let a learner play but no prediction
 * asks about: each is played here the way the lesson tells the learner to, in both profiles.
 */
class LessonClaimsTest {

    /** four-way-teardown: "press the client's Abort (RST) instead, and the server leaves CLOSE-WAIT". */
    @Test
    void aValidRstEndsCloseWait() throws BadActionException {
        for (Profile profile : Profile.values()) {
            Simulation sim = new LabSpec(Scenario.byKey("teardown").orElseThrow(), null, profile, List.of()).start();
            for (String word : List.of("close:client", "next", "next")) sim.apply(word);
            assertEquals(State.CLOSE_WAIT, sim.snapshot().server().state());
            sim.apply("abort:client");
            while (sim.hasPending()) sim.apply("next");
            Snapshot end = sim.snapshot();
            assertTrue(end.segments().stream().anyMatch(r -> r.from() == Side.CLIENT && r.segment().has(Flag.RST)), profile + ": the abort sends a RST");
            assertEquals(State.CLOSED, end.server().state(), profile + ": the RST moves the server from CLOSE-WAIT to CLOSED");
        }
    }

    /**
     * lost-handshake-segments: with the third ACK and every SYN-ACK resend lost, the server
     * gives up silently while the client believes it is connected; the client's first data
     * then meets no connection and is answered with a RST.
     */
    @Test
    void aClientThatSpeaksFirstToADroppedRequestGetsARst() throws BadActionException {
        Simulation sim = new LabSpec(Scenario.byKey("handshake").orElseThrow(), null, Profile.LINUX, List.of()).start();
        for (String word : List.of("connect", "next", "next", "drop")) sim.apply(word);
        List<Long> resends = new ArrayList<>();
        while (sim.hasPending()) {
            sim.apply("next");
            for (SegmentRecord r : sim.snapshot().inFlight()) {
                if (r.from() == Side.SERVER) resends.add(r.sentAt());
                sim.apply("drop");
            }
        }
        assertEquals(5, resends.size(), "five SYN-ACK resends (tcp_synack_retries)");
        Snapshot given = sim.snapshot();
        assertEquals(State.LISTEN, given.server().state(), "the server dropped the request and keeps listening");
        assertEquals(State.ESTABLISHED, given.client().state(), "the client still believes it is connected");
        int sentBefore = given.segments().size();

        sim.apply("send:client:hello");
        while (sim.hasPending()) sim.apply("next");
        Snapshot end = sim.snapshot();
        assertTrue(end.segments().stream().skip(sentBefore).anyMatch(r -> r.from() == Side.SERVER && r.segment().has(Flag.RST)),
                "the server answers the data with a RST");
        assertEquals(State.CLOSED, end.client().state(), "the client learns it at once");
    }

    /** lost-handshake-segments: a client that sends nothing gets no RST; it just waits. */
    @Test
    void aClientThatWaitsForTheServerToSpeakGetsNothing() throws BadActionException {
        Simulation sim = new LabSpec(Scenario.byKey("handshake").orElseThrow(), null, Profile.LINUX, List.of()).start();
        for (String word : List.of("connect", "next", "next", "drop")) sim.apply(word);
        while (sim.hasPending()) {
            sim.apply("next");
            while (!sim.snapshot().inFlight().isEmpty()) sim.apply("drop");
        }
        Snapshot end = sim.snapshot();
        assertEquals(State.ESTABLISHED, end.client().state());
        assertTrue(end.segments().stream().noneMatch(r -> r.segment().has(Flag.RST)), "nobody sends a RST");
    }

    /**
     * lost-teardown-segments: an orphan (the client's application exited) resends a FIN that is
     * never acknowledged 8 times (tcp_orphan_retries 0 read as 8) and gives up at 153.45 s;
     * a connection whose application still holds it tries 15 times, until 993.45 s.
     */
    @Test
    void anOrphanGivesUpOnItsFinSooner() throws BadActionException {
        assertEquals(List.of(450L, 1050L, 2250L, 4650L, 9450L, 19050L, 38250L, 76650L), finResendsUntilClosed("exit:client", 153_450));
        assertEquals(15, finResendsUntilClosed("close:client", 993_450).size());
    }

    /** Plays the teardown lab dropping every segment after {@code close}; returns when the client resent its FIN. */
    private static List<Long> finResendsUntilClosed(String close, long closedAt) throws BadActionException {
        Simulation sim = new LabSpec(Scenario.byKey("teardown").orElseThrow(), null, Profile.LINUX, List.of()).start();
        sim.apply(close);
        sim.apply("drop");
        while (sim.hasPending()) {
            sim.apply("next");
            while (!sim.snapshot().inFlight().isEmpty()) sim.apply("drop");
        }
        Snapshot end = sim.snapshot();
        assertEquals(State.CLOSED, end.client().state(), close + ": the client gives up");
        assertEquals(closedAt, end.time(), close + ": when it gives up");
        return end.segments().stream().filter(r -> r.from() == Side.CLIENT && r.segment().has(Flag.FIN) && r.sentAt() > 150)
                .map(SegmentRecord::sentAt).toList();
    }

    /** lost-teardown-segments: a client whose application only closed (not exited) waits in FIN-WAIT-2 with no timer. */
    @Test
    void aClosedButNotOrphanedConnectionWaitsInFinWait2ForEver() throws BadActionException {
        Simulation sim = new LabSpec(Scenario.byKey("teardown").orElseThrow(), null, Profile.LINUX, List.of()).start();
        for (String word : List.of("close:client", "next", "next")) sim.apply(word);
        assertEquals(State.FIN_WAIT_2, sim.snapshot().client().state());
        assertTrue(!sim.hasPending(), "nothing is left to happen: no fin-wait-2 timer");
    }
}
