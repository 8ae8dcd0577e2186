package tcplab.web.lab;

import org.junit.jupiter.api.Test;
import tcplab.sim.Timer;
import tcplab.sim.TimerKind;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ss's timer column: iproute2's print_ms_timer and tcp_timer_print, from the timers inet_diag reports. */
class SsTimerTest {

    @Test
    void timesAreWrittenAsPrintMsTimerWritesThem() {
        assertEquals("740ms", SsTimer.format(740));
        assertEquals("1.050ms", SsTimer.format(1_050)); // seconds and milliseconds: "1." then "050ms"
        assertEquals("1sec", SsTimer.format(1_000));
        assertEquals("12sec", SsTimer.format(12_345)); // ten seconds and more: no milliseconds
        assertEquals("58sec", SsTimer.format(58_000));
        assertEquals("1min", SsTimer.format(60_000));
        assertEquals("1min3sec", SsTimer.format(63_050)); // minutes: no milliseconds
        assertEquals("9min59sec", SsTimer.format(599_999));
        assertEquals("120min", SsTimer.format(7_200_000)); // ten minutes and more: minutes only
        assertEquals("", SsTimer.format(0));
    }

    @Test
    void theColumnHasThreeFieldsAndTheTimerSsReports() {
        // the first SYN-ACK still waiting: no resend yet
        assertEquals("on,1sec,0", SsTimer.column(List.of(new Timer(TimerKind.RETRANSMISSION, 1_000, 1, 1_000)), 0));
        assertEquals("on,2sec,2", SsTimer.column(List.of(new Timer(TimerKind.RETRANSMISSION, 9_000, 3, 4_000)), 7_000));
        // the retransmission timer wins over keepalive; a delayed ACK is never shown
        assertEquals("on,200ms,0", SsTimer.column(List.of(new Timer(TimerKind.KEEPALIVE, 100, 1, 100),
                new Timer(TimerKind.RETRANSMISSION, 200, 1, 200)), 0));
        assertEquals("", SsTimer.column(List.of(new Timer(TimerKind.DELAYED_ACK, 40, 1, 40)), 0));
        // keepalive: the probes sent so far
        assertEquals("keepalive,120min,0", SsTimer.column(List.of(new Timer(TimerKind.KEEPALIVE, 7_200_000, 1, 7_200_000)), 0));
        assertEquals("keepalive,1min15sec,2", SsTimer.column(List.of(new Timer(TimerKind.KEEPALIVE, 75_000, 3, 75_000)), 0));
        // an orphan FIN-WAIT-2 within tcp_fin_timeout <= 60 s is a time-wait record; over 60 s, keepalive first
        assertEquals("timewait,58sec,0", SsTimer.column(List.of(new Timer(TimerKind.FIN_WAIT_2, 60_000, 1, 60_000)), 2_000));
        assertEquals("keepalive,30sec,0", SsTimer.column(List.of(new Timer(TimerKind.FIN_WAIT_2, 90_000, 1, 90_000)), 0));
        assertEquals("timewait,1min,0", SsTimer.column(List.of(new Timer(TimerKind.TIME_WAIT, 60_000, 1, 60_000)), 0));
    }
}
