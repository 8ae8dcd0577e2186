package tcplab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tcplab.sim.Side.CLIENT;
import static tcplab.sim.Side.SERVER;
import static tcplab.sim.State.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 9293 Figures 6 to 13, step by step. TCP Peer A is the client, B the server. Where our
 * numbers differ from a figure's (the figures start teardown at 100/300; ours follows a real
 * handshake, so 101/301) or the text produces a segment the figure leaves out, a comment says so.
 */
class FigureTest {

    /*
     *     TCP Peer A                                           TCP Peer B
     * 1.  CLOSED                                               LISTEN
     * 2.  SYN-SENT    --> <SEQ=100><CTL=SYN>               --> SYN-RECEIVED
     * 3.  ESTABLISHED <-- <SEQ=300><ACK=101><CTL=SYN,ACK>  <-- SYN-RECEIVED
     * 4.  ESTABLISHED --> <SEQ=101><ACK=301><CTL=ACK>       --> ESTABLISHED
     * 5.  ESTABLISHED --> <SEQ=101><ACK=301><CTL=ACK><DATA> --> ESTABLISHED
     *      Figure 6: Basic Three-Way Handshake for Connection Synchronization
     */
    @ParameterizedTest
    @EnumSource(Profile.class)
    void figure6BasicThreeWayHandshake(Profile profile) {
        Story lab = Story.of(Scenario.HANDSHAKE, profile);
        lab.states(CLOSED, LISTEN).nothingSent();                                        // 1
        lab.act("connect").sent(CLIENT, "<SEQ=100><CTL=SYN>").states(SYN_SENT, LISTEN);  // 2
        lab.act("next").sent(SERVER, "<SEQ=300><ACK=101><CTL=SYN,ACK>").states(SYN_SENT, SYN_RECEIVED).at(50);
        lab.act("next").sent(CLIENT, "<SEQ=101><ACK=301><CTL=ACK>").states(ESTABLISHED, SYN_RECEIVED).at(100); // 3, 4
        lab.act("next").nothingSent().states(ESTABLISHED, ESTABLISHED).at(150);
        // 5: Linux marks the end of a write with PSH; the RFC profile sends plain ACK with data.
        lab.act("send:client:GET%20%2F")
                .sent(CLIENT, profile == Profile.LINUX ? "<SEQ=101><ACK=301><CTL=PSH,ACK><DATA=\"GET /\">"
                        : "<SEQ=101><ACK=301><CTL=ACK><DATA=\"GET /\">");
        lab.act("next").sent(SERVER, "<SEQ=301><ACK=106><CTL=ACK>").states(ESTABLISHED, ESTABLISHED);
        assertEquals("GET /", lab.s().server().received());
    }

    /** handshake-data: the client's data rides with the third segment's ACK (one segment, not two). */
    @Test
    void handshakeDataRidesOnTheThirdSegment() {
        Story lab = Story.of(Scenario.HANDSHAKE_DATA, Profile.LINUX);
        lab.act("connect", "next", "next").sent(CLIENT, "<SEQ=100><CTL=SYN>")
                .sent(SERVER, "<SEQ=300><ACK=101><CTL=SYN,ACK>")
                .sent(CLIENT, "<SEQ=101><ACK=301><CTL=PSH,ACK><DATA=\"GET /\">").nothingSent();
        lab.act("next").states(ESTABLISHED, ESTABLISHED).sent(SERVER, "<SEQ=301><ACK=106><CTL=ACK>");
        assertEquals("GET /", lab.s().server().received());
    }

    /*
     *     TCP Peer A                                       TCP Peer B
     * 1.  CLOSED                                           CLOSED
     * 2.  SYN-SENT     --> <SEQ=100><CTL=SYN>              ...
     * 3.  SYN-RECEIVED <-- <SEQ=300><CTL=SYN>              <-- SYN-SENT
     * 4.               ... <SEQ=100><CTL=SYN>              --> SYN-RECEIVED
     * 5.  SYN-RECEIVED --> <SEQ=100><ACK=301><CTL=SYN,ACK> ...
     * 6.  ESTABLISHED  <-- <SEQ=300><ACK=101><CTL=SYN,ACK> <-- SYN-RECEIVED
     * 7.               ... <SEQ=100><ACK=301><CTL=SYN,ACK> --> ESTABLISHED
     *              Figure 7: Simultaneous Connection Synchronization
     */
    @Test
    void figure7SimultaneousOpenByTheText() {
        Story lab = Story.of(Scenario.SIMULTANEOUS_OPEN, Profile.RFC);
        lab.states(CLOSED, CLOSED);                                                          // 1
        lab.act("next").sent(CLIENT, "<SEQ=100><CTL=SYN>").states(SYN_SENT, CLOSED);         // 2
        lab.act("next").sent(SERVER, "<SEQ=300><CTL=SYN>").states(SYN_SENT, SYN_SENT);
        // Both SYNs arrive at 50 ms; A's reaches B first (it entered the channel first).
        lab.act("next").sent(SERVER, "<SEQ=300><ACK=101><CTL=SYN,ACK>").states(SYN_SENT, SYN_RECEIVED); // 4
        lab.act("next").sent(CLIENT, "<SEQ=100><ACK=301><CTL=SYN,ACK>").states(SYN_RECEIVED, SYN_RECEIVED); // 3, 5
        // 6: by §3.10.7.4 the crossing SYN-ACK is not acceptable (SEQ=300 < RCV.NXT=301): the
        // text answers it with a pure ACK, which the figure omits, and A stays SYN-RECEIVED.
        lab.act("next").sent(CLIENT, "<SEQ=101><ACK=301><CTL=ACK>").states(SYN_RECEIVED, SYN_RECEIVED).at(100);
        lab.act("next").sent(SERVER, "<SEQ=301><ACK=101><CTL=ACK>").states(SYN_RECEIVED, SYN_RECEIVED);  // 7
        // The peers' pure ACKs complete the opening.
        lab.act("next").nothingSent().states(SYN_RECEIVED, ESTABLISHED).at(150);
        lab.act("next").nothingSent().states(ESTABLISHED, ESTABLISHED).at(150);
        assertFalse(lab.sim.hasPending());
        // Karn: the SYN-ACK repeated the SYN's sequence number, so no RTT sample; no SYN timed out, so RTO stays 1 s.
        assertEquals(1000, lab.sim.clientEndpoint().rto());
        assertEquals(1000, lab.sim.serverEndpoint().rto());
    }

    /** Figure 7 under Linux: the crossing SYN-ACK itself completes the opening and is acknowledged. */
    @Test
    void figure7SimultaneousOpenLinux() {
        Story lab = Story.of(Scenario.SIMULTANEOUS_OPEN, Profile.LINUX);
        lab.act("next", "next", "next", "next").sent(CLIENT, "<SEQ=100><CTL=SYN>").sent(SERVER, "<SEQ=300><CTL=SYN>")
                .sent(SERVER, "<SEQ=300><ACK=101><CTL=SYN,ACK>").sent(CLIENT, "<SEQ=100><ACK=301><CTL=SYN,ACK>");
        lab.act("next").sent(CLIENT, "<SEQ=101><ACK=301><CTL=ACK>").states(ESTABLISHED, SYN_RECEIVED);
        lab.act("next").sent(SERVER, "<SEQ=301><ACK=101><CTL=ACK>").states(ESTABLISHED, ESTABLISHED);
        lab.act("next", "next").nothingSent().states(ESTABLISHED, ESTABLISHED);
        assertFalse(lab.sim.hasPending());
        // tcp_send_synack does not mark the SYN retransmitted: the crossing SYN-ACK gives an RTT
        // sample of 50 ms (SYN-ACK sent at 50, answered at 100), so RTO = 50 + 200 ms.
        assertEquals(250, lab.sim.clientEndpoint().rto());
        assertEquals(250, lab.sim.serverEndpoint().rto());
    }

    /*
     *     TCP Peer A                                           TCP Peer B
     * 1.  CLOSED                                               LISTEN
     * 2.  SYN-SENT    --> <SEQ=100><CTL=SYN>               ...
     * 3.  (duplicate) ... <SEQ=90><CTL=SYN>               --> SYN-RECEIVED
     * 4.  SYN-SENT    <-- <SEQ=300><ACK=91><CTL=SYN,ACK>  <-- SYN-RECEIVED
     * 5.  SYN-SENT    --> <SEQ=91><CTL=RST>               --> LISTEN
     * 6.              ... <SEQ=100><CTL=SYN>               --> SYN-RECEIVED
     * 7.  ESTABLISHED <-- <SEQ=400><ACK=101><CTL=SYN,ACK>  <-- SYN-RECEIVED
     * 8.  ESTABLISHED --> <SEQ=101><ACK=401><CTL=ACK>      --> ESTABLISHED
     *                Figure 8: Recovery from Old Duplicate SYN
     * The text: after its RST, A waits for its own SYN (still in the network) to be answered.
     */
    @ParameterizedTest
    @EnumSource(value = Profile.class, names = "RFC")
    void figure8RecoveryFromOldDuplicateSyn(Profile profile) {
        Story lab = Story.of(Scenario.OLD_DUPLICATE_SYN, profile);
        lab.states(CLOSED, LISTEN);                                                         // 1
        lab.act("next").sent(CLIENT, "<SEQ=100><CTL=SYN>").states(SYN_SENT, LISTEN);        // 2
        assertEquals(Simulation.SLOW_SYN_DELAY_MS, lab.last().delay());
        lab.act("next").sent(CLIENT, "<SEQ=90><CTL=SYN>");
        assertEquals(Origin.INJECTED, lab.last().origin());
        lab.act("next").sent(SERVER, "<SEQ=300><ACK=91><CTL=SYN,ACK>").states(SYN_SENT, SYN_RECEIVED).at(50); // 3
        lab.act("next").sent(CLIENT, "<SEQ=91><CTL=RST>").states(SYN_SENT, SYN_RECEIVED).at(100);           // 4, 5
        lab.act("next").nothingSent().states(SYN_SENT, LISTEN).at(150);                                     // 5
        lab.act("next").sent(SERVER, "<SEQ=400><ACK=101><CTL=SYN,ACK>").states(SYN_SENT, SYN_RECEIVED).at(200); // 6
        lab.act("next").sent(CLIENT, "<SEQ=101><ACK=401><CTL=ACK>").states(ESTABLISHED, SYN_RECEIVED);        // 7
        lab.act("next").nothingSent().states(ESTABLISHED, ESTABLISHED).at(300);                               // 8
        assertFalse(lab.sim.hasPending());
    }

    /**
     * Figure 8 under Linux. tcp_rcv_synsent_state_process answers the bad ACK with the RST of
     * step 5 and, as the SYN has not been resent yet (icsk_retransmits == 0), resets the
     * retransmission timer to TCP_TIMEOUT_MIN (2 ms): the resent SYN overtakes the slow one,
     * which then meets SYN-RECEIVED as a repeated SYN (tcp_check_req resends the SYN-ACK).
     */
    @Test
    void figure8UnderLinuxTheSynIsResentAtOnce() {
        Story lab = Story.of(Scenario.OLD_DUPLICATE_SYN, Profile.LINUX);
        lab.act("next", "next").sent(CLIENT, "<SEQ=100><CTL=SYN>").sent(CLIENT, "<SEQ=90><CTL=SYN>");      // 2, 3
        lab.act("next").sent(SERVER, "<SEQ=300><ACK=91><CTL=SYN,ACK>").states(SYN_SENT, SYN_RECEIVED).at(50);
        lab.act("next").sent(CLIENT, "<SEQ=91><CTL=RST>").states(SYN_SENT, SYN_RECEIVED).at(100);      // 4, 5
        Timer timer = lab.s().client().timer(TimerKind.RETRANSMISSION).orElseThrow();
        assertEquals(102, timer.dueAt());
        assertEquals(1000, timer.rto()); // the RTO is unchanged; only this timer is brought forward
        lab.act("next").sent(CLIENT, "<SEQ=100><CTL=SYN>").at(102);
        assertTrue(lab.last().retransmission());
        assertEquals(1102, lab.s().client().timer(TimerKind.RETRANSMISSION).orElseThrow().dueAt()); // linear: 1 s
        lab.act("next").nothingSent().states(SYN_SENT, LISTEN).at(150);                                  // 5
        lab.act("next").sent(SERVER, "<SEQ=400><ACK=101><CTL=SYN,ACK>").states(SYN_SENT, SYN_RECEIVED).at(152); // 6
        // The first SYN 100 arrives at last: for SYN-RECEIVED it is the same SYN again.
        lab.act("next").sent(SERVER, "<SEQ=400><ACK=101><CTL=SYN,ACK>").at(200);
        lab.act("next").sent(CLIENT, "<SEQ=101><ACK=401><CTL=ACK>").states(ESTABLISHED, SYN_RECEIVED).at(202); // 7
        lab.act("next").sent(CLIENT, "<SEQ=101><ACK=401><CTL=ACK>").at(250); // the repeated SYN-ACK is below RCV.NXT
        lab.act("next").nothingSent().states(ESTABLISHED, ESTABLISHED).at(252);                                // 8
        lab.act("next").nothingSent().states(ESTABLISHED, ESTABLISHED).at(300);
        assertFalse(lab.sim.hasPending());
    }

    /*
     *       TCP Peer A                                      TCP Peer B
     *   1.  (REBOOT)                              (send 300,receive 100)
     *   2.  CLOSED                                           ESTABLISHED
     *   3.  SYN-SENT --> <SEQ=400><CTL=SYN>              --> (??)
     *   4.  (!!)     <-- <SEQ=300><ACK=100><CTL=ACK>     <-- ESTABLISHED
     *   5.  SYN-SENT --> <SEQ=100><CTL=RST>              --> (Abort!!)
     *   6.  SYN-SENT                                         CLOSED
     *   7.  SYN-SENT --> <SEQ=400><CTL=SYN>              -->
     *                Figure 9: Half-Open Connection Discovery
     * Our B sends 301 and receives 101, having completed a real handshake.
     */
    @ParameterizedTest
    @EnumSource(value = Profile.class, names = "RFC")
    void figure9HalfOpenConnectionDiscovery(Profile profile) {
        Story lab = Story.of(Scenario.HALF_OPEN, profile);
        lab.states(CLOSED, ESTABLISHED).at(150);                                           // 1, 2
        lab.act("connect").sent(CLIENT, "<SEQ=400><CTL=SYN>").states(SYN_SENT, ESTABLISHED); // 3
        // 4: SYN in a synchronized state: a challenge ACK (RFC 5961) with what B expects.
        lab.act("next").sent(SERVER, "<SEQ=301><ACK=101><CTL=ACK>").states(SYN_SENT, ESTABLISHED);
        lab.act("next").sent(CLIENT, "<SEQ=101><CTL=RST>").states(SYN_SENT, ESTABLISHED);   // 5
        lab.act("next").nothingSent().states(SYN_SENT, CLOSED);                              // 6
        assertTrue(lab.s().server().failure().contains("reset"));
        // 7: A's SYN is retransmitted one second after the first; B's listening socket takes it,
        // and the problem "is now reduced to the basic three-way handshake of Figure 6".
        lab.act("next").sent(CLIENT, "<SEQ=400><CTL=SYN>").at(1150);
        assertTrue(lab.last().retransmission());
        lab.act("next").sent(SERVER, "<SEQ=400><ACK=401><CTL=SYN,ACK>").states(SYN_SENT, SYN_RECEIVED);
        lab.act("next").sent(CLIENT, "<SEQ=401><ACK=401><CTL=ACK>").states(ESTABLISHED, SYN_RECEIVED);
        lab.act("next").states(ESTABLISHED, ESTABLISHED);
    }

    /**
     * Figure 9 under Linux: the challenge ACK is not acceptable in SYN-SENT, so A sends the RST
     * of step 5 and (tcp_rcv_synsent_state_process, icsk_retransmits == 0) resends its SYN after
     * TCP_TIMEOUT_MIN, 2 ms, not after its 1 s RTO: it arrives just after the RST cleared B.
     */
    @Test
    void figure9UnderLinuxTheSynIsResentAtOnce() {
        Story lab = Story.of(Scenario.HALF_OPEN, Profile.LINUX);
        lab.act("connect").sent(CLIENT, "<SEQ=400><CTL=SYN>").at(150);                                    // 3
        lab.act("next").sent(SERVER, "<SEQ=301><ACK=101><CTL=ACK>").states(SYN_SENT, ESTABLISHED).at(200); // 4
        lab.act("next").sent(CLIENT, "<SEQ=101><CTL=RST>").states(SYN_SENT, ESTABLISHED).at(250);          // 5
        lab.act("next").sent(CLIENT, "<SEQ=400><CTL=SYN>").at(252);                                        // 7, at once
        assertTrue(lab.last().retransmission());
        lab.act("next").nothingSent().states(SYN_SENT, CLOSED).at(300);                                    // 6
        assertTrue(lab.s().server().failure().contains("reset"));
        lab.act("next").sent(SERVER, "<SEQ=400><ACK=401><CTL=SYN,ACK>").states(SYN_SENT, SYN_RECEIVED).at(302);
        lab.act("next").sent(CLIENT, "<SEQ=401><ACK=401><CTL=ACK>").states(ESTABLISHED, SYN_RECEIVED).at(352);
        lab.act("next").states(ESTABLISHED, ESTABLISHED).at(402);
    }

    /** Linux brings the timer forward only before the first retransmission (icsk_retransmits == 0). */
    @Test
    void underLinuxOnlyAFirstSynIsResentAtOnce() {
        Story lab = Story.of(Scenario.HALF_OPEN, Profile.LINUX);
        lab.act("connect", "drop").at(150);                        // the first SYN is lost
        lab.act("next").sent(CLIENT, "<SEQ=400><CTL=SYN>").sent(CLIENT, "<SEQ=400><CTL=SYN>").at(1150);
        lab.act("next").sent(SERVER, "<SEQ=301><ACK=101><CTL=ACK>").at(1200);
        lab.act("next").sent(CLIENT, "<SEQ=101><CTL=RST>").at(1250);
        assertEquals(2150, lab.s().client().timer(TimerKind.RETRANSMISSION).orElseThrow().dueAt()); // untouched
    }

    /** The RFC profile follows §3.10.7.3: the RST goes out and the timer runs on. */
    @Test
    void byTheTextTheTimerRunsOnAfterTheReset() {
        Story lab = Story.of(Scenario.HALF_OPEN, Profile.RFC);
        lab.act("connect", "next", "next").sent(CLIENT, "<SEQ=400><CTL=SYN>").sent(SERVER, "<SEQ=301><ACK=101><CTL=ACK>")
                .sent(CLIENT, "<SEQ=101><CTL=RST>").at(250);
        assertEquals(1150, lab.s().client().timer(TimerKind.RETRANSMISSION).orElseThrow().dueAt());
    }

    /*
     *       TCP Peer A                                         TCP Peer B
     *   1.  (REBOOT)                                  (send 300,receive 100)
     *   2.  (??)    <-- <SEQ=300><ACK=100><DATA=10><CTL=ACK> <-- ESTABLISHED
     *   3.          --> <SEQ=100><CTL=RST>                   --> (ABORT!!)
     *        Figure 10: Active Side Causes Half-Open Connection Discovery
     */
    @ParameterizedTest
    @EnumSource(Profile.class)
    void figure10ActiveSideCausesHalfOpenDiscovery(Profile profile) {
        Story lab = Story.of(Scenario.HALF_OPEN, profile);
        lab.states(CLOSED, ESTABLISHED);                                                     // 1
        String ctl = profile == Profile.LINUX ? "PSH,ACK" : "ACK";
        lab.act("send:server:0123456789").sent(SERVER, "<SEQ=301><ACK=101><CTL=" + ctl + "><DATA=\"0123456789\">"); // 2
        lab.act("next").sent(CLIENT, "<SEQ=101><CTL=RST>").states(CLOSED, ESTABLISHED);     // 3
        lab.act("next").nothingSent().states(CLOSED, CLOSED);
        assertEquals("connection reset by the peer", lab.s().server().failure());
        assertFalse(lab.sim.hasPending());
    }

    /*
     *     TCP Peer A                                    TCP Peer B
     * 1.  LISTEN                                        LISTEN
     * 2.       ... <SEQ=Z><CTL=SYN>                -->  SYN-RECEIVED
     * 3.  (??) <-- <SEQ=X><ACK=Z+1><CTL=SYN,ACK>   <--  SYN-RECEIVED
     * 4.       --> <SEQ=Z+1><CTL=RST>              -->  (return to LISTEN!)
     * 5.  LISTEN                                        LISTEN
     *   Figure 11: Old Duplicate SYN Initiates a Reset on Two Passive Sockets
     * The scenario two-passive-sockets: both applications listen; Z = 90, X = 300.
     */
    @ParameterizedTest
    @EnumSource(Profile.class)
    void figure11OldDuplicateSynResetsTwoPassiveSockets(Profile profile) {
        Story lab = Story.of(Scenario.TWO_PASSIVE_SOCKETS, profile);
        lab.states(LISTEN, LISTEN).nothingSent();                                            // 1
        lab.act("next").sent(CLIENT, "<SEQ=90><CTL=SYN>").states(LISTEN, LISTEN).at(0);
        assertEquals(Origin.INJECTED, lab.last().origin());
        lab.act("next").sent(SERVER, "<SEQ=300><ACK=91><CTL=SYN,ACK>").states(LISTEN, SYN_RECEIVED).at(50); // 2, 3
        lab.act("next").sent(CLIENT, "<SEQ=91><CTL=RST>").states(LISTEN, SYN_RECEIVED).at(100); // 4
        lab.act("next").nothingSent().states(LISTEN, LISTEN).at(150);                           // 5
        assertFalse(lab.sim.hasPending());
        // Neither application can connect here: the client only listens.
        assertFalse(lab.s().offered().contains(new Connect()));
    }

    /*
     *     TCP Peer A                                           TCP Peer B
     * 1.  ESTABLISHED                                          ESTABLISHED
     * 2.  (Close)
     *     FIN-WAIT-1  --> <SEQ=100><ACK=300><CTL=FIN,ACK>  --> CLOSE-WAIT
     * 3.  FIN-WAIT-2  <-- <SEQ=300><ACK=101><CTL=ACK>      <-- CLOSE-WAIT
     * 4.                                                       (Close)
     *     TIME-WAIT   <-- <SEQ=300><ACK=101><CTL=FIN,ACK>  <-- LAST-ACK
     * 5.  TIME-WAIT   --> <SEQ=101><ACK=301><CTL=ACK>      --> CLOSED
     * 6.  (2 MSL)
     *     CLOSED
     *                     Figure 12: Normal Close Sequence
     * Our connection starts after a real handshake, so every number is one higher.
     */
    @ParameterizedTest
    @EnumSource(Profile.class)
    void figure12NormalClose(Profile profile) {
        Story lab = Story.of(Scenario.TEARDOWN, profile);
        lab.states(ESTABLISHED, ESTABLISHED).at(150);                                         // 1
        lab.act("close:client").sent(CLIENT, "<SEQ=101><ACK=301><CTL=FIN,ACK>").states(FIN_WAIT_1, ESTABLISHED); // 2
        lab.act("next").sent(SERVER, "<SEQ=301><ACK=102><CTL=ACK>").states(FIN_WAIT_1, CLOSE_WAIT);
        lab.act("next").nothingSent().states(FIN_WAIT_2, CLOSE_WAIT).at(250);                 // 3
        lab.act("close:server").sent(SERVER, "<SEQ=301><ACK=102><CTL=FIN,ACK>").states(FIN_WAIT_2, LAST_ACK); // 4
        lab.act("next").sent(CLIENT, "<SEQ=102><ACK=302><CTL=ACK>").states(TIME_WAIT, LAST_ACK).at(300);
        long timeWait = profile == Profile.LINUX ? 60_000 : 240_000;
        assertEquals(300 + timeWait, lab.s().client().timer(TimerKind.TIME_WAIT).orElseThrow().dueAt());
        lab.act("next").nothingSent().states(TIME_WAIT, CLOSED).at(350);                      // 5
        lab.act("next").nothingSent().states(CLOSED, CLOSED).at(300 + timeWait);              // 6
        assertFalse(lab.sim.hasPending());
    }

    /*
     *     TCP Peer A                                           TCP Peer B
     * 1.  ESTABLISHED                                          ESTABLISHED
     * 2.  (Close)                                              (Close)
     *     FIN-WAIT-1  --> <SEQ=100><ACK=300><CTL=FIN,ACK>  ... FIN-WAIT-1
     *                 <-- <SEQ=300><ACK=100><CTL=FIN,ACK>  <--
     *                 ... <SEQ=100><ACK=300><CTL=FIN,ACK>  -->
     * 3.  CLOSING     --> <SEQ=101><ACK=301><CTL=ACK>      ... CLOSING
     *                 <-- <SEQ=301><ACK=101><CTL=ACK>      <--
     *                 ... <SEQ=101><ACK=301><CTL=ACK>      -->
     * 4.  TIME-WAIT                                            TIME-WAIT
     *     (2 MSL)                                              (2 MSL)
     *     CLOSED                                               CLOSED
     *                   Figure 13: Simultaneous Close Sequence
     */
    @ParameterizedTest
    @EnumSource(Profile.class)
    void figure13SimultaneousClose(Profile profile) {
        Story lab = Story.of(Scenario.SIMULTANEOUS_CLOSE, profile);
        lab.states(ESTABLISHED, ESTABLISHED);                                                  // 1
        lab.act("next").sent(CLIENT, "<SEQ=101><ACK=301><CTL=FIN,ACK>").states(FIN_WAIT_1, ESTABLISHED); // 2
        lab.act("next").sent(SERVER, "<SEQ=301><ACK=101><CTL=FIN,ACK>").states(FIN_WAIT_1, FIN_WAIT_1).at(150);
        lab.act("next").sent(SERVER, "<SEQ=302><ACK=102><CTL=ACK>").states(FIN_WAIT_1, CLOSING).at(200); // 3
        lab.act("next").sent(CLIENT, "<SEQ=102><ACK=302><CTL=ACK>").states(CLOSING, CLOSING);
        lab.act("next").nothingSent().states(TIME_WAIT, CLOSING).at(250);                       // 4
        lab.act("next").nothingSent().states(TIME_WAIT, TIME_WAIT).at(250);
        long timeWait = profile == Profile.LINUX ? 60_000 : 240_000;
        lab.act("next", "next").states(CLOSED, CLOSED).at(250 + timeWait);
        assertFalse(lab.sim.hasPending());
    }
}
