package tcplab.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import tcplab.sim.host.Address;
import tcplab.sim.host.LinuxClock;
import tcplab.sim.host.Nstat;
import tcplab.sim.host.Sysctl;
import tcplab.sim.host.Sysctls;
import tcplab.sim.host.TcpOptions;

/**
 * The listening socket's two queues (inet_connection_sock's icsk_accept_queue): the SYN queue of
 * request sockets, real ones and a flood's cohorts, and the accept queue of children waiting for
 * accept(). What HostLab does with a segment for them follows tcp_conn_request and tcp_check_req.
 */
final class Listener {
    private final Sysctls sysctls;
    private final int maxAckBacklog;
    /** Counts on the listening host. */
    private final Consumer<Nstat> count;
    /** Client addresses that completed a connection (tcp_peer_is_proven: the server has metrics for them). */
    final Set<String> proven = new HashSet<>();

    boolean open = true;
    final ArrayDeque<Conn> acceptQueue = new ArrayDeque<>();
    final List<Request> requests = new ArrayList<>();
    final List<Cohort> cohorts = new ArrayList<>();
    int waitingAccepts;
    /** tcp_synq_overflow's stamp: when the listener last sent a cookie. */
    long lastOverflowAt = Long.MIN_VALUE / 2;

    /** Request sockets a flood is making right now, before they become a cohort. */
    int forming;

    Listener(Sysctls sysctls, int maxAckBacklog, Consumer<Nstat> count) {
        this.sysctls = sysctls;
        this.maxAckBacklog = maxAckBacklog;
        this.count = count;
    }

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

    int maxAckBacklog() {
        return maxAckBacklog;
    }

    /** inet_csk_reqsk_queue_is_full: more request sockets than the limit. */
    private boolean synQueueFull() {
        return qlen() > maxAckBacklog();
    }

    /** sk_acceptq_is_full: more waiting connections than the limit. */
    boolean acceptQueueFull() {
        return acceptQueue.size() > maxAckBacklog();
    }

    /** tcp_syn_flood_action: cookies if tcp_syncookies is on, else the SYN is dropped; counted either way. */
    private boolean synFloodAction() {
        if (sysctls.get(Sysctl.TCP_SYNCOOKIES) != 0) {
            count.accept(Nstat.TCP_REQ_Q_FULL_DO_COOKIES);
            return true;
        }
        count.accept(Nstat.TCP_REQ_Q_FULL_DROP);
        return false;
    }

    /** What tcp_conn_request does with a SYN. */
    enum Admission { REQUEST, COOKIE, DROP_SYN_QUEUE, DROP_ACCEPT_QUEUE, DROP_UNPROVEN }

    /** tcp_conn_request's checks, in its order. {@code fromTimeWait}: a SYN handed over by TIME-WAIT (tcp_tw_isn) skips the SYN queue's. */
    Admission admit(String clientIp, boolean fromTimeWait) {
        boolean cookie = false;
        int syncookies = sysctls.get(Sysctl.TCP_SYNCOOKIES);
        if (!fromTimeWait && (syncookies == 2 || synQueueFull())) {
            cookie = synFloodAction();
            if (!cookie) return Admission.DROP_SYN_QUEUE;
        }
        if (acceptQueueFull()) {
            count.accept(Nstat.LISTEN_OVERFLOWS);
            return Admission.DROP_ACCEPT_QUEUE;
        }
        if (!cookie && !fromTimeWait) {
            int max = sysctls.get(Sysctl.TCP_MAX_SYN_BACKLOG);
            // "Without syncookies last quarter of backlog is filled with destinations proven to be alive."
            if (syncookies == 0 && max - qlen() < (max >> 2) && !proven.contains(clientIp)) return Admission.DROP_UNPROVEN;
        }
        return cookie ? Admission.COOKIE : Admission.REQUEST;
    }

    /**
     * reqsk_timer_handler's limit: tcp_synack_retries, lowered while more than half the queue
     * is taken by old request sockets ("we reserve half of room for young embrions").
     */
    int maxSynAckRetries(int qlen, int young) {
        int max = sysctls.get(Sysctl.TCP_SYNACK_RETRIES);
        if ((qlen << 1) > Math.max(8, maxAckBacklog())) {
            int y = young << 1;
            while (max > 2) {
                if (qlen < y) break;
                max--;
                y <<= 1;
            }
        }
        return max;
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
