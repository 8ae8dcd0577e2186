package tcplab.web.lab;

import tcplab.sim.Timer;
import tcplab.sim.TimerKind;

import java.util.List;

/**
 * The timer column of {@code ss -tano}: {@code name,left,count} as iproute2's
 * {@code tcp_timer_print} prints {@code timer:(…)} from what {@code inet_diag} reports.
 * <ul>
 * <li>{@code on}: the retransmission timer (for a request socket its SYN-ACK timer); the count
 *     is the resends so far ({@code icsk_retransmits}, a request socket's {@code num_retrans}).</li>
 * <li>{@code keepalive}: {@code sk_timer} (keepalive); the count is the probes sent
 *     ({@code icsk_probes_out}).</li>
 * <li>{@code timewait}: a time-wait record, count 0. An orphan in FIN-WAIT-2 is one too when
 *     {@code tcp_fin_timeout} is at most TCP_TIMEWAIT_LEN (60 s): {@code tcp_rcv_state_process}
 *     calls {@code tcp_time_wait(sk, TCP_FIN_WAIT2, tmo)}; a longer timeout first runs the
 *     keepalive timer for what is over 60 s. (The simulator keeps one FIN-WAIT-2 timer; the
 *     column shows the part of it ss would.)</li>
 * </ul>
 * The delayed-ACK timer is not reported ({@code inet_sk_diag_fill} leaves it out); the
 * retransmission timer wins over keepalive, as there.
 */
public final class SsTimer {

    /** TCP_TIMEWAIT_LEN. */
    static final long TIMEWAIT_LEN_MS = 60_000;

    private SsTimer() {}

    /** The column for a socket with these timers at {@code now}, or "" when ss would print no timer. */
    public static String column(List<Timer> timers, long now) {
        Timer retx = find(timers, TimerKind.RETRANSMISSION);
        if (retx != null) return "on," + format(left(retx, now)) + "," + (retx.attempt() - 1);
        Timer keepalive = find(timers, TimerKind.KEEPALIVE);
        if (keepalive != null) return "keepalive," + format(left(keepalive, now)) + "," + (keepalive.attempt() - 1);
        Timer finWait2 = find(timers, TimerKind.FIN_WAIT_2);
        if (finWait2 != null) {
            long left = left(finWait2, now);
            return left > TIMEWAIT_LEN_MS ? "keepalive," + format(left - TIMEWAIT_LEN_MS) + ",0" : "timewait," + format(left) + ",0";
        }
        Timer timeWait = find(timers, TimerKind.TIME_WAIT);
        if (timeWait != null) return "timewait," + format(left(timeWait, now)) + ",0";
        return "";
    }

    /**
     * iproute2's {@code print_ms_timer}: minutes as {@code Nmin} (then seconds only below ten
     * minutes, never milliseconds), seconds as {@code Nsec} or, with milliseconds below ten
     * seconds, {@code N.} followed by the milliseconds as {@code MMMms}: 740 → {@code 740ms},
     * 1,050 → {@code 1.050ms}, 58,000 → {@code 58sec}, 63,050 → {@code 1min3sec}; 0 prints nothing.
     */
    public static String format(long ms) {
        long secs = Math.max(0, ms) / 1000;
        long minutes = secs / 60;
        secs %= 60;
        long msecs = Math.max(0, ms) % 1000;
        StringBuilder b = new StringBuilder();
        if (minutes > 0) {
            msecs = 0;
            b.append(minutes).append("min");
            if (minutes > 9) secs = 0;
        }
        if (secs > 0) {
            if (secs > 9) msecs = 0;
            b.append(secs).append(msecs > 0 ? "." : "sec");
        }
        if (msecs > 0) b.append(String.format(java.util.Locale.ROOT, "%03dms", msecs));
        return b.toString();
    }

    private static long left(Timer t, long now) {
        return Math.max(0, t.dueAt() - now);
    }

    private static Timer find(List<Timer> timers, TimerKind kind) {
        for (Timer t : timers) if (t.kind() == kind) return t;
        return null;
    }
}
