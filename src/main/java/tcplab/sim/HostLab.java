package tcplab.sim;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import tcplab.sim.HostSnapshot.AppError;
import tcplab.sim.HostSnapshot.ConnectionRow;
import tcplab.sim.HostSnapshot.HostEvent;
import tcplab.sim.HostSnapshot.HostRow;
import tcplab.sim.HostSnapshot.ListenerRow;
import tcplab.sim.Listener.Cohort;
import tcplab.sim.Listener.Request;
import tcplab.sim.host.Address;
import tcplab.sim.host.HostSettings;
import tcplab.sim.host.Nstat;
import tcplab.sim.host.Sysctls;
import tcplab.sim.host.TcpOptions;

import static tcplab.sim.Listener.reqskTimeout;
import static tcplab.sim.Scheduled.earlier;

/**
 * A host lab (CONTRACT.md "Host labs"): a server host listening on port 80 with its SYN queue
 * and accept queue, client hosts opening connection after connection from ephemeral ports, and
 * an attacker flooding SYNs from spoofed addresses, in virtual time. Each connection is an
 * {@link Endpoint}; what belongs to the host rather than a connection follows Linux 6.x:
 * request sockets and the listener (tcp_conn_request, tcp_check_req, reqsk_timer_handler),
 * SYN cookies (cookie_v4_check), the port choice (__inet_hash_connect, tcp_twsk_unique),
 * TIME-WAIT's answers to a new SYN and to a RST (tcp_timewait_state_process), the ISNs and
 * timestamps (secure_tcp_seq, secure_tcp_ts_off) and the counters.
 * <p>
 * A flood is cheap: its SYNs travel as one burst (one {@code next} delivers them all), its
 * request sockets are a cohort of numbers sharing one timer, and their segments and rows are
 * computed only when a snapshot's list is read.
 * A lab is mutable and not thread-safe; its snapshots are immutable.
 */
public final class HostLab extends AbstractLab implements Lab {
    /** The free host lab: the server application listening, nothing else scripted. */
    public static final String SCENARIO = "host";
    public static final String SERVER = "server";
    public static final String ATTACKER = "attacker";
    public static final int SERVER_PORT = 80;
    /** The attacker's source port; past the /24's 254 addresses the port moves on (7778, …) so every SYN has its own four-tuple. */
    public static final int FLOOD_PORT = 7777;
    /** tcp_tw_reuse_delay's default: a TIME-WAIT socket is reusable 1 s after it was entered. */
    public static final long TW_REUSE_DELAY_MS = 1000;
    /** TCP_TIMEOUT_INIT and TCP_RTO_MAX: a request socket resends its SYN-ACK after 1 s, doubling, at most 120 s apart. */
    static final long TCP_TIMEOUT_INIT = 1000;
    static final long TCP_RTO_MAX = 120_000;
    static final String SPOOFED_NET = "203.0.113.";

    private record Due(long at, long order, Burst flight, Conn conn, TimerKind kind, Request request, Cohort cohort) implements Scheduled {
    }

    final Long seed;
    final Profile profile;
    final HostSettings settings;
    final Sysctls sysctls;
    final Map<String, Machine> machines = new LinkedHashMap<>();
    final Machine server;
    final Listener listener;
    final HostChannel channel = new HostChannel(this);
    private final Flood flood;
    final PassiveOpen passive;
    final Applications apps;
    final List<Conn> live = new ArrayList<>();
    final List<HostEvent> events = new ArrayList<>();
    final List<AppError> errors = new ArrayList<>();

    private HostLab(Long seed, Profile profile, HostSettings settings) {
        this.seed = seed;
        this.profile = profile == null ? Profile.byDefault() : profile;
        this.settings = settings == null ? HostSettings.DEFAULTS : settings;
        this.sysctls = this.settings.sysctls();
        server = new Machine(this, SERVER, Simulation.SERVER_ADDRESS);
        machines.put(SERVER, server);
        listener = new Listener(sysctls, this.settings.maxAckBacklog(), server::count);
        flood = new Flood(this);
        passive = new PassiveOpen(this);
        apps = new Applications(this);
        for (int i = 1; i < HostAction.HOSTS.size(); i++) {
            String name = HostAction.HOSTS.get(i);
            machines.put(name, new Machine(this, name, "192.0.2." + (9 + i)));
        }
    }

    /** The free host lab at its start: the server application listening on port 80. */
    public static HostLab start(Long seed, Profile profile, HostSettings settings) {
        HostLab lab = new HostLab(seed, profile, settings);
        lab.hostEvent(lab.server, null, Why.PASSIVE_OPEN);
        return lab;
    }

    /** Rebuilds a host lab from its words; a bad word's exception carries its 1-based position. */
    public static HostSnapshot replay(Long seed, Profile profile, HostSettings settings, List<String> words) throws BadActionException {
        HostLab lab = start(seed, profile, settings);
        for (String word : words) lab.apply(word);
        return lab.snapshot();
    }

    /** The secret a host draws at boot (net_secret and friends): from the lab's seed, so a lab replays exactly. */
    static long bootSecret(Long seed, String host, int boot) {
        long s = seed == null ? 0x5EED : seed;
        long h = s * 0x9E37_79B9_7F4A_7C15L + host.hashCode() * 0xC2B2_AE3D_27D4_EB4FL + boot;
        h ^= h >>> 29;
        return h * 0xBF58_476D_1CE4_E5B9L;
    }

    // ------------------------------------------------------------------ actions

    /** Parses and applies a word; rejects only words that cannot be applied, with their position. */
    @Override
    public void apply(String word) throws BadActionException {
        int position = actions.size() + 1;
        HostAction action = parseNext(word, HostAction::parse);
        apply(action, position);
        actions.add(action.word());
    }

    private void apply(HostAction action, int position) throws BadActionException {
        if (action instanceof HostAction.Step) {
            Due due = nextDue();
            if (due == null) throw new BadActionException(position, action.word(), BadActionException.Problem.NOTHING_PENDING);
            step(due);
        } else if (action instanceof HostAction.DropSegment d) {
            channel.drop(d, position);
        } else if (action instanceof HostAction.Wait w) {
            long until = now + w.ms();
            for (Due due = nextDue(); due != null && due.at() <= until; due = nextDue()) step(due);
            now = until;
        } else if (action instanceof HostAction.Connect c) {
            apps.connect(up(c.host(), action, position), c.port());
        } else if (action instanceof HostAction.Accept) {
            up(SERVER, action, position);
            apps.accept();
        } else if (action instanceof HostAction.Unlisten) {
            up(SERVER, action, position);
            apps.unlisten();
        } else if (action instanceof HostAction.Flood f) {
            flood.send(f.count());
        } else if (action instanceof HostAction.Crash c) {
            crash(machines.get(c.host()));
        } else if (action instanceof HostAction.Reboot r) {
            reboot(machines.get(r.host()));
        } else if (action instanceof HostAction.Close c) {
            apps.conn(c.target(), action, position).ep.close();
        } else if (action instanceof HostAction.Exit e) {
            apps.conn(e.target(), action, position).ep.exit();
        } else if (action instanceof HostAction.Abort a) {
            apps.conn(a.target(), action, position).ep.abort();
        } else if (action instanceof HostAction.Send s) {
            apps.conn(s.target(), action, position).ep.send(s.text());
        } else {
            throw new AssertionError(action);
        }
    }

    Machine up(String host, HostAction action, int position) throws BadActionException {
        Machine m = machines.get(host);
        if (!m.up) throw new BadActionException(position, action.word(), BadActionException.Problem.HOST_DOWN);
        return m;
    }

    // ------------------------------------------------------------------ hosts

    private void crash(Machine m) {
        if (!m.up) return;
        m.up = false;
        hostEvent(m, null, Why.HOST_CRASHED);
        for (Conn c : List.copyOf(live)) {
            if (c.machine == m && c.ep.state() != State.CLOSED) c.ep.crash();
        }
        if (m == server) listener.clear();
    }

    /** The host comes back with new boot secrets and clocks, no sockets; the server application listens again. */
    private void reboot(Machine m) {
        if (m.up) crash(m);
        m.up = true;
        m.boot();
        hostEvent(m, null, Why.HOST_REBOOTED);
        if (m == server) {
            listener.open = true;
            hostEvent(server, null, Why.PASSIVE_OPEN);
        }
    }

    // ------------------------------------------------------------------ the channel

    String hostOf(String ip) {
        if (ip.startsWith(SPOOFED_NET)) return ATTACKER;
        for (Machine m : machines.values()) if (m.ip.equals(ip)) return m.name;
        return ATTACKER;
    }

    private Due nextDue() {
        Due best = null;
        for (Burst f : channel.inFlight) best = earlier(best, new Due(f.dueAt, f.order, f, null, null, null, null));
        for (int i = live.size() - 1; i >= 0; i--) {
            Conn c = live.get(i);
            if (c.ep.state() == State.CLOSED) {
                live.remove(i);
                continue;
            }
            for (Endpoint.PendingTimer t : c.ep.pendingTimers()) {
                best = earlier(best, new Due(t.dueAt(), t.order(), null, c, t.kind(), null, null));
            }
        }
        for (Request r : listener.requests) best = earlier(best, new Due(r.dueAt, r.order, null, null, null, r, null));
        for (Cohort c : listener.cohorts) best = earlier(best, new Due(c.dueAt(), c.order(), null, null, null, null, c));
        return best;
    }

    /** When the next pending event falls due, or null when nothing is pending (what a snapshot's nextDueAt says, cheaply). */
    @Override
    public Long nextDueAt() {
        Due due = nextDue();
        return due == null ? null : due.at();
    }

    /** How many results applications have been told so far (a snapshot's errors().size(), cheaply). */
    public int errorCount() {
        return errors.size();
    }

    private void step(Due due) {
        now = Math.max(now, due.at());
        if (due.flight() != null) {
            arrive(due.flight());
        } else if (due.conn() != null) {
            due.conn().ep.timeout(due.kind());
        } else if (due.request() != null) {
            passive.requestTimer(due.request());
        } else {
            flood.cohortTimer(due.cohort());
        }
    }

    private void arrive(Burst f) {
        channel.inFlight.remove(f);
        f.arrive(now);
        Packet first = f.packets.apply(0);
        Machine to = machines.get(first.to());
        if (f.flood) {
            if (!server.up) {
                f.fate = Fate.LOST;
                f.arrivedAt = null;
                hostEvent(server, null, Why.SEGMENT_TO_DOWN_HOST);
                return;
            }
            flood.arrives(f);
            return;
        }
        if (f.count > 1 || to == null) return; // the spoofed addresses never answer
        if (!to.up) {
            f.fate = Fate.LOST;
            f.arrivedAt = null;
            events.add(new HostEvent(now, to.name, first.connection(), new SegmentLost(now, HostChannel.sideOf(first.from()), f.firstN, first.segment(),
                    Reason.of(Why.SEGMENT_TO_DOWN_HOST)), Reason.of(Why.SEGMENT_TO_DOWN_HOST)));
            return;
        }
        deliver(to, f.firstN, first);
    }

    /** tcp_v4_rcv: the established or TIME-WAIT socket of the four-tuple, else a request socket, else the listener, else RST. */
    private void deliver(Machine m, int n, Packet p) {
        Conn c = m.find(p.dst(), p.src());
        Request request = null;
        if (c == null && m == server && p.dst().port() == SERVER_PORT) {
            for (Request r : listener.requests) if (r.client.equals(p.src())) request = r;
        }
        Side side = m == server ? Side.SERVER : Side.CLIENT;
        String to = c != null ? c.id : request != null ? SERVER + "/" + request.k : null;
        events.add(new HostEvent(now, m.name, to, new SegmentArrived(now, side, n, p.segment(), Reason.of(Why.SEGMENT_ARRIVED)),
                Reason.of(Why.SEGMENT_ARRIVED)));
        Segment seg = p.segment();
        if (c != null) {
            c.arrives(p);
            return;
        }
        if (m == server) {
            if (request != null) {
                passive.checkRequest(request, p);
                return;
            }
            if (listener.open && p.dst().port() == SERVER_PORT) {
                passive.listenerArrives(p);
                return;
            }
        }
        if (!seg.has(Flag.RST)) reset(m, p, Why.SENDS_RST_NO_CONNECTION);
    }

    /** tcp_v4_send_reset: the RST a host sends for a segment no socket takes (no options). */
    void reset(Machine m, Packet p, Why why) {
        Segment seg = p.segment();
        Segment rst = seg.has(Flag.ACK)
                ? Segment.of(seg.ack(), 0, EnumSet.of(Flag.RST), "")
                : Segment.of(0, SeqNum.add(seg.seq(), seg.len()), EnumSet.of(Flag.RST, Flag.ACK), "");
        channel.send(new Packet(m.name, hostOf(p.src().ip()), p.dst(), p.src(), rst, TcpOptions.NONE, false, null), Reason.of(why), m == server ? Side.SERVER : Side.CLIENT);
    }


    // ------------------------------------------------------------------ events

    void hostEvent(Machine m, String connection, Why why, Object... args) {
        events.add(new HostEvent(now, m.name, connection, null, Reason.of(why, args)));
    }

    // ------------------------------------------------------------------ snapshots

    /** The words a host lab offers now: only what can be applied. */
    public List<String> offered() {
        return apps.offered();
    }

    @Override
    public HostSnapshot snapshot() {
        Due due = nextDue();
        List<HostRow> hosts = new ArrayList<>();
        Map<String, Map<Nstat, Long>> counters = new LinkedHashMap<>();
        for (Machine m : machines.values()) {
            hosts.add(new HostRow(m.name, m.ip, m.up, m.boots));
            counters.put(m.name, new EnumMap<>(m.counters));
        }
        hosts.add(new HostRow(ATTACKER, SPOOFED_NET + "0/24", true, 1));
        List<ConnectionRow> rows = new ArrayList<>();
        for (Machine m : machines.values()) {
            List<ConnectionRow> own = new ArrayList<>();
            for (Conn c : m.conns) if (c.ep.state() != State.CLOSED) own.add(row(c));
            if (m == server) for (Request r : listener.requests) own.add(requestRow(r));
            own.sort((a, b) -> Integer.compare(k(a.id()), k(b.id())));
            rows.addAll(own);
        }
        List<Cohort> cohorts = List.copyOf(listener.cohorts);
        List<Burst.View> views = channel.flights.stream().map(Burst::view).toList();
        ListenerRow listenerRow = new ListenerRow(listener.open && server.up, settings.backlog(), listener.qlen(), listener.maxAckBacklog(),
                listener.acceptQueue.size(), listener.maxAckBacklog(), listener.waitingAccepts);
        return new HostSnapshot(SCENARIO, seed, profile, settings, actions, now, hosts,
                new HostLists.Rows(List.copyOf(rows), cohorts, server.ip, seed), listenerRow, counters, errors, new HostLists.Segments(views, channel.segments),
                List.copyOf(events), offered(), due != null, due == null ? null : due.at());
    }

    private static int k(String id) {
        return Integer.parseInt(id.substring(id.indexOf('/') + 1));
    }

    private ConnectionRow row(Conn c) {
        EndpointSnapshot e = c.ep.snapshot();
        // tcp_diag_get_info: Recv-Q is rcv_nxt - copied_seq, so a FIN nobody has read counts one.
        int recvQ = c.accepted ? 0 : e.received().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + (finReceived(e.state()) ? 1 : 0);
        return new ConnectionRow(c.id, c.machine.name, c.local, c.remote, e.state(), recvQ, c.ep.unackedBytes(),
                e.iss(), e.irs(), e.sndUna(), e.sndNxt(), e.rcvNxt(), e.timers(), c.accepted);
    }

    private static boolean finReceived(State s) {
        return s == State.CLOSE_WAIT || s == State.LAST_ACK || s == State.CLOSING || s == State.TIME_WAIT;
    }

    private ConnectionRow requestRow(Request r) {
        return new ConnectionRow(SERVER + "/" + r.k, SERVER, new Address(server.ip, SERVER_PORT), r.client, State.SYN_RECEIVED, 0, 0,
                r.iss, r.irs, r.iss, SeqNum.add(r.iss, 1), SeqNum.add(r.irs, 1),
                // attempt counts transmissions: ss's third field is num_retrans (inet_req_diag_fill), which a
                // retransmitted SYN's answer moves too (inet_rtx_syn_ack), not only the timer (num_timeout)
                List.of(new Timer(TimerKind.RETRANSMISSION, r.dueAt, r.transmissions, reqskTimeout(r.numTimeout))), false);
    }

    public HostSettings settings() {
        return settings;
    }

    @Override
    public String toString() {
        return "HostLab" + Objects.toString(actions);
    }
}
