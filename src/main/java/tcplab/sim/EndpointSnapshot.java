package tcplab.sim;

import java.util.List;

/**
 * One endpoint at one instant. TCB variables are null while undefined: before the SYN that
 * defines them, and once the endpoint is CLOSED (its TCB is deleted, RFC 9293 §3.3.2);
 * {@code received} and {@code failure} belong to the application and survive CLOSED.
 */
public record EndpointSnapshot(Side side, State state, Long iss, Long irs, Long sndUna, Long sndNxt,
                               Long rcvNxt, Integer sndWnd, Integer rcvWnd, List<Timer> timers,
                               boolean applicationExited, boolean applicationClosed, String received,
                               String failure) {
    public EndpointSnapshot {
        timers = List.copyOf(timers);
    }

    public java.util.Optional<Timer> timer(TimerKind kind) {
        return timers.stream().filter(t -> t.kind() == kind).findFirst();
    }
}
