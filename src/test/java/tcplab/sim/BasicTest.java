package tcplab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BasicTest {

    @Test
    void handshakeThenTeardownReachesClosed() throws Exception {
        Simulation sim = Simulation.start(Scenario.HANDSHAKE, null, Profile.LINUX);
        sim.apply("connect");
        for (int i = 0; i < 3; i++) sim.apply("next");
        Snapshot s = sim.snapshot();
        assertEquals(State.ESTABLISHED, s.client().state());
        assertEquals(State.ESTABLISHED, s.server().state());
        assertEquals("<SEQ=100><CTL=SYN>", s.segment(1).segment().toString());
        assertEquals("<SEQ=300><ACK=101><CTL=SYN,ACK>", s.segment(2).segment().toString());
        assertEquals("<SEQ=101><ACK=301><CTL=ACK>", s.segment(3).segment().toString());
        assertEquals(150, s.time());
        sim.apply("close:client");
        sim.apply("next");
        sim.apply("next");
        sim.apply("close:server");
        sim.apply("next");
        sim.apply("next");
        s = sim.snapshot();
        assertEquals(State.TIME_WAIT, s.client().state());
        assertEquals(State.CLOSED, s.server().state());
        sim.apply("next");
        assertEquals(State.CLOSED, sim.snapshot().client().state());
        assertEquals(300 + 60_000, sim.snapshot().time());
    }

    @Test
    void badWordsAreRejectedWithTheirPosition() {
        BadActionException e = assertThrows(BadActionException.class,
                () -> Simulation.replay(Scenario.FREE, null, Profile.LINUX, List.of("connect", "next", "next", "drop:9")));
        assertEquals(4, e.position());
        assertEquals(BadActionException.Problem.NO_SUCH_SEGMENT, e.problem());
    }
}
