package tcplab.sim;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

import tcplab.sim.HostSnapshot.AppError;
import tcplab.sim.HostSnapshot.ConnectionRow;
import tcplab.sim.HostSnapshot.HostEvent;
import tcplab.sim.HostSnapshot.HostRow;
import tcplab.sim.HostSnapshot.ListenerRow;
import tcplab.sim.Listener.Cohort;
import tcplab.sim.Listener.Request;
import tcplab.sim.host.Address;
import tcplab.sim.host.EphemeralPorts;
import tcplab.sim.host.HostSettings;
import tcplab.sim.host.LinuxClock;
import tcplab.sim.host.Nstat;
import tcplab.sim.host.SynCookies;
import tcplab.sim.host.Sysctl;
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
public final class HostLab implements Lab {
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

    /** A host: its address, boot (clock and secrets), counters, sockets and port cursor. */
    final class Machine {
        final String name;
        final String ip;
        boolean up = true;
        int boots;
        LinuxClock clock;
        SynCookies cookies;
        final EnumMap<Nstat, Long> counters = new EnumMap<>(Nstat.class);
        final List<Conn> conns = new ArrayList<>();
        /** Connection numbers K handed out (request sockets and cookie children on the server count too). */
        int named;
        EphemeralPorts ports = new EphemeralPorts();

        Machine(String name, String ip) {
            this.name = name;
            this.ip = ip;
            for (Nstat n : Nstat.values()) counters.put(n, 0L);
            boot();
        }

        void boot() {
            boots++;
            long secret = bootSecret(seed, name, boots);
            clock = new LinuxClock(secret, now);
            cookies = new SynCookies(secret * 31 + 7);
            ports = new EphemeralPorts();
        }

        void count(Nstat n) {
            counters.merge(n, 1L, Long::sum);
        }

        Conn find(Address local, Address remote) {
            for (int i = conns.size() - 1; i >= 0; i--) {
                Conn c = conns.get(i);
                if (c.ep.state() != State.CLOSED && c.local.equals(local) && c.remote.equals(remote)) return c;
            }
            return null;
        }

        int timeWaitCount() {
            int n = 0;
            for (Conn c : live) if (c.machine == this && c.ep.state() == State.TIME_WAIT) n++;
            return n;
        }
    }

    /** One socket: an {@link Endpoint} with the host's addressing, options and timestamps. */
    final class Conn implements Endpoint.Host {
        final String id;
        final Machine machine;
        final Address local;
        final Address remote;
        final Endpoint ep;
        final long tsOffset;
        boolean ownSynHadTs;
        boolean tsOk;
        Long tsRecent;
        long tsRecentAt = -1;
        boolean accepted;
        long timeWaitSince;
        State lastState = State.CLOSED;

        Conn(Machine machine, int k, Address local, Address remote, Side side) {
            this.id = machine.name + "/" + k;
            this.machine = machine;
            this.local = local;
            this.remote = remote;
            this.tsOffset = machine.clock.tsOffset(local, remote, sysctls.get(Sysctl.TCP_TIMESTAMPS));
            this.ep = new Endpoint(side, profile, Script.NONE, this);
            if (profile == Profile.LINUX) {
                ep.linuxSysctls(sysctls.get(Sysctl.TCP_SYN_RETRIES), sysctls.get(Sysctl.TCP_SYNACK_RETRIES),
                        sysctls.get(Sysctl.TCP_ORPHAN_RETRIES), sysctls.get(Sysctl.TCP_FIN_TIMEOUT) * 1000L);
            }
            boolean keep = side == Side.SERVER ? settings.keepalive().server() : settings.keepalive().client();
            if (keep) {
                ep.keepalive(new Endpoint.Keepalive(sysctls.get(Sysctl.TCP_KEEPALIVE_TIME) * 1000L,
                        sysctls.get(Sysctl.TCP_KEEPALIVE_INTVL) * 1000L, sysctls.get(Sysctl.TCP_KEEPALIVE_PROBES)));
            }
            machine.conns.add(this);
            live.add(this);
        }

        @Override
        public long now() {
            return now;
        }

        @Override
        public long nextOrder() {
            return order++;
        }

        @Override
        public void transmit(Side from, Segment segment, boolean retransmission, Reason reason) {
            TcpOptions options;
            if (segment.has(Flag.SYN)) {
                ownSynHadTs = sysctls.get(Sysctl.TCP_TIMESTAMPS) > 0;
                options = synOptions(ownSynHadTs ? machine.clock.tsval(now, tsOffset) : null, segment.has(Flag.ACK) ? tsRecent : null);
            } else if (tsOk) {
                options = TcpOptions.timestamp(machine.clock.tsval(now, tsOffset), tsRecent == null ? 0 : tsRecent);
            } else {
                options = TcpOptions.NONE;
            }
            if (reason.why() == Why.SENDS_KEEPALIVE_PROBE) machine.count(Nstat.TCP_KEEP_ALIVE); // tcp_write_wakeup
            send(new Packet(machine.name, hostOf(remote.ip()), local, remote, segment, options, retransmission, id), reason, from);
        }

        @Override
        public void record(Event event) {
            events.add(new HostEvent(event.at(), machine.name, id, event, event.reason()));
            observe(this, event);
        }

        @Override
        public long nextIss(Side side) {
            return machine.clock.isn(local, remote, now);
        }

        @Override
        public void scheduleCall(Side side, String call, Runnable run) {
            throw new IllegalStateException("host labs script no application reactions");
        }

        @Override
        public boolean scripting() {
            return false;
        }

        /** tcp_time_wait: inet_twsk_alloc refuses beyond tcp_max_tw_buckets. */
        @Override
        public boolean admitTimeWait() {
            if (machine.timeWaitCount() < sysctls.get(Sysctl.TCP_MAX_TW_BUCKETS)) return true;
            machine.count(Nstat.TCP_TIME_WAIT_OVERFLOW);
            return false;
        }
    }

    private record Due(long at, long order, Burst flight, Conn conn, TimerKind kind, Request request, Cohort cohort) implements Scheduled {
    }

    final Long seed;
    private final Profile profile;
    private final HostSettings settings;
    private final Sysctls sysctls;
    private final Map<String, Machine> machines = new LinkedHashMap<>();
    private final Machine server;
    private final Listener listener;
    private final Flood flood;
    private final List<Burst> flights = new ArrayList<>();
    private final List<Burst> inFlight = new ArrayList<>();
    private final List<Conn> live = new ArrayList<>();
    final List<HostEvent> events = new ArrayList<>();
    private final List<AppError> errors = new ArrayList<>();
    private final List<String> actions = new ArrayList<>();
    int segments;
    long now;
    long order;

    private HostLab(Long seed, Profile profile, HostSettings settings) {
        this.seed = seed;
        this.profile = profile == null ? Profile.byDefault() : profile;
        this.settings = settings == null ? HostSettings.DEFAULTS : settings;
        this.sysctls = this.settings.sysctls();
        server = new Machine(SERVER, Simulation.SERVER_ADDRESS);
        machines.put(SERVER, server);
        listener = new Listener(sysctls, this.settings.maxAckBacklog(), server::count);
        flood = new Flood(this, server, listener);
        for (int i = 1; i < HostAction.HOSTS.size(); i++) {
            String name = HostAction.HOSTS.get(i);
            machines.put(name, new Machine(name, "192.0.2." + (9 + i)));
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
        HostAction action;
        try {
            action = HostAction.parse(word);
        } catch (BadActionException e) {
            throw e.at(position);
        }
        apply(action, position);
        actions.add(action.word());
    }

    private void apply(HostAction action, int position) throws BadActionException {
        if (action instanceof HostAction.Step) {
            Due due = nextDue();
            if (due == null) throw new BadActionException(position, action.word(), BadActionException.Problem.NOTHING_PENDING);
            step(due);
        } else if (action instanceof HostAction.DropSegment d) {
            drop(d, position);
        } else if (action instanceof HostAction.Wait w) {
            long until = now + w.ms();
            for (Due due = nextDue(); due != null && due.at() <= until; due = nextDue()) step(due);
            now = until;
        } else if (action instanceof HostAction.Connect c) {
            connect(up(c.host(), action, position), c.port());
        } else if (action instanceof HostAction.Accept) {
            up(SERVER, action, position);
            accept();
        } else if (action instanceof HostAction.Unlisten) {
            up(SERVER, action, position);
            unlisten();
        } else if (action instanceof HostAction.Flood f) {
            flood.send(f.count());
        } else if (action instanceof HostAction.Crash c) {
            crash(machines.get(c.host()));
        } else if (action instanceof HostAction.Reboot r) {
            reboot(machines.get(r.host()));
        } else if (action instanceof HostAction.Close c) {
            conn(c.target(), action, position).ep.close();
        } else if (action instanceof HostAction.Exit e) {
            conn(e.target(), action, position).ep.exit();
        } else if (action instanceof HostAction.Abort a) {
            conn(a.target(), action, position).ep.abort();
        } else if (action instanceof HostAction.Send s) {
            conn(s.target(), action, position).ep.send(s.text());
        } else {
            throw new AssertionError(action);
        }
    }

    private Machine up(String host, HostAction action, int position) throws BadActionException {
        Machine m = machines.get(host);
        if (!m.up) throw new BadActionException(position, action.word(), BadActionException.Problem.HOST_DOWN);
        return m;
    }

    /** {@code HOST/K}, or {@code HOST}'s newest connection. */
    private Conn conn(HostAction.Target target, HostAction action, int position) throws BadActionException {
        Machine m = up(target.host(), action, position);
        Conn found = null;
        for (Conn c : m.conns) {
            if (target.k() == null ? newerHeld(c, found) : number(c) == target.k()) found = c;
        }
        if (found == null) throw new BadActionException(position, action.word(), BadActionException.Problem.NO_SUCH_CONNECTION);
        // A socket still in the accept queue has no file descriptor yet: no application can write to or close it.
        if (!found.accepted && found.machine == server) {
            throw new BadActionException(position, action.word(), BadActionException.Problem.NOT_ACCEPTED);
        }
        return found;
    }

    /** Without a number, a call goes to the newest connection the application holds: accepted ones first. */
    private static boolean newerHeld(Conn c, Conn found) {
        if (found == null) return true;
        if (c.accepted != found.accepted) return c.accepted;
        return number(c) > number(found);
    }

    private static int number(Conn c) {
        return Integer.parseInt(c.id.substring(c.id.indexOf('/') + 1));
    }

    private void drop(HostAction.DropSegment d, int position) throws BadActionException {
        if (d.n() == null) {
            Burst f = inFlight.stream().min((a, b) -> a.dueAt != b.dueAt ? Long.compare(a.dueAt, b.dueAt) : Long.compare(a.order, b.order))
                    .orElseThrow(() -> new BadActionException(position, d.word(), BadActionException.Problem.NOTHING_IN_FLIGHT));
            int i = 0;
            while (f.lost(i)) i++;
            lose(f, i);
            return;
        }
        if (d.n() > segments) throw new BadActionException(position, d.word(), BadActionException.Problem.NO_SUCH_SEGMENT);
        Burst f = flightOf(d.n());
        int i = d.n() - f.firstN;
        if (f.fate != Fate.IN_FLIGHT || f.lost(i)) throw new BadActionException(position, d.word(), BadActionException.Problem.NOT_IN_FLIGHT);
        lose(f, i);
    }

    private Burst flightOf(int n) {
        int lo = 0;
        int hi = flights.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (flights.get(mid).firstN <= n) lo = mid; else hi = mid - 1;
        }
        return flights.get(lo);
    }

    private void lose(Burst f, int i) {
        if (f.count == 1) {
            f.fate = Fate.LOST;
            inFlight.remove(f);
        } else {
            if (f.lost == null) f.lost = new BitSet(f.count);
            f.lost.set(i);
            if (f.lost.cardinality() == f.count) {
                f.fate = Fate.LOST;
                inFlight.remove(f);
            }
        }
        Packet p = f.packets.apply(i);
        events.add(new HostEvent(now, p.from(), p.connection(),
                new SegmentLost(now, sideOf(p.from()), f.firstN + i, p.segment(), Reason.of(Why.SEGMENT_DROPPED)), Reason.of(Why.SEGMENT_DROPPED)));
    }

    // ------------------------------------------------------------------ the application calls

    /**
     * connect(): a local port from ip_local_port_range (__inet_hash_connect) or the fixed one, then
     * the SYN. A port is free unless a socket of this host holds the same four-tuple; a TIME-WAIT
     * one gives way if tcp_twsk_unique allows (always with timestamps for a bound port; for an
     * ephemeral port only with tcp_tw_reuse=1, timestamps, and 1 s after it entered TIME-WAIT).
     */
    private void connect(Machine m, Integer fixedPort) {
        Address remote = new Address(server.ip, SERVER_PORT);
        int port;
        Conn reused;
        if (fixedPort != null) {
            Conn holder = m.find(new Address(m.ip, fixedPort), remote);
            if (holder != null && !(holder.ep.state() == State.TIME_WAIT && twskUnique(holder, true))) {
                noPort(m);
                return;
            }
            port = fixedPort;
            reused = holder;
        } else {
            OptionalInt free = m.ports.next(sysctls.portRange(), p -> {
                Conn holder = m.find(new Address(m.ip, p), remote);
                return holder == null || (holder.ep.state() == State.TIME_WAIT && twskUnique(holder, false));
            });
            if (free.isEmpty()) {
                noPort(m);
                return;
            }
            port = free.getAsInt();
            reused = m.find(new Address(m.ip, port), remote);
        }
        Conn c = new Conn(m, ++m.named, new Address(m.ip, port), remote, Side.CLIENT);
        c.accepted = true;
        if (reused != null) {
            // tcp_twsk_unique: the new connection starts above the old one's sequence space and keeps its ts_recent.
            long isn = SeqNum.add(reused.ep.snapshot().sndNxt(), 65535 + 2);
            c.ep.forceIss(isn == 0 ? 1 : isn);
            c.tsRecent = reused.tsRecent;
            c.tsRecentAt = reused.tsRecentAt;
            reused.ep.discard(Why.TIME_WAIT_REUSED);
        }
        c.ep.connect();
    }

    /** tcp_twsk_unique: may this TIME-WAIT socket's four-tuple be taken by a new connect()? {@code bound}: the port was bound (twp NULL). */
    private boolean twskUnique(Conn tw, boolean bound) {
        int reuse = sysctls.get(Sysctl.TCP_TW_REUSE);
        if (reuse == 2) reuse = 0; // loopback only: the lab's addresses are not loopback
        boolean timestamps = tw.tsRecentAt >= 0;
        return timestamps && (bound || (reuse == 1 && now > tw.timeWaitSince + TW_REUSE_DELAY_MS));
    }

    /** No connection is made: the application's connect() fails (its socket gets no number). */
    private void noPort(Machine m) {
        hostEvent(m, null, Why.CONNECT_NO_PORT, sysctls.portRange());
        errors.add(new AppError(now, m.name, "connect", "EADDRNOTAVAIL"));
    }

    /** accept(): the oldest connection of the accept queue, or wait for the next one. */
    private void accept() {
        if (!listener.open) {
            hostEvent(server, null, Why.ACCEPT_NOT_LISTENING);
            errors.add(new AppError(now, SERVER, "accept", "EINVAL"));
            return;
        }
        Conn c = listener.acceptQueue.poll();
        if (c == null) {
            listener.waitingAccepts++;
            hostEvent(server, null, Why.ACCEPT_WAITS);
            return;
        }
        c.accepted = true;
        hostEvent(server, c.id, Why.ACCEPTED);
    }

    /** close() of the listening socket: inet_csk_listen_stop resets what was never accepted; request sockets die with it. */
    private void unlisten() {
        if (!listener.open) return;
        listener.open = false;
        hostEvent(server, null, Why.LISTENER_CLOSED);
        for (Conn c : List.copyOf(listener.acceptQueue)) {
            // inet_child_forget → tcp_disconnect: a synchronized socket is reset.
            if (c.ep.state() != State.CLOSED) {
                hostEvent(server, c.id, Why.SENDS_RST_UNACCEPTED);
                c.ep.abort();
            }
        }
        listener.clear();
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

    private String hostOf(String ip) {
        if (ip.startsWith(SPOOFED_NET)) return ATTACKER;
        for (Machine m : machines.values()) if (m.ip.equals(ip)) return m.name;
        return ATTACKER;
    }

    private static Side sideOf(String host) {
        return SERVER.equals(host) ? Side.SERVER : Side.CLIENT;
    }

    private void send(Packet p, Reason reason, Side side) {
        Burst f = new Burst(segments + 1, 1, now, now + Simulation.ONE_WAY_DELAY_MS, order++, i -> p, false);
        enter(f);
        events.add(new HostEvent(now, p.from(), p.connection(), new SegmentSent(now, side, f.firstN, p.retransmission(), p.segment(), reason), reason));
        if (p.segment().has(Flag.RST)) machines.get(p.from()).count(Nstat.TCP_OUT_RSTS);
    }

    void enter(Burst f) {
        segments += f.count;
        flights.add(f);
        inFlight.add(f);
    }

    private Due nextDue() {
        Due best = null;
        for (Burst f : inFlight) best = earlier(best, new Due(f.dueAt, f.order, f, null, null, null, null));
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
            requestTimer(due.request());
        } else {
            flood.cohortTimer(due.cohort());
        }
    }

    private void arrive(Burst f) {
        inFlight.remove(f);
        f.fate = Fate.ARRIVED;
        f.arrivedAt = now;
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
            events.add(new HostEvent(now, to.name, first.connection(), new SegmentLost(now, sideOf(first.from()), f.firstN, first.segment(),
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
            connectionArrives(c, p);
            return;
        }
        if (m == server) {
            if (request != null) {
                checkRequest(request, p);
                return;
            }
            if (listener.open && p.dst().port() == SERVER_PORT) {
                listenerArrives(p);
                return;
            }
        }
        if (!seg.has(Flag.RST)) reset(m, p, Why.SENDS_RST_NO_CONNECTION);
    }

    /** tcp_v4_send_reset: the RST a host sends for a segment no socket takes (no options). */
    private void reset(Machine m, Packet p, Why why) {
        Segment seg = p.segment();
        Segment rst = seg.has(Flag.ACK)
                ? Segment.of(seg.ack(), 0, EnumSet.of(Flag.RST), "")
                : Segment.of(0, SeqNum.add(seg.seq(), seg.len()), EnumSet.of(Flag.RST, Flag.ACK), "");
        send(new Packet(m.name, hostOf(p.src().ip()), p.dst(), p.src(), rst, TcpOptions.NONE, false, null), Reason.of(why), m == server ? Side.SERVER : Side.CLIENT);
    }

    private void connectionArrives(Conn c, Packet p) {
        Segment seg = p.segment();
        TcpOptions o = p.options();
        if (c.ep.state() == State.SYN_SENT && seg.has(Flag.SYN)) {
            c.tsOk = c.ownSynHadTs && o.hasTimestamp(); // RFC 7323: both SYNs carried it
        }
        if (c.tsOk && o.hasTimestamp() && !seg.has(Flag.RST)) {
            c.tsRecent = o.tsval();
            c.tsRecentAt = now;
        }
        if (c.ep.state() == State.TIME_WAIT) {
            long rcvNxt = c.ep.snapshot().rcvNxt();
            // tcp_timewait_state_process: with tcp_rfc1337=1 an in-window RST does not end TIME-WAIT.
            if (seg.has(Flag.RST) && seg.seq() == rcvNxt && sysctls.get(Sysctl.TCP_RFC1337) == 1) {
                hostEvent(c.machine, c.id, Why.TIME_WAIT_RFC1337);
                return;
            }
            // A new SYN above RCV.NXT, or with a newer timestamp, is handed to the listener (TCP_TW_SYN).
            boolean newer = SeqNum.gt(seg.seq(), rcvNxt)
                    || (o.hasTimestamp() && c.tsRecent != null && (int) (c.tsRecent - o.tsval()) < 0);
            if (c.machine == server && listener.open && seg.has(Flag.SYN) && !seg.has(Flag.RST) && !seg.has(Flag.ACK) && newer) {
                long isn = SeqNum.add(c.ep.snapshot().sndNxt(), 65535 + 2);
                c.ep.discard(Why.TIME_WAIT_NEW_SYN, seg.seq(), rcvNxt);
                connRequest(p, isn == 0 ? 1 : isn);
                return;
            }
        }
        c.ep.segmentArrives(seg);
    }

    // ------------------------------------------------------------------ the listener (tcp_conn_request, tcp_check_req)

    private void listenerArrives(Packet p) {
        Segment seg = p.segment();
        if (seg.has(Flag.RST)) return;
        if (seg.has(Flag.ACK) && !seg.has(Flag.SYN)) {
            if (cookieCheck(p)) return;
            reset(server, p, Why.SENDS_RST_LISTENER);
            return;
        }
        if (seg.has(Flag.SYN) && !seg.has(Flag.ACK)) connRequest(p, null);
    }

    private void connRequest(Packet p, Long twIsn) {
        Segment syn = p.segment();
        Listener.Admission a = listener.admit(p.src().ip(), twIsn != null);
        switch (a) {
            case DROP_SYN_QUEUE:
            case DROP_ACCEPT_QUEUE:
            case DROP_UNPROVEN:
                server.count(Nstat.LISTEN_DROPS); // tcp_listendrop
                hostEvent(server, null, a == Listener.Admission.DROP_SYN_QUEUE ? Why.SYN_DROPPED_SYN_QUEUE_FULL
                        : a == Listener.Admission.DROP_ACCEPT_QUEUE ? Why.SYN_DROPPED_ACCEPT_QUEUE_FULL : Why.SYN_DROPPED_UNPROVEN);
                return;
            case COOKIE: {
                SynCookies.Parts cookie = server.cookies.make(p.src(), p.dst(), syn.seq(), mssOf(p.options()), server.clock.clockMs(now));
                server.count(Nstat.SYNCOOKIES_SENT); // cookie_init_sequence
                listener.lastOverflowAt = now; // tcp_synq_overflow
                long tsOff = server.clock.tsOffset(p.dst(), p.src(), sysctls.get(Sysctl.TCP_TIMESTAMPS));
                TcpOptions options = cookieSynAckOptions(p.options(), cookie.mss(), tsOff);
                Segment synAck = Segment.of(cookie.isn(), SeqNum.add(syn.seq(), 1), EnumSet.of(Flag.SYN, Flag.ACK), "");
                send(new Packet(SERVER, hostOf(p.src().ip()), p.dst(), p.src(), synAck, options, false, null),
                        Reason.of(Why.SENDS_SYN_ACK_COOKIE, cookie.isn()), Side.SERVER);
                return;
            }
            default: {
                long iss = twIsn != null ? twIsn : server.clock.isn(p.dst(), p.src(), now);
                long tsOff = server.clock.tsOffset(p.dst(), p.src(), sysctls.get(Sysctl.TCP_TIMESTAMPS));
                Request r = new Request(++server.named, p.src(), syn.seq(), iss, p.options(), tsOff);
                listener.requests.add(r);
                hostEvent(server, SERVER + "/" + r.k, Why.REQUEST_SOCKET_CREATED, syn.seq(), listener.qlen(), listener.maxAckBacklog());
                r.dueAt = now + TCP_TIMEOUT_INIT;
                r.order = order++;
                sendSynAck(r, false);
            }
        }
    }

    private static int mssOf(TcpOptions o) {
        return o.mss() != null ? o.mss() : 536; // RFC 9293: 536 when the SYN names none
    }

    /** tcp_syn_options on the client's SYN: MSS, SACK permitted, timestamps (tcp_timestamps), window scale. */
    private TcpOptions synOptions(Long tsval, Long tsecr) {
        return new TcpOptions(TcpOptions.LINUX_MSS, true, tsval, tsval == null ? null : (tsecr == null ? 0 : tsecr), TcpOptions.LINUX_WSCALE);
    }

    /** tcp_synack_options: what the SYN offered and the host allows. */
    private TcpOptions synAckOptions(TcpOptions syn, long tsval) {
        boolean ts = syn.hasTimestamp() && sysctls.get(Sysctl.TCP_TIMESTAMPS) > 0;
        return new TcpOptions(TcpOptions.LINUX_MSS, syn.sackPermitted(), ts ? tsval : null, ts ? syn.tsval() : null,
                syn.wscale() != null ? TcpOptions.LINUX_WSCALE : null);
    }

    /** A cookie SYN-ACK: without a timestamp Linux clears the options but the MSS (tcp_conn_request); with one, cookie_init_timestamp. */
    private TcpOptions cookieSynAckOptions(TcpOptions syn, int mss, long tsOff) {
        if (!syn.hasTimestamp() || sysctls.get(Sysctl.TCP_TIMESTAMPS) == 0) return new TcpOptions(mss, false, null, null, null);
        Integer wscale = syn.wscale() != null ? TcpOptions.LINUX_WSCALE : null;
        long ts = SynCookies.timestamp(server.clock.clockMs(now), wscale, syn.sackPermitted());
        return new TcpOptions(mss, syn.sackPermitted(), (ts + tsOff) & 0xFFFF_FFFFL, syn.tsval(), wscale);
    }

    private void sendSynAck(Request r, boolean again) {
        Segment synAck = Segment.of(r.iss, SeqNum.add(r.irs, 1), EnumSet.of(Flag.SYN, Flag.ACK), "");
        TcpOptions options = synAckOptions(r.synOptions, server.clock.tsval(now, r.tsOffset));
        r.lastSentAt = now;
        if (again) r.transmissions++;
        send(new Packet(SERVER, hostOf(r.client.ip()), new Address(server.ip, SERVER_PORT), r.client, synAck, options, again, SERVER + "/" + r.k),
                again ? Reason.of(Why.RESENDS_SYN_ACK_REQUEST, r.transmissions - 1) : Reason.of(Why.SENDS_SYN_ACK, r.iss), Side.SERVER);
    }

    /** tcp_in_window. */
    private static boolean inWindow(long seq, long end, long sWin, long eWin) {
        if (seq == sWin) return true;
        if (SeqNum.gt(end, sWin) && SeqNum.lt(seq, eWin)) return true;
        return seq == eWin && seq == end;
    }

    /** tcp_check_req: a segment for a request socket. */
    private void checkRequest(Request r, Packet p) {
        Segment seg = p.segment();
        boolean syn = seg.has(Flag.SYN);
        boolean rst = seg.has(Flag.RST);
        boolean ack = seg.has(Flag.ACK);
        if (seg.seq() == r.irs && syn && !rst && !ack && !seg.has(Flag.FIN)) {
            // A pure retransmitted SYN: the SYN-ACK again, and the timer restarts (mod_timer_pending).
            sendSynAck(r, true);
            r.dueAt = now + reqskTimeout(r.numTimeout);
            r.order = order++;
            return;
        }
        if (ack && seg.ack() != SeqNum.add(r.iss, 1)) {
            reset(server, p, Why.SENDS_RST_BAD_ACK); // "Invalid ACK: reset will be sent by listening socket"
            return;
        }
        long rcvNxt = SeqNum.add(r.irs, 1);
        if (!inWindow(seg.seq(), seg.end(), rcvNxt, SeqNum.add(rcvNxt, Simulation.WINDOW))) {
            if (!rst) {
                send(new Packet(SERVER, hostOf(r.client.ip()), p.dst(), p.src(),
                        Segment.of(SeqNum.add(r.iss, 1), rcvNxt, EnumSet.of(Flag.ACK), ""), TcpOptions.NONE, false, SERVER + "/" + r.k),
                        Reason.of(Why.SENDS_ACK_UNACCEPTABLE, seg.seq(), rcvNxt), Side.SERVER);
            }
            return;
        }
        if (seg.seq() == r.irs) syn = false; // the SYN is out of the window that starts at irs+1
        if (rst || syn) {
            server.count(Nstat.TCP_ATTEMPT_FAILS);
            embryonicReset(r, p, rst ? null : Why.SENDS_RST_EMBRYONIC);
            return;
        }
        if (!ack) return;
        if (listener.acceptQueueFull()) {
            // tcp_v4_syn_recv_sock: exit_overflow, then listen_overflow in tcp_check_req.
            server.count(Nstat.LISTEN_OVERFLOWS);
            server.count(Nstat.LISTEN_DROPS);
            if (sysctls.get(Sysctl.TCP_ABORT_ON_OVERFLOW) == 0) {
                r.acked = true;
                hostEvent(server, SERVER + "/" + r.k, Why.ACK_DROPPED_ACCEPT_QUEUE_FULL, listener.acceptQueue.size(), listener.maxAckBacklog());
                return;
            }
            // embryonic_reset with SK_RST_REASON_TCP_ABORT_ON_OVERFLOW: the RST says why it was sent.
            embryonicReset(r, p, Why.SENDS_RST_OVERFLOW);
            return;
        }
        listener.requests.remove(r);
        child(r.k, p, r.iss, r.irs, r.lastSentAt, r.transmissions, r.synOptions.hasTimestamp() && p.options().hasTimestamp());
    }

    /** tcp_check_req's embryonic_reset: answers with a RST for {@code why} (none when a RST arrived) and drops the request. */
    private void embryonicReset(Request r, Packet p, Why why) {
        if (why != null) reset(server, p, why);
        listener.requests.remove(r);
        server.count(Nstat.EMBRYONIC_RSTS);
    }

    /**
     * tcp_v4_syn_recv_sock and tcp_child_process: the new socket joins the accept queue (or goes
     * straight to an accept() that waits) and processes the ACK that made it, data included.
     */
    private void child(int k, Packet p, long iss, long irs, long synAckSentAt, int transmissions, boolean timestamps) {
        Conn c = new Conn(server, k, p.dst(), p.src(), Side.SERVER);
        c.ownSynHadTs = timestamps;
        c.tsOk = timestamps;
        server.count(Nstat.TCP_PASSIVE_OPENS);
        c.ep.openFromRequest(iss, irs, synAckSentAt, transmissions);
        if (listener.waitingAccepts > 0) {
            listener.waitingAccepts--;
            c.accepted = true;
            hostEvent(server, c.id, Why.ACCEPTED);
        } else {
            listener.acceptQueue.add(c);
        }
        connectionArrives(c, p);
        if (c.ep.state() == State.ESTABLISHED) listener.proven.add(p.src().ip());
    }

    /** cookie_v4_check: an ACK for the listener is a cookie only if a cookie went out lately (tcp_synq_no_recent_overflow). */
    private boolean cookieCheck(Packet p) {
        if (sysctls.get(Sysctl.TCP_SYNCOOKIES) == 0 || now - listener.lastOverflowAt >= SynCookies.VALID_MS) return false;
        Segment seg = p.segment();
        int mss = server.cookies.check(p.src(), p.dst(), seg.seq(), seg.ack(), server.clock.clockMs(now));
        if (mss == 0) {
            server.count(Nstat.SYNCOOKIES_FAILED);
            hostEvent(server, null, Why.COOKIE_FAILED);
            return false;
        }
        server.count(Nstat.SYNCOOKIES_RECV);
        if (listener.acceptQueueFull()) {
            server.count(Nstat.LISTEN_OVERFLOWS);
            server.count(Nstat.LISTEN_DROPS);
            hostEvent(server, null, Why.ACK_DROPPED_ACCEPT_QUEUE_FULL, listener.acceptQueue.size(), listener.maxAckBacklog());
            return true;
        }
        int k = ++server.named;
        hostEvent(server, SERVER + "/" + k, Why.COOKIE_ACCEPTED, mss);
        // No request socket: no SYN-ACK time to sample an RTT from (snt_synack is 0).
        child(k, p, SeqNum.add(seg.ack(), -1), SeqNum.add(seg.seq(), -1), now, 2, p.options().hasTimestamp());
        return true;
    }

    private void requestTimer(Request r) {
        server.count(Nstat.TCP_TIMEOUTS); // tcp_syn_ack_timeout
        int max = listener.maxSynAckRetries(listener.qlen(), listener.young());
        if (r.numTimeout >= max) {
            listener.requests.remove(r);
            hostEvent(server, SERVER + "/" + r.k, Why.REQUEST_EXPIRED, r.numTimeout);
            return;
        }
        sendSynAck(r, true); // resent even when acked: the client's ACK answers it again
        r.numTimeout++;
        r.dueAt = now + reqskTimeout(r.numTimeout);
        r.order = order++;
    }

    // ------------------------------------------------------------------ counters, errors, events

    void hostEvent(Machine m, String connection, Why why, Object... args) {
        events.add(new HostEvent(now, m.name, connection, null, Reason.of(why, args)));
    }

    /** What the kernel counts and what the application is told, read off each connection's events. */
    private void observe(Conn c, Event e) {
        Machine m = c.machine;
        if (e instanceof StateChanged s) {
            if (s.to() == State.SYN_SENT) m.count(Nstat.TCP_ACTIVE_OPENS); // tcp_connect
            if (s.to() == State.CLOSED) {
                if (s.from() == State.SYN_SENT || s.from() == State.SYN_RECEIVED) m.count(Nstat.TCP_ATTEMPT_FAILS); // tcp_done
                if (s.from() == State.ESTABLISHED || s.from() == State.CLOSE_WAIT) m.count(Nstat.TCP_ESTAB_RESETS); // tcp_set_state
                if (s.from() == State.TIME_WAIT && s.reason().why() == Why.TIME_WAIT_EXPIRED) m.count(Nstat.TW); // tw_timer_handler
            }
            if (s.to() == State.TIME_WAIT) c.timeWaitSince = now;
            c.lastState = s.to();
        } else if (e instanceof ConnectionFailed f) {
            Why why = f.reason().why();
            String call = null;
            String errno = null;
            switch (why) {
                case CONNECTION_REFUSED: call = "connect"; errno = "ECONNREFUSED"; break;
                case SYN_RETRIES_EXHAUSTED: call = "connect"; errno = "ETIMEDOUT"; m.count(Nstat.TCP_ABORT_ON_TIMEOUT); break;
                case RETRIES_EXHAUSTED:
                case KEEPALIVE_TIMED_OUT: call = "read"; errno = "ETIMEDOUT"; m.count(Nstat.TCP_ABORT_ON_TIMEOUT); break;
                // tcp_reset: EPIPE in CLOSE-WAIT (the application read end of file and will write next), else ECONNRESET.
                case CONNECTION_RESET:
                    if (c.ep.state() == State.CLOSE_WAIT) { call = "write"; errno = "EPIPE"; } else { call = "read"; errno = "ECONNRESET"; }
                    break;
                case DATA_AFTER_EXIT: m.count(Nstat.TCP_ABORT_ON_DATA); break;
                default: break;
            }
            if (call != null && c.accepted && !c.ep.applicationExited()) errors.add(new AppError(now, c.id, call, errno));
        } else if (e instanceof UserError u) {
            // A write on a connection that is gone or shut down for writing: EPIPE (tcp_sendmsg_locked).
            if (u.call().startsWith("send")) errors.add(new AppError(now, c.id, "write", "EPIPE"));
        }
    }

    // ------------------------------------------------------------------ snapshots

    /** The words a host lab offers now: only what can be applied. */
    public List<String> offered() {
        List<String> list = new ArrayList<>();
        if (hasPending()) list.add("next");
        if (!inFlight.isEmpty()) list.add("drop");
        for (Machine m : machines.values()) if (m != server && m.up) list.add("connect:" + m.name);
        if (server.up && listener.open) {
            list.add("accept");
            list.add("unlisten");
        }
        list.add("flood:1000");
        list.add("wait:1000");
        for (Machine m : machines.values()) list.add((m.up ? "crash:" : "reboot:") + m.name);
        for (Conn c : live) {
            if (!c.machine.up || c.ep.state() == State.CLOSED || (c.machine == server && !c.accepted)) continue;
            State s = c.ep.state();
            if ((s == State.ESTABLISHED || s == State.CLOSE_WAIT) && !c.ep.applicationClosed()) {
                list.add(new HostAction.Send(new HostAction.Target(c.machine.name, number(c)),
                        c.machine == server ? Simulation.SERVER_SAMPLE_TEXT : Simulation.CLIENT_SAMPLE_TEXT).word());
                list.add("close:" + c.id);
            }
            if (!c.ep.applicationExited() && s != State.TIME_WAIT) {
                list.add("exit:" + c.id);
                list.add("abort:" + c.id);
            }
        }
        return list;
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
        List<Burst.View> views = flights.stream().map(Burst::view).toList();
        ListenerRow listenerRow = new ListenerRow(listener.open && server.up, settings.backlog(), listener.qlen(), listener.maxAckBacklog(),
                listener.acceptQueue.size(), listener.maxAckBacklog(), listener.waitingAccepts);
        return new HostSnapshot(SCENARIO, seed, profile, settings, actions, now, hosts,
                new HostLists.Rows(List.copyOf(rows), cohorts, server.ip, seed), listenerRow, counters, errors, new HostLists.Segments(views, segments),
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
                List.of(new Timer(TimerKind.RETRANSMISSION, r.dueAt, r.numTimeout + 1, reqskTimeout(r.numTimeout))), false);
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public List<String> actions() {
        return List.copyOf(actions);
    }

    public HostSettings settings() {
        return settings;
    }

    @Override
    public String toString() {
        return "HostLab" + Objects.toString(actions);
    }
}
