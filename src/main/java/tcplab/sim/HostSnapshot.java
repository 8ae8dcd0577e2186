package tcplab.sim;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import tcplab.sim.host.Address;
import tcplab.sim.host.HostSettings;
import tcplab.sim.host.Nstat;
import tcplab.sim.host.TcpOptions;

/**
 * A host lab at one instant, immutable (CONTRACT.md "Host labs"): the hosts, every socket as
 * {@code ss -tan} shows it, the listener's two queues, the counters as {@code nstat} names
 * them, what the applications were told, every segment with its addresses and options, and the
 * trace. A flood's segments and request sockets are computed on demand, so a snapshot of a
 * 10,000-SYN lab costs little until someone reads all of it.
 */
public record HostSnapshot(String scenario, Long seed, Profile profile, HostSettings settings, List<String> actions,
                           long time, List<HostRow> hosts, List<ConnectionRow> connections, ListenerRow listener,
                           Map<String, Map<Nstat, Long>> counters, List<AppError> errors, List<HostSegment> segments,
                           List<HostEvent> events, List<String> offered, boolean pending, Long nextDueAt)
        implements LabSnapshot {

    public HostSnapshot {
        actions = List.copyOf(actions);
        hosts = List.copyOf(hosts);
        errors = List.copyOf(errors);
        offered = List.copyOf(offered);
        counters = Map.copyOf(counters);
    }

    /** A host: its name, address, whether it is up, and how many times it booted (a reboot makes new secrets and clocks). */
    public record HostRow(String name, String ip, boolean up, int boots) {
    }

    /**
     * One socket, as {@code ss -tan} prints it, with its TCB and timers. Request sockets show as
     * SYN-RECEIVED with their SYN-ACK timer (ss's SYN-RECV).
     *
     * @param accepted for the server's sockets: whether accept() has returned it to the application
     */
    public record ConnectionRow(String id, String host, Address local, Address remote, State state, int recvQ, int sendQ,
                                Long iss, Long irs, Long sndUna, Long sndNxt, Long rcvNxt, List<Timer> timers,
                                boolean accepted) {
        public ConnectionRow {
            timers = List.copyOf(timers);
        }
    }

    /**
     * The server's listening socket as {@code ss -lnt} shows it: the queues now and their limit
     * (Send-Q), min(backlog, somaxconn). Linux admits one more than the limit into each queue:
     * inet_csk_reqsk_queue_is_full and sk_acceptq_is_full test "more than".
     */
    public record ListenerRow(boolean open, int backlog, int synQueue, int synQueueMax, int acceptQueue,
                              int acceptQueueMax, int waitingAccepts) {
    }

    /** What an application was told: {@code call} is connect, accept, read, write or close; {@code errno} e.g. ECONNRESET. */
    public record AppError(long at, String connection, String call, String errno) {
    }

    /** A segment with the contract's host fields: host names, {@code ip:port} ends, options, and its connection (null for none). */
    public record HostSegment(int n, String from, String to, Address src, Address dst, long sentAt, Long arrivedAt,
                              Fate fate, Segment segment, TcpOptions options, boolean retransmission, String connection,
                              long dueAt) {
    }

    /**
     * One line of the trace: an endpoint's {@link Event} on a connection, or something the host
     * did itself (the listener, request sockets, a crash), which has only a reason.
     */
    public record HostEvent(long at, String host, String connection, Event event, Reason reason) {
        public String text() {
            return at + " ms  " + body();
        }

        /** The line without its time. */
        public String body() {
            String who = connection != null ? connection : host;
            if (event == null) return who + ": " + reason.english();
            String d = event.describe();
            Side side = event.side();
            if (side != null && d.startsWith(side.key())) d = who + d.substring(side.key().length());
            return d;
        }
    }

    public List<HostEvent> stateChanges() {
        return events.stream().filter(e -> e.event() instanceof StateChanged).toList();
    }

    public Optional<ConnectionRow> connection(String id) {
        return connections.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public long counter(String host, Nstat counter) {
        Map<Nstat, Long> m = counters.get(host);
        return m == null ? 0 : m.getOrDefault(counter, 0L);
    }

    public List<HostSegment> inFlight() {
        return segments.stream().filter(s -> s.fate() == Fate.IN_FLIGHT).toList();
    }

    @Override
    public LabSpec spec() {
        return LabSpec.hostLab(seed, profile, settings, actions);
    }

    @Override
    public int segmentCount() {
        return segments.size();
    }

    @Override
    public List<String> trace() {
        return events.stream().map(HostEvent::text).toList();
    }
}
