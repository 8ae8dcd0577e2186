package tcplab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tcplab.sim.Side.CLIENT;
import static tcplab.sim.Side.SERVER;
import static tcplab.sim.State.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract's scenarios, actions, offered controls and trace formats. */
class ScenarioTest {

    @Test
    void everyScenarioStartsWhereTheContractSays() {
        for (Scenario sc : Scenario.values()) {
            Snapshot s = Simulation.start(sc, null, null).snapshot();
            assertEquals(Profile.LINUX, s.profile());
            assertTrue(s.actions().isEmpty());
            switch (sc) {
                case FREE, HANDSHAKE, HANDSHAKE_DATA, OLD_DUPLICATE_SYN, TWO_WAY_HANDSHAKE -> assertEquals("CLOSED/LISTEN", states(s));
                case SIMULTANEOUS_OPEN -> assertEquals("CLOSED/CLOSED", states(s));
                case HALF_OPEN -> assertEquals("CLOSED/ESTABLISHED", states(s));
                case TWO_PASSIVE_SOCKETS -> assertEquals("LISTEN/LISTEN", states(s));
                default -> assertEquals("ESTABLISHED/ESTABLISHED", states(s));
            }
            if (sc.startsEstablished()) {
                assertEquals(150, s.time());
                assertEquals(List.of("<SEQ=100><CTL=SYN>", "<SEQ=300><ACK=101><CTL=SYN,ACK>", "<SEQ=101><ACK=301><CTL=ACK>"),
                        s.segments().stream().map(r -> r.segment().toString()).toList());
            }
        }
    }

    private static String states(Snapshot s) {
        return s.client().state() + "/" + s.server().state();
    }

    /** The server's ACK waits 40 ms; its application closes first, so the ACK rides on its FIN. */
    @Test
    void threeSegmentClose() {
        Story lab = Story.of(Scenario.THREE_SEGMENT_CLOSE, Profile.LINUX);
        lab.act("close:client").sent(CLIENT, "<SEQ=101><ACK=301><CTL=FIN,ACK>");
        lab.act("next").nothingSent().states(FIN_WAIT_1, CLOSE_WAIT).at(200);
        assertEquals(240, lab.s().server().timer(TimerKind.DELAYED_ACK).orElseThrow().dueAt());
        lab.act("next").sent(SERVER, "<SEQ=301><ACK=102><CTL=FIN,ACK>").states(FIN_WAIT_1, LAST_ACK).at(200);
        assertTrue(lab.s().server().timer(TimerKind.DELAYED_ACK).isEmpty());
        UserCall close = lab.s().events().stream().filter(UserCall.class::isInstance).map(UserCall.class::cast)
                .reduce((a, b) -> b).orElseThrow();
        assertEquals(Why.SCRIPTED_CALL, close.reason().why());
        lab.act("next").sent(CLIENT, "<SEQ=102><ACK=302><CTL=ACK>").states(TIME_WAIT, LAST_ACK).at(250);
        lab.act("next").nothingSent().states(TIME_WAIT, CLOSED).at(300);
        assertEquals(6, lab.s().segments().size()); // three for the handshake, three for the close
    }

    /** The counterfactual: a SYN alone opens the server's side, so an old duplicate opens a ghost. */
    @Test
    void twoWayHandshakeOpensAGhostConnection() {
        Story lab = Story.of(Scenario.TWO_WAY_HANDSHAKE, Profile.LINUX);
        lab.act("next").sent(CLIENT, "<SEQ=90><CTL=SYN>");
        assertEquals(Origin.INJECTED, lab.last().origin());
        lab.act("next").sent(SERVER, "<SEQ=300><ACK=91><CTL=SYN,ACK>").states(CLOSED, ESTABLISHED);
        // If the client's RST is lost, the ghost stays ESTABLISHED and keeps resending.
        lab.act("next", "drop").sent(CLIENT, "<SEQ=91><CTL=RST>").states(CLOSED, ESTABLISHED);
        lab.act("next").sent(SERVER, "<SEQ=300><ACK=91><CTL=SYN,ACK>").states(CLOSED, ESTABLISHED);
        lab.act("next").sent(CLIENT, "<SEQ=91><CTL=RST>");
        lab.act("next").states(CLOSED, CLOSED);
    }

    /** A duplicated SYN reaching SYN-RECEIVED: Linux resends the SYN-ACK, the RFC's text sends an ACK. */
    @Test
    void duplicatedSynInSynReceived() {
        for (Profile p : Profile.values()) {
            Story lab = Story.of(Scenario.HANDSHAKE, p).act("connect");
            lab.sim.duplicate(1, 80);
            lab.sent(CLIENT, "<SEQ=100><CTL=SYN>").sent(CLIENT, "<SEQ=100><CTL=SYN>");
            assertEquals(Origin.DUPLICATE, lab.last().origin());
            lab.act("next").sent(SERVER, "<SEQ=300><ACK=101><CTL=SYN,ACK>").at(50);
            lab.act("next").sent(SERVER, p == Profile.LINUX ? "<SEQ=300><ACK=101><CTL=SYN,ACK>" : "<SEQ=301><ACK=101><CTL=ACK>").at(80);
        }
    }

    @Test
    void offeredActionsFollowTheStates() {
        Simulation sim = Simulation.start(Scenario.HANDSHAKE, null, Profile.LINUX);
        assertEquals(List.of("connect", "exit:server"), words(sim.offered()));
        Snapshot s = sim.snapshot();
        assertFalse(s.pending());
        assertTrue(s.nextEventAt().isEmpty());
        Story lab = new Story(sim).act("connect");
        assertEquals(List.of("next", "drop", "drop:1", "exit:client", "abort:client", "exit:server"), words(sim.offered()));
        assertEquals(50L, lab.s().nextEventAt().orElseThrow());
        lab.act("next", "next", "next");
        assertEquals(List.of("send:client:GET%20%2F", "close:client", "exit:client", "abort:client",
                "send:server:HTTP%2F1.1%20200%20OK", "close:server", "exit:server", "abort:server"), words(sim.offered()));
        lab.act("close:client");
        assertFalse(words(sim.offered()).contains("close:client"));
        assertFalse(words(sim.offered()).contains("send:client:GET%20%2F"));
    }

    private static List<String> words(List<Action> actions) {
        return actions.stream().map(Action::word).toList();
    }

    @Test
    void userCallsTheRfcRefusesAreValidAndTraced() throws Exception {
        Snapshot s = Simulation.replay(Scenario.FREE, null, Profile.RFC,
                List.of("close:client", "send:server:x", "abort:client", "connect", "connect"));
        List<UserError> errors = s.events().stream().filter(UserError.class::isInstance).map(UserError.class::cast).toList();
        assertEquals(List.of(Why.CONNECTION_DOES_NOT_EXIST, Why.FOREIGN_SOCKET_UNSPECIFIED, Why.CONNECTION_DOES_NOT_EXIST,
                Why.CONNECTION_ALREADY_EXISTS), errors.stream().map(e -> e.reason().why()).toList());
        assertEquals("0 ms  client application: connect fails: connection already exists", errors.get(3).text());
    }

    @Test
    void wordsParseAndPrintBack() throws Exception {
        for (String w : List.of("next", "drop", "drop:12", "connect", "close:client", "abort:server", "exit:client",
                "send:client:GET%20%2F", "send:server:%E4%BD%A0%E5%A5%BD%2C")) {
            assertEquals(w, Action.parse(w).word());
        }
        assertEquals(new Send(CLIENT, "a+b"), Action.parse("send:client:a+b"));
        assertEquals("send:client:a%2Bb", new Send(CLIENT, "a+b").word());
    }

    @Test
    void badWordsNameTheirProblemAndPosition() {
        assertProblem(List.of("jump"), 1, BadActionException.Problem.UNKNOWN_WORD);
        assertProblem(List.of("connect", "close:nobody"), 2, BadActionException.Problem.BAD_SIDE);
        assertProblem(List.of("drop:0"), 1, BadActionException.Problem.BAD_SEGMENT_NUMBER);
        assertProblem(List.of("drop:x"), 1, BadActionException.Problem.BAD_SEGMENT_NUMBER);
        assertProblem(List.of("connect", "drop:2"), 2, BadActionException.Problem.NO_SUCH_SEGMENT);
        assertProblem(List.of("connect", "next", "drop:1"), 3, BadActionException.Problem.NOT_IN_FLIGHT);
        assertProblem(List.of("next"), 1, BadActionException.Problem.NOTHING_PENDING);
        assertProblem(List.of("drop"), 1, BadActionException.Problem.NOTHING_IN_FLIGHT);
        assertProblem(List.of("send:client:"), 1, BadActionException.Problem.BAD_TEXT);
        assertProblem(List.of("send:client:%E4%BD"), 1, BadActionException.Problem.BAD_TEXT);
        assertProblem(List.of("send:client:%4"), 1, BadActionException.Problem.BAD_TEXT);
        assertProblem(List.of("send:client:" + "x".repeat(65)), 1, BadActionException.Problem.TOO_LONG);
        BadActionException e = assertThrows(BadActionException.class,
                () -> Simulation.replay(Scenario.FREE, null, null, List.of("connect", "fly")));
        assertEquals("action 2 \"fly\" is not an action", e.getMessage());
    }

    private static void assertProblem(List<String> words, int position, BadActionException.Problem problem) {
        BadActionException e = assertThrows(BadActionException.class, () -> Simulation.replay(Scenario.FREE, null, null, words));
        assertEquals(position, e.position(), e.getMessage());
        assertEquals(problem, e.problem(), e.getMessage());
        assertEquals(words.get(position - 1), e.word());
    }

    @Test
    void seedsDrawThirtyTwoBitIsns() throws Exception {
        Snapshot a = Simulation.replay(Scenario.HANDSHAKE, 7L, null, List.of("connect", "next", "next", "next"));
        Snapshot b = Simulation.replay(Scenario.HANDSHAKE, 7L, null, List.of("connect", "next", "next", "next"));
        assertEquals(a, b);
        assertNotEquals(100L, a.client().iss());
        assertTrue(a.client().iss() >= 0 && a.client().iss() < (1L << 32));
        assertEquals(SeqNum.add(a.client().iss(), 1), a.server().rcvNxt());
        assertEquals(ESTABLISHED, a.server().state());
    }

    @Test
    void sequenceNumbersWrapAround() {
        assertTrue(SeqNum.lt(0xFFFF_FFF0L, 5));
        assertTrue(SeqNum.gt(5, 0xFFFF_FFF0L));
        assertEquals(4, SeqNum.add(0xFFFF_FFFFL, 5));
    }

    @Test
    void traceLines() throws Exception {
        Snapshot s = Simulation.replay(Scenario.FREE, null, null, List.of("connect", "next"));
        assertTrue(s.trace().contains("0 ms  client: CLOSED → SYN-SENT (connect)"), String.join("\n", s.trace()));
        assertTrue(s.trace().contains("0 ms  client sends 1 <SEQ=100><CTL=SYN>"));
    }

    @Test
    void everyReasonRendersInEnglish() {
        for (Why why : Why.values()) {
            String english = Reason.of(why, "1", "2", "3", "4").english();
            assertFalse(english.isBlank());
            assertFalse(english.contains("{"), why + ": " + english);
        }
    }
}
