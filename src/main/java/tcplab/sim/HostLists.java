package tcplab.sim;

import java.util.AbstractList;
import java.util.List;

import tcplab.sim.HostSnapshot.ConnectionRow;
import tcplab.sim.HostSnapshot.HostSegment;
import tcplab.sim.Listener.Cohort;
import tcplab.sim.host.Address;

import static tcplab.sim.HostLab.SERVER;
import static tcplab.sim.HostLab.SERVER_PORT;
import static tcplab.sim.Listener.reqskTimeout;

/** A host snapshot's two long lists, made when read so that a 10,000-SYN flood costs little until it is looked at. */
final class HostLists {
    private HostLists() {
    }

    /** ss rows: the real sockets, then every flood request socket, computed when read. */
    static final class Rows extends AbstractList<ConnectionRow> {
        final List<ConnectionRow> eager;
        final List<Cohort> cohorts;
        final String serverIp;
        final Long seedOf;
        final int size;

        Rows(List<ConnectionRow> eager, List<Cohort> cohorts, String serverIp, Long seed) {
            this.eager = eager;
            this.cohorts = cohorts;
            this.serverIp = serverIp;
            this.seedOf = seed;
            int n = eager.size();
            for (Cohort c : cohorts) n += c.alive().length;
            this.size = n;
        }

        @Override
        public ConnectionRow get(int i) {
            if (i < 0 || i >= size) throw new IndexOutOfBoundsException(i);
            if (i < eager.size()) return eager.get(i);
            i -= eager.size();
            for (Cohort c : cohorts) {
                if (i < c.alive().length) {
                    int index = c.alive()[i];
                    Address local = new Address(serverIp, SERVER_PORT);
                    Address peer = Flood.source(index);
                    long iss = c.clock().isn(local, peer, c.createdAt());
                    long irs = Flood.isn(seedOf, index);
                    return new ConnectionRow(SERVER + "/" + c.k(index), SERVER, local, peer, State.SYN_RECEIVED, 0, 0,
                            iss, irs, iss, SeqNum.add(iss, 1), SeqNum.add(irs, 1),
                            List.of(new Timer(TimerKind.RETRANSMISSION, c.dueAt(), c.numTimeout() + 1, reqskTimeout(c.numTimeout()))), false);
                }
                i -= c.alive().length;
            }
            throw new AssertionError();
        }

        @Override
        public int size() {
            return size;
        }
    }

    /** Every segment ever sent, numbered from 1; a burst's segments are made when read. */
    static final class Segments extends AbstractList<HostSegment> {
        final List<Burst.View> views;
        final int size;

        Segments(List<Burst.View> views, int size) {
            this.views = views;
            this.size = size;
        }

        @Override
        public HostSegment get(int i) {
            if (i < 0 || i >= size) throw new IndexOutOfBoundsException(i);
            int n = i + 1;
            int lo = 0;
            int hi = views.size() - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (views.get(mid).firstN() <= n) lo = mid; else hi = mid - 1;
            }
            Burst.View v = views.get(lo);
            return v.segment(n - v.firstN());
        }

        @Override
        public int size() {
            return size;
        }
    }
}
