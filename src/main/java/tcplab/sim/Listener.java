package tcplab.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import tcplab.sim.host.Address;
import tcplab.sim.host.LinuxClock;
import tcplab.sim.host.TcpOptions;

/**
 * The listening socket's two queues (inet_connection_sock's icsk_accept_queue): the SYN queue of
 * request sockets, real ones and a flood's cohorts, and the accept queue of children waiting for
 * accept(). What HostLab does with a segment for them follows tcp_conn_request and tcp_check_req.
 */
final class Listener {
    boolean open = true;
    final ArrayDeque<HostLab.Conn> acceptQueue = new ArrayDeque<>();
    final List<Request> requests = new ArrayList<>();
    final List<Cohort> cohorts = new ArrayList<>();
    int waitingAccepts;
    /** tcp_synq_overflow's stamp: when the listener last sent a cookie. */
    long lastOverflowAt = Long.MIN_VALUE / 2;

    /** Request sockets a flood is making right now, before they become a cohort. */
    int forming;

    int qlen() {
        int n = requests.size() + forming;
        for (Cohort c : cohorts) n += c.alive().length;
        return n;
    }

    int young() {
        int n = forming;
        for (Request r : requests) if (r.numTimeout == 0) n++;
        for (Cohort c : cohorts) if (c.numTimeout() == 0) n += c.alive().length;
        return n;
    }

    void clear() {
        acceptQueue.clear();
        requests.clear();
        cohorts.clear();
        waitingAccepts = 0;
    }

    /** reqsk_timeout: TCP_TIMEOUT_INIT doubled per timeout, at most TCP_RTO_MAX. */
    static long reqskTimeout(int numTimeout) {
        return Math.min(HostLab.TCP_TIMEOUT_INIT << Math.min(numTimeout, 20), HostLab.TCP_RTO_MAX);
    }

    /** A request socket from a real client host (inet_reqsk_alloc): kept until the third ACK or its timer gives up. */
    static final class Request {
        final int k;
        final Address client;
        final long irs;
        final long iss;
        final TcpOptions synOptions;
        final long tsOffset;
        int numTimeout;
        long dueAt;
        long order;
        boolean acked;
        long lastSentAt;
        int transmissions = 1;

        Request(int k, Address client, long irs, long iss, TcpOptions synOptions, long tsOffset) {
            this.k = k;
            this.client = client;
            this.irs = irs;
            this.iss = iss;
            this.synOptions = synOptions;
            this.tsOffset = tsOffset;
        }
    }

    /**
     * The request sockets one flood made: flood indices still alive (never changed in place,
     * replaced when the cohort's shared timer fires), all with the same timeout count.
     */
    record Cohort(int kBase, int firstIndex, int[] alive, long createdAt, int numTimeout, long dueAt, long order,
                          LinuxClock clock) {
        int k(int floodIndex) {
            return kBase + floodIndex - firstIndex;
        }
    }
}
