package tcplab.sim;

import java.util.BitSet;
import java.util.function.IntFunction;

import tcplab.sim.HostSnapshot.HostSegment;

/** Segments in the channel: one, or a burst (a flood's SYNs or the server's answers to them) numbered consecutively. */
final class Burst extends InFlight {
    final int count;
    final IntFunction<Packet> packets;
    final boolean flood;
    BitSet lost;

    Burst(int firstN, int count, long sentAt, long dueAt, long order, IntFunction<Packet> packets, boolean flood) {
        super(firstN, sentAt, dueAt, order);
        this.count = count;
        this.packets = packets;
        this.flood = flood;
    }

    boolean lost(int i) {
        return fate == Fate.LOST || (lost != null && lost.get(i));
    }

    /** An immutable view for a snapshot. */
    View view() {
        return new View(firstN, count, sentAt, dueAt, fate, arrivedAt, lost == null ? null : (BitSet) lost.clone(), packets);
    }

    /** A burst as a snapshot holds it: its segments are made when read. */
    record View(int firstN, int count, long sentAt, long dueAt, Fate fate, Long arrivedAt, BitSet lost, IntFunction<Packet> packets) {
        HostSegment segment(int i) {
            Packet p = packets.apply(i);
            boolean gone = fate == Fate.LOST || (lost != null && lost.get(i));
            Fate f = gone ? Fate.LOST : fate;
            return new HostSegment(firstN + i, p.from(), p.to(), p.src(), p.dst(), sentAt, f == Fate.ARRIVED ? arrivedAt : null,
                    f, p.segment(), p.options(), p.retransmission(), p.connection(), dueAt);
        }
    }
}
