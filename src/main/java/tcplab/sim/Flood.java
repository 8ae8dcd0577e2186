package tcplab.sim;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.function.IntFunction;

import tcplab.sim.HostSnapshot.HostEvent;
import tcplab.sim.Listener.Cohort;
import tcplab.sim.host.Address;
import tcplab.sim.host.LinuxClock;
import tcplab.sim.host.Nstat;
import tcplab.sim.host.SynCookies;
import tcplab.sim.host.TcpOptions;

import static tcplab.sim.HostLab.ATTACKER;
import static tcplab.sim.HostLab.FLOOD_PORT;
import static tcplab.sim.HostLab.SERVER;
import static tcplab.sim.HostLab.SERVER_PORT;
import static tcplab.sim.HostLab.SPOOFED_NET;
import static tcplab.sim.HostLab.TCP_TIMEOUT_INIT;
import static tcplab.sim.Listener.reqskTimeout;

/**
 * The attacker's flood ({@code flood:N}) and what the server does with it, kept cheap: the SYNs
 * travel as one burst, each goes through tcp_conn_request in order, the request sockets they make
 * are a cohort of numbers sharing one timer (reqsk_timer_handler), and the SYN-ACKs go back as
 * one burst whose segments are made only when read.
 */
final class Flood extends HostRoom {
    /** SYNs sent so far: the next one is number sent + 1. */
    private int sent;

    Flood(HostLab lab) {
        super(lab);
    }

    /** The attacker's n-th SYN (from 1): 203.0.113.1 … .254, then the same addresses from the next port. */
    static Address source(int index) {
        int i = index - 1;
        return new Address(SPOOFED_NET + (1 + i % 254), FLOOD_PORT + i / 254);
    }

    /** The attacker's ISN for its n-th SYN: random-looking, fixed by the seed. */
    static long isn(Long seed, int index) {
        return HostLab.bootSecret(seed, ATTACKER, index) >>> 32;
    }

    private static final TcpOptions OPTIONS = new TcpOptions(TcpOptions.LINUX_MSS, false, null, null, null);

    /** flood:N: N SYNs at once, one burst of segments, each from its own spoofed address. */
    void send(int count) {
        int first = sent + 1;
        sent += count;
        Address to = new Address(server.ip, SERVER_PORT);
        Burst f = new Burst(lab.channel.segments + 1, count, lab.now, lab.now + Simulation.ONE_WAY_DELAY_MS, lab.order++, i -> {
            Address src = source(first + i);
            return new Packet(ATTACKER, SERVER, src, to, Segment.of(isn(lab.seed, first + i), 0, EnumSet.of(Flag.SYN), ""), OPTIONS, false, null);
        }, true);
        lab.channel.enter(f);
        lab.events.add(new HostEvent(lab.now, ATTACKER, null, null, Reason.of(Why.FLOOD_SENT, count)));
    }

    /**
     * The burst arrives: tcp_conn_request for each SYN in order. The outcome is a run of request
     * sockets while the SYN queue has room, then cookies (or drops); the answers go out as one burst.
     */
    void arrives(Burst f) {
        int[] requests = new int[f.count];
        int[] cookies = new int[f.count];
        int nRequests = 0;
        int nCookies = 0;
        int dropped = 0;
        int kBase = server.named + 1;
        for (int i = 0; i < f.count; i++) {
            if (f.lost(i)) continue;
            Packet p = f.packets.apply(i);
            int index = indexOf(p.src());
            if (!listener.open) {
                dropped++;
                continue; // no listener: the RSTs go to addresses that never answer
            }
            Listener.Admission a = listener.admit(p.src().ip(), false);
            switch (a) {
                case REQUEST:
                    requests[nRequests++] = index;
                    listener.forming++; // joins the SYN queue at once, so the next SYN sees it (reqsk_queue_added)
                    break;
                case COOKIE:
                    cookies[nCookies++] = index;
                    server.count(Nstat.SYNCOOKIES_SENT);
                    listener.lastOverflowAt = lab.now;
                    break;
                default:
                    server.count(Nstat.LISTEN_DROPS);
                    dropped++;
            }
        }
        listener.forming = 0;
        Cohort cohort = null;
        if (nRequests > 0) {
            int[] alive = Arrays.copyOf(requests, nRequests);
            cohort = new Cohort(kBase, alive[0], alive, lab.now, 0, lab.now + TCP_TIMEOUT_INIT, lab.order++, server.clock);
            listener.cohorts.add(cohort);
            server.named += alive[nRequests - 1] - alive[0] + 1;
        }
        lab.hostEvent(server, null, Why.FLOOD_ARRIVED, f.count, nRequests, nCookies, dropped);
        int[] answered = Arrays.copyOf(requests, nRequests + nCookies);
        System.arraycopy(cookies, 0, answered, nRequests, nCookies);
        if (answered.length > 0) answers(answered, nRequests, cohort, false);
    }

    private static int indexOf(Address a) {
        String ip = a.ip();
        int host = Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1));
        return (a.port() - FLOOD_PORT) * 254 + host;
    }

    /** SYN-ACKs to spoofed addresses, one burst: the first {@code requests} from request sockets, the rest cookies. */
    private void answers(int[] indices, int requests, Cohort cohort, boolean again) {
        final long sentAt = lab.now;
        final LinuxClock clock = server.clock;
        final SynCookies cookies = server.cookies;
        final Address local = new Address(server.ip, SERVER_PORT);
        final int[] idx = indices;
        IntFunction<Packet> packets = i -> {
            int index = idx[i];
            Address src = source(index);
            long irs = isn(lab.seed, index);
            boolean cookie = i >= requests;
            long iss = cookie ? cookies.make(src, local, irs, TcpOptions.LINUX_MSS, clock.clockMs(sentAt)).isn()
                    : clock.isn(local, src, cohort.createdAt());
            Segment s = Segment.of(iss, SeqNum.add(irs, 1), EnumSet.of(Flag.SYN, Flag.ACK), "");
            return new Packet(SERVER, ATTACKER, local, src, s, new TcpOptions(TcpOptions.LINUX_MSS, false, null, null, null), again,
                    cookie ? null : SERVER + "/" + cohort.k(index));
        };
        Burst f = new Burst(lab.channel.segments + 1, idx.length, lab.now, lab.now + Simulation.ONE_WAY_DELAY_MS, lab.order++, packets, false);
        lab.channel.enter(f);
        lab.hostEvent(server, null, again ? Why.FLOOD_SYN_ACKS_RESENT : Why.FLOOD_SYN_ACKS, idx.length, f.firstN, f.firstN + idx.length - 1);
    }

    /** reqsk_timer_handler for each request socket of a cohort, in order; the survivors share the next timer. */
    void cohortTimer(Cohort c) {
        listener.cohorts.remove(c);
        if (!listener.open) return;
        int qlen = listener.qlen() + c.alive().length;
        int young = listener.young() + (c.numTimeout() == 0 ? c.alive().length : 0);
        int[] keep = new int[c.alive().length];
        int kept = 0;
        for (int index : c.alive()) {
            server.count(Nstat.TCP_TIMEOUTS);
            int max = listener.maxSynAckRetries(qlen, young);
            if (c.numTimeout() == 0) young--; // either way it is no longer young
            if (c.numTimeout() >= max) {
                qlen--;
            } else {
                keep[kept++] = index;
            }
        }
        int dropped = c.alive().length - kept;
        lab.hostEvent(server, null, Why.FLOOD_TIMERS, c.alive().length, kept, dropped);
        if (kept == 0) return;
        int[] alive = Arrays.copyOf(keep, kept);
        int next = c.numTimeout() + 1;
        Cohort survivors = new Cohort(c.kBase(), c.firstIndex(), alive, c.createdAt(), next, lab.now + reqskTimeout(next), lab.order++, c.clock());
        listener.cohorts.add(survivors);
        answers(alive, alive.length, survivors, true);
    }
}
