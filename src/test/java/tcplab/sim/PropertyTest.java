package tcplab.sim;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Properties over 10,000 seeded random action sequences. A failure names the generator seed,
 * scenario, lab seed, profile and the action words, so it replays with {@link Simulation#replay}.
 */
class PropertyTest {

    private static final int SEQUENCES = 10_000;
    private static final long BASE_SEED = 0x7C9_1AB5L;

    /** Figure 5 of RFC 9293 plus the RST, ABORT and timeout edges its notes allow. */
    private static final Map<State, Set<State>> FIGURE_5 = new EnumMap<>(State.class);

    static {
        edges(State.CLOSED, State.LISTEN, State.SYN_SENT);
        edges(State.LISTEN, State.SYN_RECEIVED, State.SYN_SENT, State.CLOSED);
        edges(State.SYN_SENT, State.SYN_RECEIVED, State.ESTABLISHED, State.CLOSED);
        edges(State.SYN_RECEIVED, State.ESTABLISHED, State.FIN_WAIT_1, State.LISTEN, State.CLOSED);
        edges(State.ESTABLISHED, State.FIN_WAIT_1, State.CLOSE_WAIT, State.CLOSED);
        edges(State.FIN_WAIT_1, State.FIN_WAIT_2, State.CLOSING, State.TIME_WAIT, State.CLOSED);
        edges(State.FIN_WAIT_2, State.TIME_WAIT, State.CLOSED);
        edges(State.CLOSE_WAIT, State.LAST_ACK, State.CLOSED);
        edges(State.CLOSING, State.TIME_WAIT, State.CLOSED);
        edges(State.LAST_ACK, State.CLOSED);
        edges(State.TIME_WAIT, State.CLOSED);
    }

    private static void edges(State from, State... to) {
        FIGURE_5.put(from, EnumSet.of(to[0], to));
    }

    private static final String[] CALLS = {
        "connect", "close:client", "close:server", "abort:client", "abort:server", "exit:client", "exit:server",
        "send:client:hi", "send:server:ok%2C%20fine", "send:client:%E4%BD%A0%E5%A5%BD"
    };

    @Test
    void randomLabsKeepTheInvariants() {
        for (int i = 0; i < SEQUENCES; i++) {
            long generatorSeed = BASE_SEED + i;
            SplittableRandom g = new SplittableRandom(generatorSeed);
            Scenario scenario = Scenario.values()[g.nextInt(Scenario.values().length)];
            Profile profile = g.nextBoolean() ? Profile.LINUX : Profile.RFC;
            Long labSeed = g.nextInt(3) == 0 ? Long.valueOf(g.nextLong()) : null;
            new Run(generatorSeed, g, scenario, labSeed, profile).check();
        }
    }

    private static final class Run {
        final long generatorSeed;
        final SplittableRandom g;
        final Scenario scenario;
        final Long labSeed;
        final Profile profile;
        final Simulation sim;
        final List<String> words = new ArrayList<>();
        int eventsChecked;
        Snapshot last;

        Run(long generatorSeed, SplittableRandom g, Scenario scenario, Long labSeed, Profile profile) {
            this.generatorSeed = generatorSeed;
            this.g = g;
            this.scenario = scenario;
            this.labSeed = labSeed;
            this.profile = profile;
            this.sim = Simulation.start(scenario, labSeed, profile);
            sim.transmitObserver = this::checkAck;
            this.last = sim.snapshot();
        }

        void check() {
            checkEvents();
            int length = 5 + g.nextInt(50);
            for (int k = 0; k < length; k++) {
                apply(pick());
            }
            // Both applications exit; nothing more is dropped; the timers run out.
            int rounds = 0;
            while (true) {
                for (Side side : Side.values()) {
                    EndpointSnapshot e = last.endpoint(side);
                    if (!e.applicationExited() || e.state() == State.LISTEN) apply("exit:" + side.key());
                }
                int steps = 0;
                while (sim.hasPending() && steps++ < 1000) apply("next");
                if (sim.hasPending()) failWith("events never stop");
                Snapshot s = sim.snapshot();
                if (s.client().applicationExited() && s.server().applicationExited()) break;
                if (++rounds > 5) failWith("applications keep reopening");
            }
            Snapshot end = sim.snapshot();
            for (Side side : Side.values()) {
                State state = end.endpoint(side).state();
                // RFC 9293 has no FIN-WAIT-2 timeout: if the peer vanished (reset lost, gave up), the
                // RFC endpoint waits for ever. That is Linux's reason for tcp_fin_timeout.
                boolean rfcOrphan = profile == Profile.RFC && state == State.FIN_WAIT_2
                        && end.endpoint(side.peer()).state() == State.CLOSED;
                if (state != State.CLOSED && !rfcOrphan) failWith(side.key() + " ends in " + state);
            }
            Snapshot replayed;
            try {
                replayed = Simulation.replay(scenario, labSeed, profile, words);
            } catch (BadActionException e) {
                failWith("replay rejected " + e.getMessage());
                return;
            }
            if (!replayed.equals(end)) failWith("replay differs");
        }

        String pick() {
            Snapshot s = last;
            int roll = g.nextInt(100);
            if (roll < 55 && s.pending()) return "next";
            if (roll < 70 && !s.inFlight().isEmpty()) {
                if (g.nextBoolean()) return "drop";
                List<SegmentRecord> f = s.inFlight();
                return "drop:" + f.get(g.nextInt(f.size())).n();
            }
            List<Action> offered = s.offered();
            if (roll < 90 && !offered.isEmpty()) {
                return offered.get(g.nextInt(offered.size())).word();
            }
            return CALLS[g.nextInt(CALLS.length)];
        }

        void apply(String word) {
            words.add(word);
            try {
                sim.apply(word);
            } catch (BadActionException e) {
                failWith("rejected " + e.getMessage());
            }
            last = sim.snapshot();
            checkEvents();
            Snapshot s = last;
            for (Side side : Side.values()) {
                EndpointSnapshot e = s.endpoint(side);
                if (e.sndUna() != null && SeqNum.gt(e.sndUna(), e.sndNxt())) {
                    failWith(side.key() + " SND.UNA " + e.sndUna() + " > SND.NXT " + e.sndNxt());
                }
            }
        }

        void checkEvents() {
            List<Event> events = last.events();
            for (; eventsChecked < events.size(); eventsChecked++) {
                if (events.get(eventsChecked) instanceof StateChanged c && !scenario.isCounterfactual()) {
                    if (!FIGURE_5.get(c.from()).contains(c.to())) failWith("not a Figure 5 transition: " + c.text());
                }
            }
        }

        /** Every segment carrying ACK acknowledges its sender's RCV.NXT at the moment it is sent. */
        void checkAck(Side from, Segment segment) {
            if (!segment.has(Flag.ACK)) return;
            EndpointSnapshot sender = from == Side.CLIENT ? sim.clientEndpoint().snapshot() : sim.serverEndpoint().snapshot();
            boolean rstWithoutConnection = segment.has(Flag.RST)
                    && (sender.state() == State.CLOSED || sender.state() == State.LISTEN
                    // Linux resets a new SYN for a connection still in its handshake as if no connection existed.
                    || (profile == Profile.LINUX && sender.state() == State.SYN_RECEIVED));
            if (rstWithoutConnection) return;
            if (sender.rcvNxt() == null || segment.ack() != sender.rcvNxt()) {
                failWith(from.key() + " sent " + segment + " with RCV.NXT " + sender.rcvNxt());
            }
        }

        void failWith(String problem) {
            fail(problem + "\n  generator seed " + generatorSeed + ", scenario " + scenario.key() + ", seed " + labSeed
                    + ", profile " + profile.key() + "\n  actions " + String.join(",", words)
                    + "\n" + String.join("\n", sim.snapshot().trace()));
        }
    }
}
