package tcplab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tcplab.sim.Side.CLIENT;
import static tcplab.sim.Side.SERVER;
import static tcplab.sim.State.*;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Loss of every handshake and teardown segment, the contract's retransmission schedules and limits. */
class LossTest {

    private static final long LINUX_RTO_AFTER_HANDSHAKE = 300; // SRTT 100 + max(4·RTTVAR 50, 200)
    private static final long RFC_RTO_AFTER_HANDSHAKE = 1000;  // max(SRTT + 4·RTTVAR, 1 s)

    private static long rtoAfterHandshake(Profile p) {
        return p == Profile.LINUX ? LINUX_RTO_AFTER_HANDSHAKE : RFC_RTO_AFTER_HANDSHAKE;
    }

    private static long timeWait(Profile p) {
        return p == Profile.LINUX ? 60_000 : 240_000;
    }

    /** Runs events, dropping every segment as it enters the channel, until the condition holds. */
    private static void dropEverythingUntil(Story lab, Predicate<Snapshot> done) {
        for (int guard = 0; guard < 1000 && !done.test(lab.s()); guard++) {
            lab.act(lab.s().inFlight().isEmpty() ? "next" : "drop");
        }
        assertTrue(done.test(lab.s()), lab.trace());
    }

    private static List<Long> sentAt(Snapshot s, Side from, Flag flag) {
        List<Long> times = new ArrayList<>();
        for (SegmentRecord r : s.segments()) {
            if (r.from() == from && r.segment().has(flag)) times.add(r.sentAt());
        }
        return times;
    }

    private static void assertFailed(Snapshot s, Side side, Why why, long at) {
        ConnectionFailed f = s.events().stream().filter(ConnectionFailed.class::isInstance)
                .map(ConnectionFailed.class::cast).filter(e -> e.side() == side).reduce((a, b) -> b).orElseThrow();
        assertEquals(why, f.reason().why());
        assertEquals(at, f.at());
    }

    // ------------------------------------------------------------------ handshake

    @ParameterizedTest
    @EnumSource(Profile.class)
    void lostSynIsResentAfterOneSecond(Profile profile) {
        Story lab = Story.of(Scenario.HANDSHAKE, profile);
        lab.act("connect", "drop").sent(CLIENT, "<SEQ=100><CTL=SYN>").states(SYN_SENT, LISTEN);
        assertEquals(Fate.LOST, lab.s().segment(1).fate());
        assertEquals(1000, lab.s().client().timer(TimerKind.RETRANSMISSION).orElseThrow().dueAt());
        lab.act("next").sent(CLIENT, "<SEQ=100><CTL=SYN>").states(SYN_SENT, LISTEN).at(1000);
        assertTrue(lab.last().retransmission());
        assertEquals(2, lab.s().client().timer(TimerKind.RETRANSMISSION).orElseThrow().attempt());
        lab.act("next").sent(SERVER, "<SEQ=300><ACK=101><CTL=SYN,ACK>").states(SYN_SENT, SYN_RECEIVED);
        lab.act("next").sent(CLIENT, "<SEQ=101><ACK=301><CTL=ACK>").states(ESTABLISHED, SYN_RECEIVED);
        lab.act("next").nothingSent().states(ESTABLISHED, ESTABLISHED).at(1150);
    }

    @Test
    void linuxSynScheduleAndGiveUp() {
        Story lab = Story.of(Scenario.HANDSHAKE, Profile.LINUX).act("connect");
        dropEverythingUntil(lab, s -> s.client().state() == CLOSED);
        assertEquals(List.of(0L, 1000L, 2000L, 3000L, 4000L, 5000L, 7000L, 11000L, 19000L, 35000L, 67000L),
                sentAt(lab.s(), CLIENT, Flag.SYN));
        assertFailed(lab.s(), CLIENT, Why.SYN_RETRIES_EXHAUSTED, 131_000);
        assertEquals(State.LISTEN, lab.s().server().state());
        assertTrue(lab.s().client().failure().contains("timed out"));
    }

    /**
     * After a simultaneous open the SYN is resent as a SYN-ACK from SYN-RECEIVED. Linux's
     * tcp_retransmit_timer keeps the RTO linear only in SYN-SENT, and tcp_write_timeout adds
     * tcp_syn_linear_timeouts to the limit only there: in SYN-RECEIVED the waits double from
     * 1 s and the attempt ends after tcp_syn_retries=6 retransmissions, at 127 s.
     */
    @Test
    void linuxSimultaneousOpenSynAckScheduleAndGiveUp() {
        Story lab = Story.of(Scenario.SIMULTANEOUS_OPEN, Profile.LINUX).act("next", "next", "next", "next");
        lab.states(SYN_RECEIVED, SYN_RECEIVED);
        dropEverythingUntil(lab, s -> s.client().state() == CLOSED);
        // The SYN at 0, the SYN-ACK of the simultaneous open at 50 (it does not restart the timer), then the resends.
        assertEquals(List.of(0L, 50L, 1000L, 3000L, 7000L, 15000L, 31000L, 63000L), sentAt(lab.s(), CLIENT, Flag.SYN));
        assertEquals("<SEQ=100><ACK=301><CTL=SYN,ACK>", lab.s().segments().stream()
                .filter(r -> r.from() == CLIENT && r.sentAt() == 63000L).findFirst().orElseThrow().segment().toString());
        assertFailed(lab.s(), CLIENT, Why.SYN_RETRIES_EXHAUSTED, 127_000);
    }

    /**
     * Closed in SYN-RECEIVED, the endpoint is in FIN-WAIT-1 with its SYN still unacknowledged.
     * tcp_write_timeout applies the SYN limits only in SYN-SENT and SYN-RECEIVED, so it now gives
     * up as any connection does (an orphan: tcp_orphan_retries' 102.2 s from the first resend),
     * and says the connection timed out, not that a connection attempt did.
     */
    @Test
    void linuxClosedBeforeTheSynIsAcknowledgedGivesUpLikeAnyConnection() {
        Story lab = Story.of(Scenario.SIMULTANEOUS_OPEN, Profile.LINUX).act("next", "next", "next", "next");
        lab.states(SYN_RECEIVED, SYN_RECEIVED);
        lab.act("exit:client");
        assertEquals(FIN_WAIT_1, lab.s().client().state());
        dropEverythingUntil(lab, s -> s.client().state() == CLOSED);
        // Resends double from 1 s (1, 3, 7, 15, 31, 63 s); the timeout at 127 s is the first 102.2 s after the first resend.
        assertFailed(lab.s(), CLIENT, Why.RETRIES_EXHAUSTED, 127_000);
    }

    /** SYN-SENT retransmissions before the crossing SYN count against the same limit of 6. */
    @Test
    void linuxSynRetriesInSynSentCountInSynReceived() {
        Story lab = Story.of(Scenario.SIMULTANEOUS_OPEN, Profile.LINUX).act("next", "next", "drop", "drop");
        // The SYNs and the resends at 1, 2 and 3 s are lost; the pair resent at 4 s crosses.
        for (int i = 0; i < 3; i++) lab.act("next", "next", "drop", "drop");
        lab.act("next", "next").at(4000);
        lab.act("next", "next").states(SYN_RECEIVED, SYN_RECEIVED).at(4050);
        // Four timeouts so far, all in SYN-SENT at 1 s; in SYN-RECEIVED the wait doubles (2 s, then 4 s).
        dropEverythingUntil(lab, s -> s.client().state() == CLOSED);
        assertEquals(List.of(0L, 1000L, 2000L, 3000L, 4000L, 4050L, 5000L, 7000L), sentAt(lab.s(), CLIENT, Flag.SYN));
        assertFailed(lab.s(), CLIENT, Why.SYN_RETRIES_EXHAUSTED, 11_000);
    }

    @Test
    void rfcSynScheduleAndGiveUpAfterThreeMinutes() {
        Story lab = Story.of(Scenario.HANDSHAKE, Profile.RFC).act("connect");
        dropEverythingUntil(lab, s -> s.client().state() == CLOSED);
        // Doubling from 1 s; RFC 6298 2.5's 60 s ceiling caps the last wait.
        assertEquals(List.of(0L, 1000L, 3000L, 7000L, 15000L, 31000L, 63000L, 123000L), sentAt(lab.s(), CLIENT, Flag.SYN));
        assertFailed(lab.s(), CLIENT, Why.SYN_RETRIES_EXHAUSTED, 180_000);
    }

    @Test
    void lostSynAckLinux() {
        Story lab = Story.of(Scenario.HANDSHAKE, Profile.LINUX).act("connect", "next", "drop");
        lab.sent(CLIENT, "<SEQ=100><CTL=SYN>").sent(SERVER, "<SEQ=300><ACK=101><CTL=SYN,ACK>").states(SYN_SENT, SYN_RECEIVED);
        lab.act("next").sent(CLIENT, "<SEQ=100><CTL=SYN>").at(1000).states(SYN_SENT, SYN_RECEIVED);
        // The server's own timer (set at 50 ms) and the resent SYN are both due at 1050 ms.
        lab.act("next").sent(SERVER, "<SEQ=300><ACK=101><CTL=SYN,ACK>").at(1050);
        // Linux answers the repeated SYN with the SYN-ACK again (tcp_check_req).
        lab.act("next").sent(SERVER, "<SEQ=300><ACK=101><CTL=SYN,ACK>").at(1050).states(SYN_SENT, SYN_RECEIVED);
        lab.act("next").sent(CLIENT, "<SEQ=101><ACK=301><CTL=ACK>").states(ESTABLISHED, SYN_RECEIVED).at(1100);
        lab.act("next").sent(CLIENT, "<SEQ=101><ACK=301><CTL=ACK>"); // the duplicate SYN-ACK is out of window
        lab.act("next").states(ESTABLISHED, ESTABLISHED).at(1150);
    }

    /**
     * Linux's tcp_init_metrics falls back to a 3 s RTO whenever the handshake gave no RTT sample
     * (RFC 6298 5.7), not only after a timeout: here the server resent its SYN-ACK for a repeated
     * SYN (tcp_check_req), before its own timer fired, so its ACK cannot be timed. In Figure 8
     * the client's SYN, resent at once after its RST, overtakes the slow first one, which then
     * arrives as the repeated SYN.
     */
    @Test
    void linuxRtoFallsBackWithoutAnRttSample() {
        Story lab = Story.of(Scenario.OLD_DUPLICATE_SYN, Profile.LINUX).act("next", "next", "next", "next", "next", "next", "next");
        lab.states(SYN_SENT, SYN_RECEIVED).at(152);
        assertEquals("<SEQ=400><ACK=101><CTL=SYN,ACK>", lab.last().segment().toString());
        lab.skipSent().act("next").sent(SERVER, "<SEQ=400><ACK=101><CTL=SYN,ACK>").at(200);
        assertTrue(lab.last().retransmission());
        assertEquals(1200, lab.s().server().timer(TimerKind.RETRANSMISSION).orElseThrow().dueAt()); // its timer has not fired
        lab.act("next", "next", "next").states(ESTABLISHED, ESTABLISHED).at(252);
        assertEquals(3000, lab.sim.serverEndpoint().rto());
        assertEquals(3000, lab.sim.clientEndpoint().rto());
    }

    @Test
    void lostSynAckRfc() {
        Story lab = Story.of(Scenario.HANDSHAKE, Profile.RFC).act("connect", "next", "drop");
        lab.sent(CLIENT, "<SEQ=100><CTL=SYN>").sent(SERVER, "<SEQ=300><ACK=101><CTL=SYN,ACK>");
        lab.act("next").sent(CLIENT, "<SEQ=100><CTL=SYN>").at(1000).states(SYN_SENT, SYN_RECEIVED);
        lab.act("next").sent(SERVER, "<SEQ=300><ACK=101><CTL=SYN,ACK>").at(1050);
        // §3.10.7.4 first: the repeated SYN is outside the window, so it gets an ACK.
        lab.act("next").sent(SERVER, "<SEQ=301><ACK=101><CTL=ACK>").at(1050).states(SYN_SENT, SYN_RECEIVED);
        lab.act("next").sent(CLIENT, "<SEQ=101><ACK=301><CTL=ACK>").states(ESTABLISHED, SYN_RECEIVED).at(1100);
        lab.act("next").nothingSent();
        lab.act("next").states(ESTABLISHED, ESTABLISHED).at(1150);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void synAckRetryLimit(Profile profile) {
        Story lab = Story.of(Scenario.HANDSHAKE, profile).act("connect", "next");
        dropEverythingUntil(lab, s -> s.server().state() == LISTEN);
        List<Long> expected = profile == Profile.LINUX
                ? List.of(50L, 1050L, 3050L, 7050L, 15050L, 31050L)
                : List.of(50L, 1050L, 3050L, 7050L, 15050L, 31050L, 63050L, 123050L);
        assertEquals(expected, sentAt(lab.s(), SERVER, Flag.SYN));
        assertFailed(lab.s(), SERVER, Why.SYN_ACK_RETRIES_EXHAUSTED, profile == Profile.LINUX ? 63_050 : 180_050);
        // Linux's client is still trying (it gives up at 131 s); the RFC client gave up at 180 s.
        assertEquals(profile == Profile.LINUX ? SYN_SENT : CLOSED, lab.s().client().state());
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void lostThirdAckTheSynAckIsResent(Profile profile) {
        Story lab = Story.of(Scenario.HANDSHAKE, profile).act("connect", "next", "next", "drop");
        lab.sent(CLIENT, "<SEQ=100><CTL=SYN>").sent(SERVER, "<SEQ=300><ACK=101><CTL=SYN,ACK>")
                .sent(CLIENT, "<SEQ=101><ACK=301><CTL=ACK>").states(ESTABLISHED, SYN_RECEIVED);
        lab.act("next").sent(SERVER, "<SEQ=300><ACK=101><CTL=SYN,ACK>").at(1050).states(ESTABLISHED, SYN_RECEIVED);
        lab.act("next").sent(CLIENT, "<SEQ=101><ACK=301><CTL=ACK>").at(1100);
        lab.act("next").nothingSent().states(ESTABLISHED, ESTABLISHED).at(1150);
        // Karn: the retransmitted SYN-ACK gives no RTT sample, so RFC 6298 5.7 sets RTO to 3 s.
        assertEquals(3000, lab.sim.serverEndpoint().rto());
    }

    // ------------------------------------------------------------------ teardown

    @ParameterizedTest
    @EnumSource(Profile.class)
    void lostFinIsResentAfterTheRto(Profile profile) {
        Story lab = Story.of(Scenario.TEARDOWN, profile).act("close:client", "drop");
        lab.sent(CLIENT, "<SEQ=101><ACK=301><CTL=FIN,ACK>").states(FIN_WAIT_1, ESTABLISHED);
        lab.act("next").sent(CLIENT, "<SEQ=101><ACK=301><CTL=FIN,ACK>").at(150 + rtoAfterHandshake(profile));
        assertTrue(lab.last().retransmission());
        lab.act("next").sent(SERVER, "<SEQ=301><ACK=102><CTL=ACK>").states(FIN_WAIT_1, CLOSE_WAIT);
        lab.act("next").states(FIN_WAIT_2, CLOSE_WAIT);
        lab.act("close:server", "next", "next").states(TIME_WAIT, CLOSED);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void lostAckOfFinTheFinIsResentAndAckedAgain(Profile profile) {
        Story lab = Story.of(Scenario.TEARDOWN, profile).act("close:client", "next", "drop");
        lab.sent(CLIENT, "<SEQ=101><ACK=301><CTL=FIN,ACK>").sent(SERVER, "<SEQ=301><ACK=102><CTL=ACK>")
                .states(FIN_WAIT_1, CLOSE_WAIT);
        lab.act("next").sent(CLIENT, "<SEQ=101><ACK=301><CTL=FIN,ACK>").at(150 + rtoAfterHandshake(profile));
        lab.act("next").sent(SERVER, "<SEQ=301><ACK=102><CTL=ACK>").states(FIN_WAIT_1, CLOSE_WAIT);
        lab.act("next").nothingSent().states(FIN_WAIT_2, CLOSE_WAIT);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void lostServerFinIsResent(Profile profile) {
        Story lab = Story.of(Scenario.TEARDOWN, profile).act("close:client", "next", "next", "close:server", "drop");
        lab.sent(CLIENT, "<SEQ=101><ACK=301><CTL=FIN,ACK>").sent(SERVER, "<SEQ=301><ACK=102><CTL=ACK>")
                .sent(SERVER, "<SEQ=301><ACK=102><CTL=FIN,ACK>").states(FIN_WAIT_2, LAST_ACK).at(250);
        lab.act("next").sent(SERVER, "<SEQ=301><ACK=102><CTL=FIN,ACK>").at(250 + rtoAfterHandshake(profile))
                .states(FIN_WAIT_2, LAST_ACK);
        lab.act("next").sent(CLIENT, "<SEQ=102><ACK=302><CTL=ACK>").states(TIME_WAIT, LAST_ACK);
        lab.act("next").states(TIME_WAIT, CLOSED);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void lostLastAckFinResentReAckedAndTimeWaitRestarted(Profile profile) {
        Story lab = Story.of(Scenario.TEARDOWN, profile).act("close:client", "next", "next", "close:server", "next", "drop");
        lab.sent(CLIENT, "<SEQ=101><ACK=301><CTL=FIN,ACK>").sent(SERVER, "<SEQ=301><ACK=102><CTL=ACK>")
                .sent(SERVER, "<SEQ=301><ACK=102><CTL=FIN,ACK>").sent(CLIENT, "<SEQ=102><ACK=302><CTL=ACK>")
                .states(TIME_WAIT, LAST_ACK).at(300);
        assertEquals(300 + timeWait(profile), lab.s().client().timer(TimerKind.TIME_WAIT).orElseThrow().dueAt());
        long resend = 250 + rtoAfterHandshake(profile);
        lab.act("next").sent(SERVER, "<SEQ=301><ACK=102><CTL=FIN,ACK>").at(resend).states(TIME_WAIT, LAST_ACK);
        lab.act("next").sent(CLIENT, "<SEQ=102><ACK=302><CTL=ACK>").at(resend + 50).states(TIME_WAIT, LAST_ACK);
        assertEquals(resend + 50 + timeWait(profile), lab.s().client().timer(TimerKind.TIME_WAIT).orElseThrow().dueAt());
        lab.act("next").states(TIME_WAIT, CLOSED).at(resend + 100);
        lab.act("next").states(CLOSED, CLOSED).at(resend + 50 + timeWait(profile));
        assertFalse(lab.sim.hasPending());
    }

    // ------------------------------------------------------------------ data and FIN retry limits

    @Test
    void linuxDataGivesUpAfterFifteenRetransmissions() {
        Story lab = Story.of(Scenario.TEARDOWN, Profile.LINUX).act("send:client:x");
        dropEverythingUntil(lab, s -> s.client().state() == CLOSED);
        List<Long> times = sentAt(lab.s(), CLIENT, Flag.PSH);
        // The first transmission and 15 retransmissions: from a 300 ms RTO, 924.6 s (tcp_retries2)
        // run out just after the 15th.
        assertEquals(16, times.size());
        long t = 150;
        long rto = LINUX_RTO_AFTER_HANDSHAKE;
        for (int i = 0; i < 16; i++) {
            assertEquals(t, times.get(i), "transmission " + (i + 1));
            t += rto;
            rto = Math.min(rto * 2, 120_000);
        }
        assertFailed(lab.s(), CLIENT, Why.RETRIES_EXHAUSTED, t);
    }

    /** A handshake whose SYN was lost: the client's RTO is then 3 s (RFC 6298 5.7). */
    private static Story linuxClientWithThreeSecondRto() {
        Story lab = Story.of(Scenario.HANDSHAKE, Profile.LINUX).act("connect", "drop", "next", "next", "next", "next");
        lab.states(ESTABLISHED, ESTABLISHED).at(1150);
        assertEquals(3000, lab.sim.clientEndpoint().rto());
        return lab;
    }

    /**
     * Linux gives up on data by time, not by count (tcp_write_timeout, retransmits_timed_out):
     * at the first timeout 924.6 s (tcp_retries2=15 tries from TCP_RTO_MIN) after the first
     * retransmission. From a 3 s RTO that is after 12 retransmissions, not 15.
     */
    @Test
    void linuxDataGivesUpByTimeNotCount() {
        Story lab = linuxClientWithThreeSecondRto().act("send:client:x");
        dropEverythingUntil(lab, s -> s.client().state() == CLOSED);
        assertEquals(List.of(1150L, 4150L, 10150L, 22150L, 46150L, 94150L, 190150L, 310150L, 430150L, 550150L,
                670150L, 790150L, 910150L), sentAt(lab.s(), CLIENT, Flag.PSH));
        // 910150 - 4150 = 906 s < 924.6 s: one more try; 1030150 - 4150 = 1026 s: give up.
        assertFailed(lab.s(), CLIENT, Why.RETRIES_EXHAUSTED, 1_030_150);
    }

    /** The orphan's 8 tries mean 102.2 s; from a 3 s RTO that is 5 retransmissions. */
    @Test
    void linuxOrphanFinGivesUpByTimeNotCount() {
        Story lab = linuxClientWithThreeSecondRto().act("exit:client");
        dropEverythingUntil(lab, s -> s.client().state() == CLOSED);
        assertEquals(List.of(1150L, 4150L, 10150L, 22150L, 46150L, 94150L), sentAt(lab.s(), CLIENT, Flag.FIN));
        assertFailed(lab.s(), CLIENT, Why.RETRIES_EXHAUSTED, 190_150);
    }

    @Test
    void rfcDataGivesUpAfterOneHundredSeconds() {
        Story lab = Story.of(Scenario.TEARDOWN, Profile.RFC).act("send:client:x");
        dropEverythingUntil(lab, s -> s.client().state() == CLOSED);
        assertEquals(List.of(150L, 1150L, 3150L, 7150L, 15150L, 31150L, 63150L),
                sentAt(lab.s(), CLIENT, Flag.ACK).stream().filter(x -> x >= 150).toList());
        assertFailed(lab.s(), CLIENT, Why.RETRIES_EXHAUSTED, 100_150);
    }

    @Test
    void linuxOrphanFinGivesUpAfterEightRetransmissions() {
        Story lab = Story.of(Scenario.TEARDOWN, Profile.LINUX).act("exit:client");
        dropEverythingUntil(lab, s -> s.client().state() == CLOSED);
        assertEquals(9, sentAt(lab.s(), CLIENT, Flag.FIN).size()); // tcp_orphan_retries: 8, i.e. 102.2 s from 300 ms
    }

    @Test
    void linuxFinWait2TimeoutOnlyForAnExitedApplication() {
        Story closed = Story.of(Scenario.TEARDOWN, Profile.LINUX).act("close:client", "next", "next").states(FIN_WAIT_2, CLOSE_WAIT);
        assertFalse(closed.sim.hasPending()); // a half-closed connection may wait in FIN-WAIT-2 for ever
        Story exited = Story.of(Scenario.TEARDOWN, Profile.LINUX).act("exit:client", "next", "next").states(FIN_WAIT_2, CLOSE_WAIT);
        assertEquals(250 + 60_000, exited.s().client().timer(TimerKind.FIN_WAIT_2).orElseThrow().dueAt());
        exited.act("next").states(CLOSED, CLOSE_WAIT).at(60_250).skipSent();
        // The server's late FIN now finds no connection.
        exited.act("close:server", "next").sent(SERVER, "<SEQ=301><ACK=102><CTL=FIN,ACK>").sent(CLIENT, "<SEQ=102><CTL=RST>");
        exited.act("next").states(CLOSED, CLOSED);
        Story rfc = Story.of(Scenario.TEARDOWN, Profile.RFC).act("exit:client", "next", "next").states(FIN_WAIT_2, CLOSE_WAIT);
        assertFalse(rfc.sim.hasPending());
    }

    @Test
    void linuxResetsDataForAnExitedApplication() {
        Story lab = Story.of(Scenario.TEARDOWN, Profile.LINUX).act("exit:client", "next", "next", "send:server:late", "next");
        lab.sent(CLIENT, "<SEQ=101><ACK=301><CTL=FIN,ACK>").sent(SERVER, "<SEQ=301><ACK=102><CTL=ACK>")
                .sent(SERVER, "<SEQ=301><ACK=102><CTL=PSH,ACK><DATA=\"late\">").sent(CLIENT, "<SEQ=102><CTL=RST>");
        lab.states(CLOSED, CLOSE_WAIT).act("next").states(CLOSED, CLOSED);
        Story rfc = Story.of(Scenario.TEARDOWN, Profile.RFC).act("exit:client", "next", "next", "send:server:late", "next");
        rfc.states(FIN_WAIT_2, CLOSE_WAIT);
        assertEquals("<SEQ=102><ACK=305><CTL=ACK>", rfc.last().segment().toString());
    }

    // ------------------------------------------------------------------ TIME-WAIT and a new SYN

    @Test
    void linuxAcceptsANewSynInTimeWait() {
        Story lab = Story.of(Scenario.SERVER_CLOSE, Profile.LINUX).act("close:server", "next", "next", "close:client", "next", "next");
        lab.states(CLOSED, TIME_WAIT);
        lab.act("connect", "next");
        // tcp_timewait_state_process: SEQ 400 > RCV.NXT 102, so TIME-WAIT ends and the new ISN is SND.NXT + 65537.
        assertEquals("<SEQ=65839><ACK=401><CTL=SYN,ACK>", lab.last().segment().toString());
        lab.states(SYN_SENT, SYN_RECEIVED);
        lab.act("next", "next").states(ESTABLISHED, ESTABLISHED);
        assertTrue(lab.s().offered().contains(new Close(SERVER)), "the new connection can be closed again");
    }

    @Test
    void rfcAnswersANewSynInTimeWaitWithAnAck() {
        Story lab = Story.of(Scenario.SERVER_CLOSE, Profile.RFC).act("close:server", "next", "next", "close:client", "next", "next");
        lab.states(CLOSED, TIME_WAIT);
        lab.act("connect").sent(SERVER, "<SEQ=301><ACK=101><CTL=FIN,ACK>").sent(CLIENT, "<SEQ=101><ACK=302><CTL=ACK>")
                .sent(CLIENT, "<SEQ=101><ACK=302><CTL=FIN,ACK>").sent(SERVER, "<SEQ=302><ACK=102><CTL=ACK>")
                .sent(CLIENT, "<SEQ=400><CTL=SYN>");
        lab.act("next").sent(SERVER, "<SEQ=302><ACK=102><CTL=ACK>");
        lab.act("next").sent(CLIENT, "<SEQ=102><CTL=RST>");
        lab.act("next").states(SYN_SENT, CLOSED); // the RST ends TIME-WAIT (RFC 1337's hazard)
        lab.act("next").sent(CLIENT, "<SEQ=400><CTL=SYN>");
        lab.act("next").sent(SERVER, "<SEQ=400><ACK=401><CTL=SYN,ACK>").states(SYN_SENT, SYN_RECEIVED);
    }
}
