package tcplab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import tcplab.sim.HostSnapshot.HostEvent;
import tcplab.sim.host.HostSettings;
import tcplab.sim.host.Keepalive;
import tcplab.sim.host.Nstat;
import tcplab.sim.host.Sysctl;

/**
 * Random host labs, floods included, played word by word from what each lab offers plus words
 * of its own: the queues stay within Linux's bounds, no counter ever goes down, every
 * connection's states follow the state diagram (with Linux's request sockets, resets and
 * crashes), every offered word applies, and a replay of the words rebuilds the same lab.
 */
class HostPropertyTest {

    /** RFC 9293's diagram, plus what a host adds: a socket born in SYN-RECEIVED from a request, and CLOSED from anywhere (RST, abort, crash, give-up). */
    private static final Map<State, Set<State>> LEGAL = new EnumMap<>(State.class);

    static {
        LEGAL.put(State.CLOSED, EnumSet.of(State.SYN_SENT, State.SYN_RECEIVED, State.LISTEN));
        LEGAL.put(State.LISTEN, EnumSet.of(State.SYN_RECEIVED, State.CLOSED));
        LEGAL.put(State.SYN_SENT, EnumSet.of(State.ESTABLISHED, State.SYN_RECEIVED, State.CLOSED));
        LEGAL.put(State.SYN_RECEIVED, EnumSet.of(State.ESTABLISHED, State.FIN_WAIT_1, State.CLOSED, State.LISTEN));
        LEGAL.put(State.ESTABLISHED, EnumSet.of(State.FIN_WAIT_1, State.CLOSE_WAIT, State.CLOSED));
        LEGAL.put(State.FIN_WAIT_1, EnumSet.of(State.FIN_WAIT_2, State.CLOSING, State.CLOSED));
        LEGAL.put(State.FIN_WAIT_2, EnumSet.of(State.TIME_WAIT, State.CLOSED));
        LEGAL.put(State.CLOSE_WAIT, EnumSet.of(State.LAST_ACK, State.CLOSED));
        LEGAL.put(State.CLOSING, EnumSet.of(State.TIME_WAIT, State.CLOSED));
        LEGAL.put(State.LAST_ACK, EnumSet.of(State.CLOSED));
        LEGAL.put(State.TIME_WAIT, EnumSet.of(State.CLOSED));
    }

    private static HostSettings randomSettings(SplittableRandom r) {
        HostSettings s = HostSettings.DEFAULTS.withBacklog(r.nextInt(0, 9))
                .withKeepalive(Keepalive.values()[r.nextInt(Keepalive.values().length)])
                .with(Sysctl.TCP_SYNCOOKIES, r.nextInt(0, 3))
                .with(Sysctl.TCP_ABORT_ON_OVERFLOW, r.nextInt(0, 2))
                .with(Sysctl.TCP_TW_REUSE, r.nextInt(0, 3))
                .with(Sysctl.TCP_TIMESTAMPS, r.nextInt(0, 3))
                .with(Sysctl.TCP_RFC1337, r.nextInt(0, 2))
                .with(Sysctl.TCP_MAX_TW_BUCKETS, r.nextInt(0, 6))
                .with(Sysctl.TCP_MAX_SYN_BACKLOG, r.nextInt(1, 20))
                .with(Sysctl.TCP_SYNACK_RETRIES, r.nextInt(0, 6))
                .with(Sysctl.TCP_SYN_RETRIES, r.nextInt(1, 7))
                .with(Sysctl.TCP_ORPHAN_RETRIES, r.nextInt(0, 4))
                .with(Sysctl.TCP_FIN_TIMEOUT, r.nextInt(1, 70))
                .with(Sysctl.TCP_KEEPALIVE_TIME, r.nextInt(1, 30))
                .with(Sysctl.TCP_KEEPALIVE_INTVL, r.nextInt(1, 10))
                .with(Sysctl.TCP_KEEPALIVE_PROBES, r.nextInt(1, 5));
        int low = r.nextInt(1024, 60000);
        return s.with(Sysctl.IP_LOCAL_PORT_RANGE, low + "-" + (low + r.nextInt(0, 4)));
    }

    private static String randomWord(SplittableRandom r, HostLab lab) {
        switch (r.nextInt(12)) {
            case 0: return "flood:" + (r.nextInt(10) == 0 ? 10_000 : r.nextInt(1, 40));
            case 1: return "wait:" + r.nextInt(1, 90_000);
            case 2: return "crash:" + HostAction.HOSTS.get(r.nextInt(HostAction.HOSTS.size()));
            case 3: return "reboot:" + HostAction.HOSTS.get(r.nextInt(HostAction.HOSTS.size()));
            case 4: return "connect:" + HostAction.HOSTS.get(r.nextInt(1, 4)) + ":" + (40000 + r.nextInt(3));
            default: {
                List<String> offered = lab.offered();
                return offered.get(r.nextInt(offered.size()));
            }
        }
    }

    @Test
    void randomHostLabsKeepLinuxInvariants() throws BadActionException {
        for (long seed = 1; seed <= 60; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            HostSettings settings = randomSettings(r);
            Long labSeed = r.nextBoolean() ? null : r.nextLong();
            HostLab lab = HostLab.start(labSeed, Profile.LINUX, settings);
            Map<String, Map<Nstat, Long>> before = lab.snapshot().counters();
            List<String> words = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String word = randomWord(r, lab);
                try {
                    lab.apply(word);
                } catch (BadActionException e) {
                    // Only words the lab did not offer may be refused, and only for a reason the contract names.
                    assertTrue(!lab.offered().contains(word) || e.problem() == BadActionException.Problem.HOST_DOWN, "seed " + seed + ": " + e.getMessage());
                    continue;
                }
                words.add(word);
                HostSnapshot s = lab.snapshot();
                String where = "seed " + seed + " after " + words;
                int max = settings.maxAckBacklog();
                long fromTimeWait = s.events().stream().filter(e -> e.event() instanceof StateChanged c
                        && c.reason().why() == Why.TIME_WAIT_NEW_SYN).count();
                assertTrue(s.listener().synQueue() <= max + 1 + fromTimeWait, where + " SYN queue " + s.listener());
                assertTrue(s.listener().acceptQueue() <= max + 1, where + " accept queue " + s.listener());
                for (var host : s.counters().entrySet()) {
                    for (var c : host.getValue().entrySet()) {
                        long was = before.get(host.getKey()).get(c.getKey());
                        assertTrue(c.getValue() >= was, where + " " + host.getKey() + " " + c.getKey() + " went down");
                    }
                }
                before = s.counters();
            }
            HostSnapshot last = lab.snapshot();
            Map<String, State> current = new HashMap<>();
            for (HostEvent e : last.stateChanges()) {
                StateChanged c = (StateChanged) e.event();
                State from = current.getOrDefault(e.connection(), State.CLOSED);
                assertEquals(from, c.from(), "seed " + seed + ": " + e.text());
                assertTrue(LEGAL.get(c.from()).contains(c.to()), "seed " + seed + ": illegal " + e.text());
                current.put(e.connection(), c.to());
            }
            for (var row : last.connections()) {
                if (!row.id().startsWith("server/") || current.containsKey(row.id())) {
                    assertEquals(current.get(row.id()), row.state(), "seed " + seed + ": " + row.id());
                }
            }
            HostSnapshot again = HostLab.replay(labSeed, Profile.LINUX, settings, words);
            assertEquals(last.trace(), again.trace(), "seed " + seed + ": replay");
            assertEquals(last.counters(), again.counters());
            assertEquals(last.errors(), again.errors());
            assertEquals(last.segments().size(), again.segments().size());
            if (last.segments().size() > 0) {
                assertEquals(last.segments().get(last.segments().size() - 1), again.segments().get(again.segments().size() - 1));
            }
            assertEquals(last.connections(), again.connections());
        }
    }

    @Test
    void everyOfferedWordApplies() {
        SplittableRandom r = new SplittableRandom(99);
        HostLab lab = HostLab.start(null, Profile.LINUX, HostSettings.DEFAULTS.withBacklog(2));
        for (int i = 0; i < 300; i++) {
            List<String> offered = lab.offered();
            String word = offered.get(r.nextInt(offered.size()));
            try {
                lab.apply(word);
            } catch (BadActionException e) {
                fail("offered but refused: " + e.getMessage());
            }
        }
    }
}
