package tcplab.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import tcplab.sim.HostSnapshot.AppError;
import tcplab.sim.host.Address;
import tcplab.sim.host.Nstat;
import tcplab.sim.host.Sysctl;

import static tcplab.sim.HostLab.SERVER;
import static tcplab.sim.HostLab.SERVER_PORT;
import static tcplab.sim.HostLab.TW_REUSE_DELAY_MS;

/**
 * The applications' side of a host lab: the calls they make (connect with its port choice,
 * accept, close of the listener, calls on a connection they hold), what each is told (a result
 * or an errno in the trace's {@code errors}, and the counters that move with it), and the words
 * a lab offers them now.
 */
final class Applications extends HostRoom {
    Applications(HostLab lab) {
        super(lab);
    }

    /** {@code HOST/K}, or {@code HOST}'s newest connection. */
    Conn conn(HostAction.Target target, HostAction action, int position) throws BadActionException {
        Machine m = lab.up(target.host(), action, position);
        Conn found = null;
        for (Conn c : m.conns) {
            if (target.k() == null ? newerHeld(c, found) : number(c) == target.k()) found = c;
        }
        if (found == null) throw new BadActionException(position, action.word(), BadActionException.Problem.NO_SUCH_CONNECTION);
        // A socket still in the accept queue has no file descriptor yet: no application can write to or close it.
        if (!found.accepted && found.machine == server) {
            throw new BadActionException(position, action.word(), BadActionException.Problem.NOT_ACCEPTED);
        }
        return found;
    }

    /** Without a number, a call goes to the newest connection the application holds: accepted ones first. */
    private static boolean newerHeld(Conn c, Conn found) {
        if (found == null) return true;
        if (c.accepted != found.accepted) return c.accepted;
        return number(c) > number(found);
    }

    private static int number(Conn c) {
        return Integer.parseInt(c.id.substring(c.id.indexOf('/') + 1));
    }

    /**
     * connect(): a local port from ip_local_port_range (__inet_hash_connect) or the fixed one, then
     * the SYN. A port is free unless a socket of this host holds the same four-tuple; a TIME-WAIT
     * one gives way if tcp_twsk_unique allows (always with timestamps for a bound port; for an
     * ephemeral port only with tcp_tw_reuse=1, timestamps, and 1 s after it entered TIME-WAIT).
     */
    void connect(Machine m, Integer fixedPort) {
        Address remote = new Address(server.ip, SERVER_PORT);
        int port;
        Conn reused;
        if (fixedPort != null) {
            Conn holder = m.find(new Address(m.ip, fixedPort), remote);
            if (holder != null && !(holder.ep.state() == State.TIME_WAIT && twskUnique(holder, true))) {
                noPort(m);
                return;
            }
            port = fixedPort;
            reused = holder;
        } else {
            OptionalInt free = m.ports.next(lab.sysctls.portRange(), p -> {
                Conn holder = m.find(new Address(m.ip, p), remote);
                return holder == null || (holder.ep.state() == State.TIME_WAIT && twskUnique(holder, false));
            });
            if (free.isEmpty()) {
                noPort(m);
                return;
            }
            port = free.getAsInt();
            reused = m.find(new Address(m.ip, port), remote);
        }
        Conn c = new Conn(lab, m, ++m.named, new Address(m.ip, port), remote, Side.CLIENT);
        c.accepted = true;
        if (reused != null) {
            // tcp_twsk_unique: the new connection starts above the old one's sequence space and keeps its ts_recent.
            long isn = SeqNum.add(reused.ep.snapshot().sndNxt(), 65535 + 2);
            c.ep.forceIss(isn == 0 ? 1 : isn);
            c.tsRecent = reused.tsRecent;
            c.tsRecentAt = reused.tsRecentAt;
            reused.ep.discard(Why.TIME_WAIT_REUSED);
        }
        c.ep.connect();
    }

    /** tcp_twsk_unique: may this TIME-WAIT socket's four-tuple be taken by a new connect()? {@code bound}: the port was bound (twp NULL). */
    private boolean twskUnique(Conn tw, boolean bound) {
        int reuse = lab.sysctls.get(Sysctl.TCP_TW_REUSE);
        if (reuse == 2) reuse = 0; // loopback only: the lab's addresses are not loopback
        boolean timestamps = tw.tsRecentAt >= 0;
        return timestamps && (bound || (reuse == 1 && lab.now > tw.timeWaitSince + TW_REUSE_DELAY_MS));
    }

    /** No connection is made: the application's connect() fails (its socket gets no number). */
    private void noPort(Machine m) {
        lab.hostEvent(m, null, Why.CONNECT_NO_PORT, lab.sysctls.portRange());
        lab.errors.add(new AppError(lab.now, m.name, "connect", "EADDRNOTAVAIL"));
    }

    /** accept(): the oldest connection of the accept queue, or wait for the next one. */
    void accept() {
        if (!listener.open) {
            lab.hostEvent(server, null, Why.ACCEPT_NOT_LISTENING);
            lab.errors.add(new AppError(lab.now, SERVER, "accept", "EINVAL"));
            return;
        }
        Conn c = listener.acceptQueue.poll();
        if (c == null) {
            listener.waitingAccepts++;
            lab.hostEvent(server, null, Why.ACCEPT_WAITS);
            return;
        }
        c.accepted = true;
        lab.hostEvent(server, c.id, Why.ACCEPTED);
    }

    /** close() of the listening socket: inet_csk_listen_stop resets what was never accepted; request sockets die with it. */
    void unlisten() {
        if (!listener.open) return;
        listener.open = false;
        lab.hostEvent(server, null, Why.LISTENER_CLOSED);
        for (Conn c : List.copyOf(listener.acceptQueue)) {
            // inet_child_forget → tcp_disconnect: a synchronized socket is reset.
            if (c.ep.state() != State.CLOSED) {
                lab.hostEvent(server, c.id, Why.SENDS_RST_UNACCEPTED);
                c.ep.abort();
            }
        }
        listener.clear();
    }

    /** What the kernel counts and what the application is told, read off each connection's events. */
    void observe(Conn c, Event e) {
        Machine m = c.machine;
        if (e instanceof StateChanged s) {
            if (s.to() == State.SYN_SENT) m.count(Nstat.TCP_ACTIVE_OPENS); // tcp_connect
            if (s.to() == State.CLOSED) {
                if (s.from() == State.SYN_SENT || s.from() == State.SYN_RECEIVED) m.count(Nstat.TCP_ATTEMPT_FAILS); // tcp_done
                if (s.from() == State.ESTABLISHED || s.from() == State.CLOSE_WAIT) m.count(Nstat.TCP_ESTAB_RESETS); // tcp_set_state
                if (s.from() == State.TIME_WAIT && s.reason().why() == Why.TIME_WAIT_EXPIRED) m.count(Nstat.TW); // tw_timer_handler
            }
            if (s.to() == State.TIME_WAIT) c.timeWaitSince = lab.now;
            c.lastState = s.to();
        } else if (e instanceof ConnectionFailed f) {
            Why why = f.reason().why();
            String call = null;
            String errno = null;
            switch (why) {
                case CONNECTION_REFUSED: call = "connect"; errno = "ECONNREFUSED"; break;
                case SYN_RETRIES_EXHAUSTED: call = "connect"; errno = "ETIMEDOUT"; m.count(Nstat.TCP_ABORT_ON_TIMEOUT); break;
                case RETRIES_EXHAUSTED:
                case KEEPALIVE_TIMED_OUT: call = "read"; errno = "ETIMEDOUT"; m.count(Nstat.TCP_ABORT_ON_TIMEOUT); break;
                // tcp_reset: EPIPE in CLOSE-WAIT (the application read end of file and will write next), else ECONNRESET.
                case CONNECTION_RESET:
                    if (c.ep.state() == State.CLOSE_WAIT) { call = "write"; errno = "EPIPE"; } else { call = "read"; errno = "ECONNRESET"; }
                    break;
                case DATA_AFTER_EXIT: m.count(Nstat.TCP_ABORT_ON_DATA); break;
                default: break;
            }
            if (call != null && c.accepted && !c.ep.applicationExited()) lab.errors.add(new AppError(lab.now, c.id, call, errno));
        } else if (e instanceof UserError u) {
            // A write on a connection that is gone or shut down for writing: EPIPE (tcp_sendmsg_locked).
            if (u.call().startsWith("send")) lab.errors.add(new AppError(lab.now, c.id, "write", "EPIPE"));
        }
    }

    /** The words a host lab offers lab.now: only what can be applied. */
    List<String> offered() {
        List<String> list = new ArrayList<>();
        if (lab.hasPending()) list.add("next");
        if (!lab.channel.inFlight.isEmpty()) list.add("drop");
        for (Machine m : lab.machines.values()) if (m != server && m.up) list.add("connect:" + m.name);
        if (server.up && listener.open) {
            list.add("accept");
            list.add("unlisten");
        }
        list.add("flood:1000");
        list.add("wait:1000");
        for (Machine m : lab.machines.values()) list.add((m.up ? "crash:" : "reboot:") + m.name);
        for (Conn c : lab.live) {
            if (!c.machine.up || c.ep.state() == State.CLOSED || (c.machine == server && !c.accepted)) continue;
            State s = c.ep.state();
            if ((s == State.ESTABLISHED || s == State.CLOSE_WAIT) && !c.ep.applicationClosed()) {
                list.add(new HostAction.Send(new HostAction.Target(c.machine.name, number(c)),
                        c.machine == server ? Simulation.SERVER_SAMPLE_TEXT : Simulation.CLIENT_SAMPLE_TEXT).word());
                list.add("close:" + c.id);
            }
            if (!c.ep.applicationExited() && s != State.TIME_WAIT) {
                list.add("exit:" + c.id);
                list.add("abort:" + c.id);
            }
        }
        return list;
    }
}
