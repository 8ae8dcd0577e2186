package tcplab.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import static tcplab.sim.Scheduled.earlier;

/**
 * Two endpoints, the channel between them and a virtual clock: a discrete-event simulation
 * advanced only by the contract's actions. Events due at the same time run in the order they
 * were scheduled, so a lab is fully determined by (scenario, seed, profile, actions).
 * A simulation is mutable and not thread-safe; its {@link Snapshot}s are immutable and may be shared.
 */
public final class Simulation extends AbstractLab implements Lab {

    public static final long ONE_WAY_DELAY_MS = 50;
    public static final int WINDOW = 64240;
    public static final String CLIENT_ADDRESS = "192.0.2.10";
    public static final String SERVER_ADDRESS = "198.51.100.20";
    public static final int CLIENT_PORT = 49152;
    public static final int SERVER_PORT = 80;
    /** The delayed-ACK timeout of {@code three-segment-close}. */
    public static final long DELAYED_ACK_MS = Endpoint.DELAYED_ACK_MS;
    /** How long {@code old-duplicate-syn} holds the client's first SYN in the network. */
    public static final long SLOW_SYN_DELAY_MS = 200;
    /** Text the offered {@code send:} actions carry; the web layer may let the learner change it. */
    public static final String CLIENT_SAMPLE_TEXT = "GET /";
    public static final String SERVER_SAMPLE_TEXT = "HTTP/1.1 200 OK";

    /** A segment in the channel (mutable while in flight; exported as a {@link SegmentRecord}). */
    private static final class Flight extends InFlight {
        final Side from;
        final Segment segment;
        final boolean retransmission;
        final Origin origin;

        Flight(int n, Side from, long sentAt, long dueAt, long order, Segment segment, boolean retransmission, Origin origin) {
            super(n, sentAt, dueAt, order);
            this.from = from;
            this.segment = segment;
            this.retransmission = retransmission;
            this.origin = origin;
        }

        SegmentRecord record() {
            return new SegmentRecord(firstN, from, sentAt, arrivedAt, fate, segment, retransmission, origin, dueAt);
        }
    }

    /** A scripted application call or network event waiting for its time. */
    private record Scripted(long at, long order, Side side, Runnable run) {
    }

    /** The next thing that will happen: one of a flight, a timer or a scripted event. */
    private record Due(long at, long order, Flight flight, Endpoint.PendingTimer timer, Scripted scripted) implements Scheduled {
    }

    private final Scenario scenario;
    private final Long seed;
    private final Profile profile;
    private final SplittableRandom random;
    private final Endpoint client;
    private final Endpoint server;
    private final List<Flight> flights = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private final List<Scripted> scripted = new ArrayList<>();
    private final int[] connections = new int[2];
    /** The next client segment gets this delay instead of the one-way delay (old-duplicate-syn). */
    private Long slowNextClientSegment;
    private boolean scripting;
    /** Tests watch every segment an endpoint sends, at the moment it sends it. */
    java.util.function.BiConsumer<Side, Segment> transmitObserver;

    private Simulation(Scenario scenario, Long seed, Profile profile) {
        this.scenario = Objects.requireNonNull(scenario);
        this.seed = seed;
        this.profile = profile == null ? Profile.byDefault() : profile;
        this.random = seed == null ? null : new SplittableRandom(seed);
        Endpoint.Host host = new Host();
        this.client = new Endpoint(Side.CLIENT, this.profile, Script.of(scenario, Side.CLIENT), host);
        this.server = new Endpoint(Side.SERVER, this.profile, Script.of(scenario, Side.SERVER), host);
    }

    private final class Host extends EndpointHost {
        Host() {
            super(Simulation.this);
        }

        @Override
        public void transmit(Side from, Segment segment, boolean retransmission, Reason reason) {
            long delay = ONE_WAY_DELAY_MS;
            if (from == Side.CLIENT && slowNextClientSegment != null) {
                delay = slowNextClientSegment;
                slowNextClientSegment = null;
            }
            if (transmitObserver != null) transmitObserver.accept(from, segment);
            enter(from, segment, retransmission, Origin.ENDPOINT, delay, reason);
        }

        @Override
        public void record(Event event) {
            events.add(event);
        }

        @Override
        public long nextIss(Side side) {
            int k = connections[side.ordinal()]++;
            if (random != null) return random.nextLong() & 0xFFFF_FFFFL;
            // RFC 9293's figures: client 100, server 300; a later connection 400, then 500, …
            if (k == 0) return side == Side.CLIENT ? 100 : 300;
            return 300 + 100L * k;
        }

        @Override
        public boolean scripting() {
            return scripting;
        }

        @Override
        public void scheduleCall(Side side, String call, Runnable run) {
            script(now, side, run);
        }
    }

    // ------------------------------------------------------------------ scenarios

    /** A lab at its starting point. {@code seed} null keeps the RFC figures' ISNs; {@code profile} null is LINUX. */
    public static Simulation start(Scenario scenario, Long seed, Profile profile) {
        Simulation sim = new Simulation(scenario, seed, profile);
        sim.scripting = true;
        sim.setUp();
        sim.scripting = false;
        return sim;
    }

    private void setUp() {
        switch (scenario) {
            case FREE:
            case HANDSHAKE:
            case HANDSHAKE_DATA:
                server.listen();
                break;
            case TEARDOWN:
            case SERVER_CLOSE:
            case THREE_SEGMENT_CLOSE:
                server.listen();
                completeHandshake();
                break;
            case SIMULTANEOUS_CLOSE:
                server.listen();
                completeHandshake();
                script(now, Side.CLIENT, client::close);
                script(now, Side.SERVER, server::close);
                break;
            case SIMULTANEOUS_OPEN:
                script(0, Side.CLIENT, client::connect);
                script(0, Side.SERVER, server::connect);
                break;
            case OLD_DUPLICATE_SYN:
                server.listen();
                script(0, Side.CLIENT, () -> {
                    slowNextClientSegment = SLOW_SYN_DELAY_MS;
                    client.connect();
                });
                script(0, null, () -> injectOldSyn(SeqNum.add(client.snapshot().iss() == null ? 100 : client.snapshot().iss(), -10)));
                break;
            case TWO_PASSIVE_SOCKETS:
                // Figure 11: both applications listen; an old SYN reaches the server.
                client.listen();
                server.listen();
                script(0, null, () -> injectOldSyn(random == null ? 90 : random.nextLong() & 0xFFFF_FFFFL));
                break;
            case HALF_OPEN:
                server.listen();
                completeHandshake();
                client.crash();
                break;
            case TWO_WAY_HANDSHAKE:
                server.listen();
                script(0, null, () -> injectOldSyn(random == null ? 90 : random.nextLong() & 0xFFFF_FFFFL));
                break;
            default:
                throw new AssertionError(scenario);
        }
    }

    /** Runs connect and the three segments, so the lab starts ESTABLISHED with the handshake in its history. */
    private void completeHandshake() {
        client.connect();
        while (client.state() != State.ESTABLISHED || server.state() != State.ESTABLISHED) {
            step();
        }
    }

    private void injectOldSyn(long seq) {
        Segment old = Segment.of(seq, 0, java.util.EnumSet.of(Flag.SYN), "");
        enter(Side.CLIENT, old, false, Origin.INJECTED, ONE_WAY_DELAY_MS, Reason.of(Why.SEGMENT_INJECTED));
    }

    private void script(long at, Side side, Runnable run) {
        scripted.add(new Scripted(at, order++, side, run));
    }

    private void enter(Side from, Segment segment, boolean retransmission, Origin origin, long delay, Reason reason) {
        Flight f = new Flight(flights.size() + 1, from, now, now + delay, order++, segment, retransmission, origin);
        flights.add(f);
        events.add(new SegmentSent(now, from, f.firstN, retransmission, segment, reason));
    }

    // ------------------------------------------------------------------ actions

    /** Applies one action; rejects only words that cannot be applied (the contract's list). */
    public void apply(Action action) throws BadActionException {
        int position = actions.size() + 1;
        if (action instanceof Next) {
            if (!hasPending()) throw new BadActionException(position, action.word(), BadActionException.Problem.NOTHING_PENDING);
            step();
        } else if (action instanceof Drop drop) {
            drop(drop, position);
        } else if (action instanceof Connect) {
            client.connect();
        } else if (action instanceof Close close) {
            endpoint(close.side()).close();
        } else if (action instanceof Abort abort) {
            endpoint(abort.side()).abort();
        } else if (action instanceof Exit exit) {
            endpoint(exit.side()).exit();
        } else if (action instanceof Send send) {
            endpoint(send.side()).send(send.text());
        } else {
            throw new AssertionError(action);
        }
        actions.add(action.word());
    }

    /** Parses and applies a word. */
    @Override
    public void apply(String word) throws BadActionException {
        apply(parseNext(word, Action::parse));
    }

    private void drop(Drop drop, int position) throws BadActionException {
        Flight f;
        if (drop.n() == null) {
            f = flights.stream().filter(x -> x.fate == Fate.IN_FLIGHT)
                    .min(Comparator.comparingLong((Flight x) -> x.dueAt).thenComparingLong(x -> x.order))
                    .orElseThrow(() -> new BadActionException(position, drop.word(), BadActionException.Problem.NOTHING_IN_FLIGHT));
        } else {
            if (drop.n() > flights.size()) {
                throw new BadActionException(position, drop.word(), BadActionException.Problem.NO_SUCH_SEGMENT);
            }
            f = flights.get(drop.n() - 1);
            if (f.fate != Fate.IN_FLIGHT) {
                throw new BadActionException(position, drop.word(), BadActionException.Problem.NOT_IN_FLIGHT);
            }
        }
        f.fate = Fate.LOST;
        events.add(new SegmentLost(now, f.from, f.firstN, f.segment, Reason.of(Why.SEGMENT_DROPPED)));
    }

    private Endpoint endpoint(Side side) {
        return side == Side.CLIENT ? client : server;
    }

    private Due nextDue() {
        Due best = null;
        for (Flight f : flights) {
            if (f.fate == Fate.IN_FLIGHT) best = earlier(best, new Due(f.dueAt, f.order, f, null, null));
        }
        for (Endpoint e : List.of(client, server)) {
            for (Endpoint.PendingTimer t : e.pendingTimers()) {
                best = earlier(best, new Due(t.dueAt(), t.order(), null, t, null));
            }
        }
        for (Scripted s : scripted) {
            best = earlier(best, new Due(s.at(), s.order(), null, null, s));
        }
        return best;
    }

    @Override
    public Long nextDueAt() {
        Due due = nextDue();
        return due == null ? null : due.at();
    }

    /** Processes the earliest pending event and moves the clock to its time. */
    private void step() {
        Due due = nextDue();
        if (due == null) throw new IllegalStateException("nothing pending");
        now = Math.max(now, due.at());
        if (due.flight() != null) {
            Flight f = due.flight();
            f.arrive(now);
            Side to = f.from.peer();
            events.add(new SegmentArrived(now, to, f.firstN, f.segment, Reason.of(Why.SEGMENT_ARRIVED)));
            endpoint(to).segmentArrives(f.segment);
        } else if (due.timer() != null) {
            endpoint(due.timer().side()).timeout(due.timer().kind());
        } else {
            scripted.remove(due.scripted());
            boolean was = scripting;
            scripting = true;
            try {
                due.scripted().run().run();
            } finally {
                scripting = was;
            }
        }
    }

    // ------------------------------------------------------------------ snapshots

    /** The actions a lab should offer now (HATEOAS: only what is meaningful). */
    public List<Action> offered() {
        List<Action> list = new ArrayList<>();
        if (hasPending()) list.add(new Next());
        List<Flight> inFlight = flights.stream().filter(f -> f.fate == Fate.IN_FLIGHT).toList();
        if (!inFlight.isEmpty()) {
            list.add(new Drop(null));
            for (Flight f : inFlight) list.add(new Drop(f.firstN));
        }
        if (client.state() == State.CLOSED && !scenario.equals(Scenario.SIMULTANEOUS_OPEN)) list.add(new Connect());
        for (Side side : Side.values()) {
            Endpoint e = endpoint(side);
            State s = e.state();
            if ((s == State.ESTABLISHED || s == State.CLOSE_WAIT) && !e.applicationClosed()) {
                list.add(new Send(side, side == Side.CLIENT ? CLIENT_SAMPLE_TEXT : SERVER_SAMPLE_TEXT));
            }
            if ((s == State.SYN_RECEIVED || s == State.ESTABLISHED || s == State.CLOSE_WAIT) && !e.applicationClosed()) {
                list.add(new Close(side));
            }
            if (!e.applicationExited() && s != State.CLOSED && s != State.TIME_WAIT) {
                list.add(new Exit(side));
            }
            if (!e.applicationExited() && s != State.CLOSED && s != State.LISTEN && s != State.TIME_WAIT) {
                list.add(new Abort(side));
            }
        }
        return list;
    }

    @Override
    public Snapshot snapshot() {
        Due due = nextDue();
        return new Snapshot(scenario, seed, profile, actions, now, client.snapshot(), server.snapshot(),
                flights.stream().map(Flight::record).toList(), events, offered(), due != null,
                due == null ? null : due.at());
    }

    /** Rebuilds a lab from its words; a bad word's exception carries its 1-based position. */
    public static Snapshot replay(Scenario scenario, Long seed, Profile profile, List<String> words) throws BadActionException {
        Simulation sim = start(scenario, seed, profile);
        for (String word : words) {
            sim.apply(word);
        }
        return sim.snapshot();
    }

    public Scenario scenario() {
        return scenario;
    }

    public Profile profile() {
        return profile;
    }

    public Long seed() {
        return seed;
    }

    // ------------------------------------------------------------------ for tests in this package

    Endpoint clientEndpoint() {
        return client;
    }

    Endpoint serverEndpoint() {
        return server;
    }

    /** A bare simulation with both endpoints CLOSED and nothing scripted (figure tests). */
    static Simulation bare(Profile profile) {
        return new Simulation(Scenario.FREE, null, profile);
    }

    /** Puts a segment into the channel as if {@code from} had sent it long ago (an old duplicate). */
    int inject(Side from, Segment segment, long delay) {
        enter(from, segment, false, Origin.INJECTED, delay, Reason.of(Why.SEGMENT_INJECTED));
        return flights.size();
    }

    /** The network copies segment {@code n}; the copy arrives {@code delay} ms from now. */
    int duplicate(int n, long delay) {
        Flight original = flights.get(n - 1);
        enter(original.from, original.segment, original.retransmission, Origin.DUPLICATE, delay, Reason.of(Why.SEGMENT_DUPLICATED));
        return flights.size();
    }

    /** Runs pending events until nothing is pending or the limit is reached; returns how many ran. */
    int runAll(int limit) {
        int n = 0;
        while (n < limit && hasPending()) {
            step();
            n++;
        }
        return n;
    }
}
