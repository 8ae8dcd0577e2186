package tcplab.sim;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import tcplab.sim.HostSnapshot.HostEvent;
import tcplab.sim.host.Nstat;

import static tcplab.sim.HostLab.SERVER;

/**
 * The network between a host lab's hosts: every segment ever sent, numbered from 1 (a burst's
 * made only when read), the ones still in flight, and the learner's {@code drop}.
 */
final class HostChannel {
    private final HostLab lab;
    final List<Burst> flights = new ArrayList<>();
    final List<Burst> inFlight = new ArrayList<>();
    /** How many segments have been sent: the next one is number segments + 1. */
    int segments;

    HostChannel(HostLab lab) {
        this.lab = lab;
    }

    /** drop[:N]: the learner loses a segment in flight, the one due first or number N (one of a burst). */
    void drop(HostAction.DropSegment d, int position) throws BadActionException {
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
        lab.events.add(new HostEvent(lab.now, p.from(), p.connection(),
                new SegmentLost(lab.now, sideOf(p.from()), f.firstN + i, p.segment(), Reason.of(Why.SEGMENT_DROPPED)), Reason.of(Why.SEGMENT_DROPPED)));
    }

    static Side sideOf(String host) {
        return SERVER.equals(host) ? Side.SERVER : Side.CLIENT;
    }

    /** One segment into the network, due at the other end one one-way delay from now. */
    void send(Packet p, Reason reason, Side side) {
        Burst f = new Burst(segments + 1, 1, lab.now, lab.now + Simulation.ONE_WAY_DELAY_MS, lab.order++, i -> p, false);
        enter(f);
        lab.events.add(new HostEvent(lab.now, p.from(), p.connection(), new SegmentSent(lab.now, side, f.firstN, p.retransmission(), p.segment(), reason), reason));
        if (p.segment().has(Flag.RST)) lab.machines.get(p.from()).count(Nstat.TCP_OUT_RSTS);
    }

    void enter(Burst f) {
        segments += f.count;
        flights.add(f);
        inFlight.add(f);
    }
}
