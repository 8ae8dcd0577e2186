package tcplab.sim;

import java.util.EnumSet;

import tcplab.sim.Listener.Request;
import tcplab.sim.host.Address;
import tcplab.sim.host.Nstat;
import tcplab.sim.host.SynCookies;
import tcplab.sim.host.Sysctl;
import tcplab.sim.host.Sysctls;
import tcplab.sim.host.TcpOptions;

import static tcplab.sim.HostLab.SERVER;
import static tcplab.sim.HostLab.SERVER_PORT;
import static tcplab.sim.HostLab.TCP_TIMEOUT_INIT;
import static tcplab.sim.Listener.reqskTimeout;

/**
 * The server's side of the handshake, for segments no established socket takes: a SYN for the
 * listener (tcp_conn_request: a request socket, a SYN cookie or a drop), a segment for a request
 * socket (tcp_check_req), an ACK carrying a cookie (cookie_v4_check), the child that joins the
 * accept queue (tcp_v4_syn_recv_sock) and the request socket's timer (reqsk_timer_handler).
 */
final class PassiveOpen extends HostRoom {
    private final Sysctls sysctls;

    PassiveOpen(HostLab lab) {
        super(lab);
        this.sysctls = lab.sysctls;
    }

    void listenerArrives(Packet p) {
        Segment seg = p.segment();
        if (seg.has(Flag.RST)) return;
        if (seg.has(Flag.ACK) && !seg.has(Flag.SYN)) {
            if (cookieCheck(p)) return;
            lab.reset(server, p, Why.SENDS_RST_LISTENER);
            return;
        }
        if (seg.has(Flag.SYN) && !seg.has(Flag.ACK)) connRequest(p, null);
    }

    void connRequest(Packet p, Long twIsn) {
        Segment syn = p.segment();
        Listener.Admission a = listener.admit(p.src().ip(), twIsn != null);
        switch (a) {
            case DROP_SYN_QUEUE:
            case DROP_ACCEPT_QUEUE:
            case DROP_UNPROVEN:
                server.count(Nstat.LISTEN_DROPS); // tcp_listendrop
                lab.hostEvent(server, null, a == Listener.Admission.DROP_SYN_QUEUE ? Why.SYN_DROPPED_SYN_QUEUE_FULL
                        : a == Listener.Admission.DROP_ACCEPT_QUEUE ? Why.SYN_DROPPED_ACCEPT_QUEUE_FULL : Why.SYN_DROPPED_UNPROVEN);
                return;
            case COOKIE: {
                SynCookies.Parts cookie = server.cookies.make(p.src(), p.dst(), syn.seq(), mssOf(p.options()), server.clock.clockMs(lab.now));
                server.count(Nstat.SYNCOOKIES_SENT); // cookie_init_sequence
                listener.lastOverflowAt = lab.now; // tcp_synq_overflow
                long tsOff = server.clock.tsOffset(p.dst(), p.src(), sysctls.get(Sysctl.TCP_TIMESTAMPS));
                TcpOptions options = cookieSynAckOptions(p.options(), cookie.mss(), tsOff);
                Segment synAck = Segment.of(cookie.isn(), SeqNum.add(syn.seq(), 1), EnumSet.of(Flag.SYN, Flag.ACK), "");
                lab.channel.send(new Packet(SERVER, lab.hostOf(p.src().ip()), p.dst(), p.src(), synAck, options, false, null),
                        Reason.of(Why.SENDS_SYN_ACK_COOKIE, cookie.isn()), Side.SERVER);
                return;
            }
            default: {
                long iss = twIsn != null ? twIsn : server.clock.isn(p.dst(), p.src(), lab.now);
                long tsOff = server.clock.tsOffset(p.dst(), p.src(), sysctls.get(Sysctl.TCP_TIMESTAMPS));
                Request r = new Request(++server.named, p.src(), syn.seq(), iss, p.options(), tsOff);
                listener.requests.add(r);
                lab.hostEvent(server, SERVER + "/" + r.k, Why.REQUEST_SOCKET_CREATED, syn.seq(), listener.qlen(), listener.maxAckBacklog());
                r.dueAt = lab.now + TCP_TIMEOUT_INIT;
                r.order = lab.order++;
                sendSynAck(r, false);
            }
        }
    }

    private static int mssOf(TcpOptions o) {
        return o.mss() != null ? o.mss() : 536; // RFC 9293: 536 when the SYN names none
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
        long ts = SynCookies.timestamp(server.clock.clockMs(lab.now), wscale, syn.sackPermitted());
        return new TcpOptions(mss, syn.sackPermitted(), (ts + tsOff) & 0xFFFF_FFFFL, syn.tsval(), wscale);
    }

    private void sendSynAck(Request r, boolean again) {
        Segment synAck = Segment.of(r.iss, SeqNum.add(r.irs, 1), EnumSet.of(Flag.SYN, Flag.ACK), "");
        TcpOptions options = synAckOptions(r.synOptions, server.clock.tsval(lab.now, r.tsOffset));
        r.lastSentAt = lab.now;
        if (again) r.transmissions++;
        lab.channel.send(new Packet(SERVER, lab.hostOf(r.client.ip()), new Address(server.ip, SERVER_PORT), r.client, synAck, options, again, SERVER + "/" + r.k),
                again ? Reason.of(Why.RESENDS_SYN_ACK_REQUEST, r.transmissions - 1) : Reason.of(Why.SENDS_SYN_ACK, r.iss), Side.SERVER);
    }

    /** tcp_in_window. */
    private static boolean inWindow(long seq, long end, long sWin, long eWin) {
        if (seq == sWin) return true;
        if (SeqNum.gt(end, sWin) && SeqNum.lt(seq, eWin)) return true;
        return seq == eWin && seq == end;
    }

    /** tcp_check_req: a segment for a request socket. */
    void checkRequest(Request r, Packet p) {
        Segment seg = p.segment();
        boolean syn = seg.has(Flag.SYN);
        boolean rst = seg.has(Flag.RST);
        boolean ack = seg.has(Flag.ACK);
        if (seg.seq() == r.irs && syn && !rst && !ack && !seg.has(Flag.FIN)) {
            // A pure retransmitted SYN: the SYN-ACK again, and the timer restarts (mod_timer_pending).
            sendSynAck(r, true);
            r.dueAt = lab.now + reqskTimeout(r.numTimeout);
            r.order = lab.order++;
            return;
        }
        if (ack && seg.ack() != SeqNum.add(r.iss, 1)) {
            lab.reset(server, p, Why.SENDS_RST_BAD_ACK); // "Invalid ACK: reset will be sent by listening socket"
            return;
        }
        long rcvNxt = SeqNum.add(r.irs, 1);
        if (!inWindow(seg.seq(), seg.end(), rcvNxt, SeqNum.add(rcvNxt, Simulation.WINDOW))) {
            if (!rst) {
                lab.channel.send(new Packet(SERVER, lab.hostOf(r.client.ip()), p.dst(), p.src(),
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
                lab.hostEvent(server, SERVER + "/" + r.k, Why.ACK_DROPPED_ACCEPT_QUEUE_FULL, listener.acceptQueue.size(), listener.maxAckBacklog());
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
        if (why != null) lab.reset(server, p, why);
        listener.requests.remove(r);
        server.count(Nstat.EMBRYONIC_RSTS);
    }

    /**
     * tcp_v4_syn_recv_sock and tcp_child_process: the new socket joins the accept queue (or goes
     * straight to an accept() that waits) and processes the ACK that made it, data included.
     */
    private void child(int k, Packet p, long iss, long irs, long synAckSentAt, int transmissions, boolean timestamps) {
        Conn c = new Conn(lab, server, k, p.dst(), p.src(), Side.SERVER);
        c.ownSynHadTs = timestamps;
        c.tsOk = timestamps;
        server.count(Nstat.TCP_PASSIVE_OPENS);
        c.ep.openFromRequest(iss, irs, synAckSentAt, transmissions);
        if (listener.waitingAccepts > 0) {
            listener.waitingAccepts--;
            c.accepted = true;
            lab.hostEvent(server, c.id, Why.ACCEPTED);
        } else {
            listener.acceptQueue.add(c);
        }
        c.arrives(p);
        if (c.ep.state() == State.ESTABLISHED) listener.proven.add(p.src().ip());
    }

    /** cookie_v4_check: an ACK for the listener is a cookie only if a cookie went out lately (tcp_synq_no_recent_overflow). */
    private boolean cookieCheck(Packet p) {
        if (sysctls.get(Sysctl.TCP_SYNCOOKIES) == 0 || lab.now - listener.lastOverflowAt >= SynCookies.VALID_MS) return false;
        Segment seg = p.segment();
        int mss = server.cookies.check(p.src(), p.dst(), seg.seq(), seg.ack(), server.clock.clockMs(lab.now));
        if (mss == 0) {
            server.count(Nstat.SYNCOOKIES_FAILED);
            lab.hostEvent(server, null, Why.COOKIE_FAILED);
            return false;
        }
        server.count(Nstat.SYNCOOKIES_RECV);
        if (listener.acceptQueueFull()) {
            server.count(Nstat.LISTEN_OVERFLOWS);
            server.count(Nstat.LISTEN_DROPS);
            lab.hostEvent(server, null, Why.ACK_DROPPED_ACCEPT_QUEUE_FULL, listener.acceptQueue.size(), listener.maxAckBacklog());
            return true;
        }
        int k = ++server.named;
        lab.hostEvent(server, SERVER + "/" + k, Why.COOKIE_ACCEPTED, mss);
        // No request socket: no SYN-ACK time to sample an RTT from (snt_synack is 0).
        child(k, p, SeqNum.add(seg.ack(), -1), SeqNum.add(seg.seq(), -1), lab.now, 2, p.options().hasTimestamp());
        return true;
    }

    void requestTimer(Request r) {
        server.count(Nstat.TCP_TIMEOUTS); // tcp_syn_ack_timeout
        int max = listener.maxSynAckRetries(listener.qlen(), listener.young());
        if (r.numTimeout >= max) {
            listener.requests.remove(r);
            lab.hostEvent(server, SERVER + "/" + r.k, Why.REQUEST_EXPIRED, r.numTimeout);
            return;
        }
        sendSynAck(r, true); // resent even when acked: the client's ACK answers it again
        r.numTimeout++;
        r.dueAt = lab.now + reqskTimeout(r.numTimeout);
        r.order = lab.order++;
    }
}
