package tcplab.sim;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One TCP endpoint: the TCB of RFC 9293 §3.3.1, its user calls (§3.10.1–§3.10.6), segment
 * arrival (§3.10.7) and timeouts (§3.10.8), with the {@link Profile}'s numbers and deviations.
 * Time and output go through the {@link Host}; the endpoint never reads a clock.
 */
final class Endpoint {

    /** What an endpoint needs from the simulation around it. */
    interface Host {
        long now();

        /** A number that orders things scheduled at the same instant. */
        long nextOrder();

        void transmit(Side from, Segment segment, boolean retransmission, Reason reason);

        void record(Event event);

        long nextIss(Side side);

        /** A scripted application reaction, run as its own pending event at the current time. */
        void scheduleCall(Side side, String call, Runnable run);

        /** True while a scenario's script (not the learner) is acting. */
        boolean scripting();

        /** Whether the host has room for one more TIME-WAIT socket (tcp_max_tw_buckets; host labs). */
        default boolean admitTimeWait() {
            return true;
        }
    }

    /** A running timer: an absolute deadline, ordered among events due at the same instant. */
    private record Slot(long dueAt, int attempt, long rto, long order) {
    }

    /** A timer due at a time, ordered for the event queue. */
    record PendingTimer(Side side, TimerKind kind, long dueAt, long order) {
    }

    static final long DELAYED_ACK_MS = 40;

    private final Side side;
    private final Profile profile;
    private final Host host;

    private State state = State.CLOSED;
    /** MUST-11: whether SYN-RECEIVED came from a passive OPEN. */
    private boolean passiveOpen;
    /** The server application's listening socket, which takes a SYN when this connection is CLOSED. */
    private boolean listening;
    private boolean applicationClosed;
    private boolean applicationExited;
    private final StringBuilder received = new StringBuilder();
    private String failure;

    // The TCB (RFC 9293 §3.3.1).
    private boolean tcb;
    private boolean synchronizedIrs;
    private long iss;
    private long irs;
    private long sndUna;
    private long sndNxt;
    private long rcvNxt;
    private Integer sndWnd;
    private final int rcvWnd = Simulation.WINDOW;
    private final List<Outstanding> unacked = new ArrayList<>();
    private final List<String> sendQueue = new ArrayList<>();
    private boolean closeQueued;

    private final RttEstimator rtt;
    /** When the last answer to an out-of-window pure ACK went out (Linux's last_oow_ack_time). */
    private Long lastOutOfWindowAckAt;
    private boolean synRetransmitted;

    private final Map<TimerKind, Slot> timers = new EnumMap<>(TimerKind.class);

    private final Script script;
    /** The script's text goes out once, on the first connection that reaches ESTABLISHED. */
    private boolean scriptedSendDone;
    /** Linux's TIME-WAIT reuse picks the next ISN itself. */
    private Long forcedIss;

    // Host labs: SO_KEEPALIVE (null when off) and what tcp_keepalive_timer looks at.
    private Keepalive keepalive;
    private int probesOut;
    private long lastReceivedAt;
    /** The profile's, unless a host lab's sysctls say otherwise. */
    private RetransmissionPolicy retransmission;
    private long finWait2Timeout;

    Endpoint(Side side, Profile profile, Script script, Host host) {
        this.side = side;
        this.profile = profile;
        this.retransmission = profile.retransmission();
        this.finWait2Timeout = profile.finWait2Timeout();
        this.script = script;
        this.host = host;
        this.rtt = new RttEstimator(profile);
    }

    // ------------------------------------------------------------------ state

    /** Every change of state goes through here (smoltcp's set_state). */
    private void setState(State to, Reason reason) {
        State from = state;
        state = to;
        host.record(new StateChanged(host.now(), side, from, to, reason));
        if (to == State.CLOSED || to == State.LISTEN) {
            deleteTcb(reason);
        } else if (to == State.ESTABLISHED && keepalive != null) {
            // tcp_finish_connect / tcp_create_openreq_child start the keepalive timer.
            setTimer(TimerKind.KEEPALIVE, host.now() + keepalive.timeMs(), 1, keepalive.timeMs(), Why.KEEPALIVE_ARMED);
        }
    }

    private void deleteTcb(Reason reason) {
        for (TimerKind kind : List.copyOf(timers.keySet())) {
            cancelTimer(kind, reason);
        }
        tcb = false;
        synchronizedIrs = false;
        sndWnd = null;
        unacked.clear();
        sendQueue.clear();
        closeQueued = false;
        rtt.reset();
        lastOutOfWindowAckAt = null;
        synRetransmitted = false;
        passiveOpen = false;
    }

    /** MUST-11: a connection from a passive OPEN returns to LISTEN, unless the application has closed its listener. */
    private void backToListen(Reason reason) {
        setState(listening ? State.LISTEN : State.CLOSED, reason);
    }

    private void fail(Why why, Object... args) {
        Reason reason = Reason.of(why, args);
        failure = reason.english();
        host.record(new ConnectionFailed(host.now(), side, reason));
        setState(State.CLOSED, reason);
    }

    // ------------------------------------------------------------------ user calls (RFC 9293 §3.10.1–6)

    private void call(String call) {
        host.record(new UserCall(host.now(), side, call, Reason.of(host.scripting() ? Why.SCRIPTED_CALL : Why.USER_CALL)));
    }

    private void error(String call, Why why) {
        host.record(new UserError(host.now(), side, call, Reason.of(why)));
    }

    /** Passive OPEN (§3.10.1): CLOSED → LISTEN. */
    void listen() {
        call("listen");
        if (state != State.CLOSED) {
            error("listen", Why.CONNECTION_ALREADY_EXISTS);
            return;
        }
        listening = true;
        applicationClosed = false;
        applicationExited = false;
        setState(State.LISTEN, Reason.of(Why.PASSIVE_OPEN));
    }

    /** Active OPEN (§3.10.1): send a SYN, CLOSED → SYN-SENT. */
    void connect() {
        call("connect");
        if (state != State.CLOSED) {
            error("connect", Why.CONNECTION_ALREADY_EXISTS);
            return;
        }
        applicationClosed = false;
        applicationExited = false;
        received.setLength(0);
        failure = null;
        long connectIss = forcedIss != null ? forcedIss : host.nextIss(side);
        forcedIss = null;
        newTcb(connectIss);
        setState(State.SYN_SENT, Reason.of(Why.ACTIVE_OPEN));
        sendUnit(true, false, "");
    }

    private void newTcb(long iss) {
        tcb = true;
        this.iss = iss;
        sndUna = iss;
        sndNxt = iss;
        synchronizedIrs = false;
    }

    /** SEND (§3.10.2). */
    void send(String text) {
        String call = "send \"" + text + "\"";
        call(call);
        if (closeQueued) {
            error(call, Why.CONNECTION_CLOSING);
            return;
        }
        switch (state) {
            case CLOSED:
                error(call, Why.CONNECTION_DOES_NOT_EXIST);
                break;
            case LISTEN:
                // Our listener accepts any client, so its foreign socket is unspecified.
                error(call, Why.FOREIGN_SOCKET_UNSPECIFIED);
                break;
            case SYN_SENT:
            case SYN_RECEIVED:
                // Queued until ESTABLISHED.
                sendQueue.add(text);
                break;
            case ESTABLISHED:
            case CLOSE_WAIT:
                sendUnit(false, false, text);
                break;
            default:
                error(call, Why.CONNECTION_CLOSING);
        }
    }

    /** CLOSE (§3.10.4): "I have no more data to send"; the closer still receives. */
    void close() {
        call("close");
        closeCall("close");
    }

    private void closeCall(String call) {
        switch (state) {
            case CLOSED:
                error(call, Why.CONNECTION_DOES_NOT_EXIST);
                return;
            case LISTEN:
                listening = false;
                applicationClosed = true;
                setState(State.CLOSED, Reason.of(Why.CLOSE_LISTEN));
                return;
            case SYN_SENT:
                applicationClosed = true;
                setState(State.CLOSED, Reason.of(Why.CLOSE_IN_SYN_SENT));
                return;
            case SYN_RECEIVED:
                applicationClosed = true;
                if (sendQueue.isEmpty()) {
                    setState(State.FIN_WAIT_1, Reason.of(Why.CLOSE_SENDS_FIN));
                    sendUnit(false, true, "");
                } else {
                    closeQueued = true;
                }
                return;
            case ESTABLISHED:
                applicationClosed = true;
                setState(State.FIN_WAIT_1, Reason.of(Why.CLOSE_SENDS_FIN));
                sendUnit(false, true, "");
                return;
            case CLOSE_WAIT:
                applicationClosed = true;
                setState(State.LAST_ACK, Reason.of(Why.CLOSE_SENDS_FIN));
                sendUnit(false, true, "");
                return;
            default:
                error(call, Why.CONNECTION_CLOSING);
        }
    }

    /**
     * The application closes its socket and exits (Linux close() on the last descriptor): a
     * CLOSE, after which the connection is an orphan. Linux then answers new data with RST
     * and limits FIN-WAIT-2 to tcp_fin_timeout.
     */
    void exit() {
        call("exit");
        boolean wasExited = applicationExited;
        applicationExited = true;
        listening = false;
        switch (state) {
            case LISTEN:
            case SYN_SENT:
            case SYN_RECEIVED:
            case ESTABLISHED:
            case CLOSE_WAIT:
                closeCall("exit");
                break;
            case FIN_WAIT_2:
                applicationClosed = true;
                if (!wasExited) startFinWait2Timer();
                break;
            default:
                applicationClosed = true;
        }
    }

    /** ABORT (§3.10.5). */
    void abort() {
        call("abort");
        switch (state) {
            case CLOSED:
                error("abort", Why.CONNECTION_DOES_NOT_EXIST);
                return;
            case LISTEN:
                listening = false;
                applicationClosed = true;
                setState(State.CLOSED, Reason.of(Why.ABORT));
                return;
            case SYN_SENT:
            case CLOSING:
            case LAST_ACK:
            case TIME_WAIT:
                applicationClosed = true;
                setState(State.CLOSED, Reason.of(Why.ABORT));
                return;
            default:
                applicationClosed = true;
                emit(profile.abortReset(sndNxt, rcvNxt), false, Reason.of(Why.SENDS_RST_ABORT)); // <SEQ=SND.NXT><CTL=RST>
                setState(State.CLOSED, Reason.of(Why.ABORT));
        }
    }

    /** The host crashes: the TCB is lost without a word to the peer (Figures 9 and 10). */
    void crash() {
        applicationExited = true;
        applicationClosed = true;
        listening = false;
        setState(State.CLOSED, Reason.of(Why.HOST_CRASH));
    }

    // ------------------------------------------------------------------ sending

    private boolean carriesAck() {
        return state == State.SYN_RECEIVED || state.isSynchronized()
                || (state == State.SYN_SENT && synchronizedIrs);
    }

    private Segment build(long seq, boolean syn, boolean fin, String data) {
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        if (syn) flags.add(Flag.SYN);
        if (fin) flags.add(Flag.FIN);
        if (!data.isEmpty() && profile.pushesEachWrite()) flags.add(Flag.PSH);
        boolean ack = carriesAck() && synchronizedIrs;
        if (ack) flags.add(Flag.ACK);
        return Segment.of(seq, ack ? rcvNxt : 0, flags, data);
    }

    /** Sends new sequence space (SYN, data or FIN) and keeps it for retransmission. */
    private void sendUnit(boolean syn, boolean fin, String data) {
        Outstanding unit = new Outstanding(sndNxt, syn, fin, data, host.now());
        unacked.add(unit);
        sndNxt = unit.end();
        Why why = syn ? (state == State.SYN_SENT ? Why.SENDS_SYN : Why.SENDS_SYN_ACK) : fin ? Why.SENDS_FIN : Why.SENDS_DATA;
        emit(build(unit.seq, syn, fin, data), false, Reason.of(why, unit.seq));
        if (!timers.containsKey(TimerKind.RETRANSMISSION)) {
            armRetransmission(Why.RETRANSMISSION_ARMED);
        }
    }

    private void emit(Segment segment, boolean retransmission, Reason reason) {
        host.transmit(side, segment, retransmission, reason);
        if (segment.has(Flag.ACK) && timers.containsKey(TimerKind.DELAYED_ACK)) {
            cancelTimer(TimerKind.DELAYED_ACK, Reason.of(Why.ACK_SENT));
        }
    }

    /** <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>. */
    private void sendAck(Why why, Object... args) {
        emit(Segment.of(sndNxt, rcvNxt, EnumSet.of(Flag.ACK), ""), false, Reason.of(why, args));
    }

    /** An ACK for new data or a FIN: at once, or after 40 ms where the scenario delays ACKs. */
    private void ackSoon(Why why) {
        if (!script.delayedAck()) {
            sendAck(why);
        } else if (timers.containsKey(TimerKind.DELAYED_ACK)) {
            sendAck(Why.SENDS_ACK_SECOND_SEGMENT); // the second segment is acknowledged at once (RFC 1122 4.2.3.2)
        } else {
            setTimer(TimerKind.DELAYED_ACK, host.now() + DELAYED_ACK_MS, 1, DELAYED_ACK_MS, Why.DELAYED_ACK_ARMED);
        }
    }

    /** <SEQ=SEG.ACK><CTL=RST> or <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK> (§3.5.2). */
    private void resetFor(Segment seg, Why why) {
        if (seg.has(Flag.ACK)) {
            emit(Segment.of(seg.ack(), 0, EnumSet.of(Flag.RST), ""), false, Reason.of(why));
        } else {
            emit(Segment.of(0, SeqNum.add(seg.seq(), seg.len()), EnumSet.of(Flag.RST, Flag.ACK), ""), false, Reason.of(why));
        }
    }

    /** Sends what waited for ESTABLISHED: queued data, then a queued CLOSE. Returns whether anything went out. */
    private boolean flushQueued() {
        boolean sent = false;
        for (String text : List.copyOf(sendQueue)) {
            sendUnit(false, false, text);
            sent = true;
        }
        sendQueue.clear();
        if (closeQueued) {
            closeQueued = false;
            setState(state == State.CLOSE_WAIT ? State.LAST_ACK : State.FIN_WAIT_1, Reason.of(Why.CLOSE_SENDS_FIN));
            sendUnit(false, true, "");
            sent = true;
        }
        return sent;
    }

    // ------------------------------------------------------------------ timers

    private void setTimer(TimerKind kind, long dueAt, int attempt, long rto, Why why, Object... args) {
        timers.put(kind, new Slot(dueAt, attempt, rto, host.nextOrder()));
        host.record(new TimerSet(host.now(), side, kind, dueAt, attempt, Reason.of(why, args)));
    }

    private void cancelTimer(TimerKind kind, Reason reason) {
        if (timers.remove(kind) != null) {
            host.record(new TimerCancelled(host.now(), side, kind, reason));
        }
    }

    List<PendingTimer> pendingTimers() {
        List<PendingTimer> list = new ArrayList<>();
        timers.forEach((kind, slot) -> list.add(new PendingTimer(side, kind, slot.dueAt(), slot.order())));
        return list;
    }

    /** The wait before the next retransmission of the oldest unacknowledged segment. */
    private long retransmissionWait(Outstanding head) {
        return head.syn ? rtt.synRto(head.backoffs) : rtt.rto(); // data: already backed off by each timeout
    }

    private void armRetransmission(Why why) {
        Outstanding head = unacked.get(0);
        long wait = retransmissionWait(head);
        long due = retransmission.deadline(host.now(), wait, head);
        setTimer(TimerKind.RETRANSMISSION, due, head.timeouts + 1, wait, why);
    }

    /** After an unacceptable ACK in SYN-SENT, the policy may bring the SYN's retransmission forward. */
    private void resendSynSoon() {
        Outstanding syn = unacked.get(0);
        long wait = profile.retransmission().resendAfterUnacceptableAck(syn);
        if (wait >= 0) {
            setTimer(TimerKind.RETRANSMISSION, host.now() + wait, syn.timeouts + 1, retransmissionWait(syn), Why.RETRANSMISSION_SOON);
        }
    }

    /** A timer ran out (§3.10.8). */
    void timeout(TimerKind kind) {
        timers.remove(kind);
        host.record(new TimerFired(host.now(), side, kind, Reason.of(Why.TIMER_EXPIRED)));
        switch (kind) {
            case RETRANSMISSION:
                retransmissionTimeout();
                break;
            case TIME_WAIT:
                setState(State.CLOSED, Reason.of(Why.TIME_WAIT_EXPIRED, profile.timeWait() / 1000));
                break;
            case FIN_WAIT_2:
                setState(State.CLOSED, Reason.of(Why.FIN_WAIT_2_EXPIRED, finWait2Timeout / 1000));
                break;
            case DELAYED_ACK:
                sendAck(Why.SENDS_ACK_DELAYED);
                break;
            case KEEPALIVE:
                keepaliveTimeout();
                break;
            default:
                throw new AssertionError(kind);
        }
    }

    private void retransmissionTimeout() {
        Outstanding head = unacked.get(0);
        RetransmissionPolicy policy = retransmission;
        if (policy.givesUp(head, new RetransmissionPolicy.Sender(state, passiveOpen, applicationExited, retransmissionWait(head), host.now()))) {
            int tries = head.timeouts;
            if (head.syn && passiveOpen && state == State.SYN_RECEIVED) {
                failure = Reason.of(Why.SYN_ACK_RETRIES_EXHAUSTED, tries).english();
                host.record(new ConnectionFailed(host.now(), side, Reason.of(Why.SYN_ACK_RETRIES_EXHAUSTED, tries)));
                // The listening socket drops the half-open connection and keeps listening.
                backToListen(Reason.of(Why.SYN_ACK_RETRIES_EXHAUSTED, tries));
            } else if (head.syn && (state == State.SYN_SENT || state == State.SYN_RECEIVED)) {
                fail(Why.SYN_RETRIES_EXHAUSTED, tries);
            } else {
                fail(Why.RETRIES_EXHAUSTED, tries);
            }
            return;
        }
        head.resentByTimer(host.now());
        if (head.syn) {
            synRetransmitted = true;
            if (policy.synBacksOff(state, head)) head.backoffs++;
        } else {
            rtt.backOff();
        }
        emit(build(head.seq, head.syn, head.fin, head.data), true, Reason.of(Why.RESENDS_AFTER_TIMEOUT, head.timeouts));
        armRetransmission(Why.RETRANSMISSION_BACKOFF);
    }

    private void startFinWait2Timer() {
        if (profile.limitsOrphanFinWait2()) {
            long wait = finWait2Timeout;
            setTimer(TimerKind.FIN_WAIT_2, host.now() + wait, 1, wait, Why.FIN_WAIT_2_ARMED);
        }
    }

    private void enterTimeWait(Reason reason) {
        if (!host.admitTimeWait()) {
            // tcp_time_wait: inet_twsk_alloc refused (tcp_max_tw_buckets), so the socket just closes.
            setState(State.CLOSED, Reason.of(Why.TIME_WAIT_OVERFLOW));
            return;
        }
        setState(State.TIME_WAIT, reason);
        cancelTimer(TimerKind.KEEPALIVE, reason);
        cancelTimer(TimerKind.RETRANSMISSION, reason);
        cancelTimer(TimerKind.FIN_WAIT_2, reason);
        startTimeWait(Why.TIME_WAIT_ARMED);
    }

    private void startTimeWait(Why why) {
        long wait = profile.timeWait();
        setTimer(TimerKind.TIME_WAIT, host.now() + wait, 1, wait, why);
    }

    // ------------------------------------------------------------------ acknowledgments and RTT

    /** SND.UNA < SEG.ACK =< SND.NXT: new sequence space acknowledged (RFC 6298 for the RTT). */
    private void acknowledge(long ack) {
        Outstanding newestAcked = null;
        while (!unacked.isEmpty() && SeqNum.le(unacked.get(0).end(), ack)) {
            newestAcked = unacked.remove(0);
        }
        sndUna = ack;
        if (newestAcked != null && newestAcked.sentOnce()) {
            rtt.sample(host.now() - newestAcked.lastSentAt); // Karn: only never-retransmitted segments
        }
        if (unacked.isEmpty()) {
            cancelTimer(TimerKind.RETRANSMISSION, Reason.of(Why.ALL_ACKED, ack));
        } else if (newestAcked != null) {
            armRetransmission(Why.RETRANSMISSION_RESTARTED); // RFC 6298 5.3
        }
    }

    private boolean ourFinAcked() {
        return state.finSent() && sndUna == sndNxt;
    }

    // ------------------------------------------------------------------ segment arrival (§3.10.7)

    void segmentArrives(Segment seg) {
        lastReceivedAt = host.now();
        if (seg.has(Flag.ACK)) probesOut = 0; // tcp_ack: any ACK clears icsk_probes_out
        switch (state) {
            case CLOSED:
                closedArrives(seg);
                break;
            case LISTEN:
                listenArrives(seg);
                break;
            case SYN_SENT:
                synSentArrives(seg);
                break;
            case TIME_WAIT:
                if (profile.hasOwnTimeWait()) {
                    linuxTimeWaitArrives(seg);
                } else {
                    otherwiseArrives(seg);
                }
                break;
            default:
                otherwiseArrives(seg);
        }
    }

    /** §3.10.7.1: no connection. A listening server application takes a new SYN. */
    private void closedArrives(Segment seg) {
        if (listening && seg.has(Flag.SYN) && !seg.has(Flag.ACK) && !seg.has(Flag.RST)) {
            setState(State.LISTEN, Reason.of(Why.LISTENER_TAKES_SYN));
            listenArrives(seg);
            return;
        }
        if (seg.has(Flag.RST)) return; // an incoming RST is discarded
        resetFor(seg, Why.SENDS_RST_NO_CONNECTION);
    }

    /** §3.10.7.2. */
    private void listenArrives(Segment seg) {
        if (seg.has(Flag.RST)) return; // first: an incoming RST is ignored
        if (seg.has(Flag.ACK)) { // second: any ACK is bad in LISTEN
            resetFor(seg, Why.SENDS_RST_ACK_IN_LISTEN);
            return;
        }
        if (!seg.has(Flag.SYN)) return;
        // third: a SYN. RCV.NXT = SEG.SEQ+1, IRS = SEG.SEQ, select ISS, send <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>.
        long newIss = forcedIss != null ? forcedIss : host.nextIss(side);
        forcedIss = null;
        newTcb(newIss);
        irs = seg.seq();
        rcvNxt = SeqNum.add(seg.seq(), 1);
        synchronizedIrs = true;
        sndWnd = seg.window();
        passiveOpen = true;
        // A new connection from the listener: the application has not closed or read anything on it yet.
        applicationClosed = false;
        received.setLength(0);
        failure = null;
        if (script.twoWayHandshake()) {
            // The counterfactual: a SYN alone opens the connection.
            setState(State.ESTABLISHED, Reason.of(Why.TWO_WAY_SYN_OPENS, seg.seq()));
        } else {
            setState(State.SYN_RECEIVED, Reason.of(Why.SYN_RECEIVED_PASSIVE, seg.seq()));
        }
        sendUnit(true, false, "");
    }

    /** §3.10.7.3. */
    private void synSentArrives(Segment seg) {
        boolean ackAcceptable = false;
        if (seg.has(Flag.ACK)) {
            // first: SEG.ACK =< ISS or SEG.ACK > SND.NXT: <SEQ=SEG.ACK><CTL=RST> unless RST.
            if (SeqNum.le(seg.ack(), iss) || SeqNum.gt(seg.ack(), sndNxt)) {
                if (!seg.has(Flag.RST)) resetFor(seg, Why.SENDS_RST_BAD_ACK);
                resendSynSoon();
                return;
            }
            ackAcceptable = true;
        }
        if (seg.has(Flag.RST)) { // second: an acceptable RST refuses the connection
            if (ackAcceptable) fail(Why.CONNECTION_REFUSED);
            return;
        }
        if (!seg.has(Flag.SYN)) return; // fifth: neither SYN nor RST: drop
        // fourth: the SYN.
        irs = seg.seq();
        rcvNxt = SeqNum.add(seg.seq(), 1);
        synchronizedIrs = true;
        sndWnd = seg.window();
        if (ackAcceptable) {
            acknowledge(seg.ack());
        }
        if (SeqNum.gt(sndUna, iss)) {
            // Our SYN has been ACKed: ESTABLISHED, <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.
            setState(State.ESTABLISHED, Reason.of(Why.SYN_ACK_ACKED, seg.ack()));
            established();
            if (!flushQueued()) sendAck(Why.SENDS_ACK_OF_SYN_ACK, seg.seq());
        } else {
            // Simultaneous open (Figure 7): SYN-RECEIVED, <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>.
            passiveOpen = false;
            setState(State.SYN_RECEIVED, Reason.of(Why.SYN_RECEIVED_ACTIVE, seg.seq()));
            Outstanding head = unacked.get(0);
            if (profile.samplesSimultaneousSynAck()) {
                head.lastSentAt = host.now();
            } else {
                head.resent(host.now()); // it repeats the SYN's sequence number: Karn's rule excludes it
            }
            emit(build(iss, true, false, ""), true, Reason.of(Why.SENDS_SYN_ACK_SIMULTANEOUS, iss));
        }
    }

    private void established() {
        rtt.handshakeDone(synRetransmitted);
        if (script.sendWhenEstablished() != null && !scriptedSendDone) {
            String text = script.sendWhenEstablished();
            scriptedSendDone = true;
            call("send \"" + text + "\"");
            sendQueue.add(text); // rides on the ACK that completes the handshake
        }
    }

    /** Linux's TIME-WAIT (tcp_timewait_state_process), which differs from §3.10.7.4. */
    private void linuxTimeWaitArrives(Segment seg) {
        if (seg.seq() == rcvNxt && (seg.len() == 0 || seg.has(Flag.RST))) {
            if (seg.has(Flag.RST)) {
                // TIME-WAIT assassination (tcp_rfc1337=0).
                setState(State.CLOSED, Reason.of(Why.TIME_WAIT_ASSASSINATED));
            } else {
                startTimeWait(Why.TIME_WAIT_RESTARTED);
            }
            return;
        }
        if (seg.has(Flag.SYN) && !seg.has(Flag.RST) && !seg.has(Flag.ACK) && SeqNum.gt(seg.seq(), rcvNxt)) {
            if (listening) {
                long isn = SeqNum.add(sndNxt, 65535 + 2);
                if (isn == 0) isn = 1;
                setState(State.CLOSED, Reason.of(Why.TIME_WAIT_NEW_SYN, seg.seq(), rcvNxt));
                forcedIss = isn;
                setState(State.LISTEN, Reason.of(Why.LISTENER_TAKES_SYN));
                listenArrives(seg);
                return;
            }
            sendAck(Why.SENDS_ACK_TIME_WAIT); // no listener: the SYN is answered like any other segment
            return;
        }
        if (seg.has(Flag.RST)) return;
        if (seg.has(Flag.ACK)) startTimeWait(Why.TIME_WAIT_RESTARTED);
        sendAck(Why.SENDS_ACK_TIME_WAIT);
    }

    /**
     * Whether the answer to this pure ACK is skipped: Linux's tcp_oow_rate_limited sends at most
     * one such answer per tcp_invalid_ratelimit (500 ms), which ends an ACK war between two ends
     * that disagree about the sequence numbers. The text answers every one.
     */
    private boolean oowRateLimited(Segment seg) {
        long interval = profile.outOfWindowAckInterval();
        if (interval == 0 || seg.len() != 0) return false;
        if (lastOutOfWindowAckAt != null && host.now() - lastOutOfWindowAckAt < interval) return true;
        lastOutOfWindowAckAt = host.now();
        return false;
    }

    /** RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND, or the same for its last octet (§3.10.7.4 first). */
    private boolean acceptable(Segment seg) {
        long windowEnd = SeqNum.add(rcvNxt, rcvWnd);
        boolean startIn = SeqNum.le(rcvNxt, seg.seq()) && SeqNum.lt(seg.seq(), windowEnd);
        if (seg.len() == 0) return startIn;
        long last = SeqNum.add(seg.seq(), seg.len() - 1);
        return startIn || (SeqNum.le(rcvNxt, last) && SeqNum.lt(last, windowEnd));
    }

    /** §3.10.7.4: SYN-RECEIVED and the synchronized states. */
    private void otherwiseArrives(Segment seg) {
        boolean rst = seg.has(Flag.RST);
        boolean syn = seg.has(Flag.SYN);
        // A repeated SYN in SYN-RECEIVED: Linux answers with the SYN-ACK again.
        if (profile.resendsSynAckForRepeatedSyn() && state == State.SYN_RECEIVED && passiveOpen && syn && !rst
                && !seg.has(Flag.ACK) && seg.seq() == irs) {
            Outstanding head = unacked.get(0);
            head.resent(host.now());
            emit(build(head.seq, true, false, ""), true, Reason.of(Why.RESENDS_SYN_ACK_FOR_SYN, seg.seq()));
            armRetransmission(Why.RETRANSMISSION_RESTARTED);
            return;
        }
        // The crossing SYN-ACK of a simultaneous open: Linux accepts it.
        boolean crossingSynAck = profile.acceptsCrossingSynAck() && state == State.SYN_RECEIVED && !passiveOpen
                && syn && !rst && seg.has(Flag.ACK) && SeqNum.add(seg.seq(), 1) == rcvNxt && seg.ack() == sndNxt;
        // TIME-WAIT: a retransmitted FIN is acknowledged again and restarts the 2 MSL timer (eighth step).
        if (state == State.TIME_WAIT && seg.has(Flag.FIN) && !rst && seg.end() == rcvNxt) {
            sendAck(Why.SENDS_ACK_TIME_WAIT);
            startTimeWait(Why.TIME_WAIT_RESTARTED);
            return;
        }
        // first: sequence number check.
        if (!crossingSynAck && !acceptable(seg)) {
            if (!rst && !oowRateLimited(seg)) sendAck(Why.SENDS_ACK_UNACCEPTABLE, seg.seq(), rcvNxt);
            return;
        }
        // second: RST. RFC 5961 §3: reset only on an exact match, challenge ACK otherwise.
        if (rst) {
            if (seg.seq() != rcvNxt) {
                sendAck(Why.SENDS_CHALLENGE_ACK_RST, seg.seq(), rcvNxt);
                return;
            }
            switch (state) {
                case SYN_RECEIVED:
                    if (passiveOpen) {
                        backToListen(Reason.of(Why.RESET_BACK_TO_LISTEN));
                    } else {
                        fail(Why.CONNECTION_REFUSED);
                    }
                    return;
                case ESTABLISHED:
                case FIN_WAIT_1:
                case FIN_WAIT_2:
                case CLOSE_WAIT:
                    fail(Why.CONNECTION_RESET);
                    return;
                default: // CLOSING, LAST-ACK, TIME-WAIT
                    setState(State.CLOSED, Reason.of(Why.RESET_RECEIVED));
                    return;
            }
        }
        // fourth: SYN in a synchronized state (RFC 5961 §4: challenge ACK).
        if (syn && !crossingSynAck) {
            if (state == State.SYN_RECEIVED && passiveOpen) {
                if (profile.resetsEmbryonicOnSyn()) resetFor(seg, Why.SENDS_RST_EMBRYONIC);
                backToListen(Reason.of(Why.SYN_BACK_TO_LISTEN));
                return;
            }
            sendAck(Why.SENDS_CHALLENGE_ACK_SYN);
            return;
        }
        // fifth: ACK.
        if (!seg.has(Flag.ACK)) return;
        long ack = seg.ack();
        if (state == State.SYN_RECEIVED) {
            if (SeqNum.lt(sndUna, ack) && SeqNum.le(ack, sndNxt)) {
                acknowledge(ack);
                sndWnd = seg.window();
                setState(State.ESTABLISHED, Reason.of(crossingSynAck ? Why.CROSSING_SYN_ACK : Why.SYN_ACK_ACKED_BY_PEER, ack));
                established();
                boolean sent = flushQueued();
                if (crossingSynAck && !sent) sendAck(Why.SENDS_ACK_OF_SYN_ACK, seg.seq());
                if (crossingSynAck) return;
            } else {
                resetFor(seg, Why.SENDS_RST_BAD_ACK);
                return;
            }
        } else if (state != State.TIME_WAIT) {
            if (SeqNum.gt(ack, sndNxt)) { // acknowledges something not yet sent
                if (!oowRateLimited(seg)) sendAck(Why.SENDS_ACK_ACK_TOO_HIGH, ack);
                return;
            }
            if (SeqNum.gt(ack, sndUna)) acknowledge(ack);
            sndWnd = seg.window();
            if (state == State.FIN_WAIT_1 && ourFinAcked()) {
                setState(State.FIN_WAIT_2, Reason.of(Why.FIN_ACKED, ack));
                if (applicationExited) startFinWait2Timer();
            } else if (state == State.CLOSING && ourFinAcked()) {
                enterTimeWait(Reason.of(Why.FIN_ACKED, ack));
                return;
            } else if (state == State.LAST_ACK && ourFinAcked()) {
                setState(State.CLOSED, Reason.of(Why.LAST_ACK_ACKED, ack));
                return;
            }
        }
        // seventh: segment text.
        boolean ackNeeded = false;
        String data = seg.data();
        if (!data.isEmpty()) {
            if (state == State.ESTABLISHED || state == State.FIN_WAIT_1 || state == State.FIN_WAIT_2) {
                if (profile.resetsOrphanOnData() && applicationExited && state != State.ESTABLISHED) {
                    resetFor(seg, Why.SENDS_RST_DATA_AFTER_EXIT);
                    fail(Why.DATA_AFTER_EXIT);
                    return;
                }
                if (SeqNum.gt(seg.seq(), rcvNxt)) {
                    sendAck(Why.SENDS_ACK_OUT_OF_ORDER, seg.seq(), rcvNxt); // no reassembly queue
                    return;
                }
                byte[] bytes = seg.payload();
                int skip = SeqNum.diff(rcvNxt, seg.seq());
                if (skip < bytes.length) {
                    String fresh = new String(bytes, skip, bytes.length - skip, java.nio.charset.StandardCharsets.UTF_8);
                    rcvNxt = SeqNum.add(rcvNxt, bytes.length - skip);
                    received.append(fresh);
                    host.record(new Delivered(host.now(), side, fresh, Reason.of(Why.DATA_DELIVERED)));
                    ackNeeded = true;
                }
            }
        }
        // eighth: FIN.
        if (seg.has(Flag.FIN)) {
            long finSeq = SeqNum.add(seg.seq(), seg.payload().length);
            if (finSeq != rcvNxt) {
                if (ackNeeded) ackSoon(Why.SENDS_ACK_OF_DATA);
                return;
            }
            rcvNxt = SeqNum.add(rcvNxt, 1);
            switch (state) {
                case SYN_RECEIVED:
                case ESTABLISHED:
                    setState(State.CLOSE_WAIT, Reason.of(Why.FIN_RECEIVED, seg.seq()));
                    ackSoon(Why.SENDS_ACK_OF_FIN);
                    if (script.closeOnEndOfFile() && !applicationClosed) {
                        host.scheduleCall(side, "close", this::close);
                    }
                    return;
                case FIN_WAIT_1:
                    // Our FIN is not yet acknowledged: simultaneous close (Figure 13).
                    setState(State.CLOSING, Reason.of(Why.FIN_RECEIVED_CLOSING, seg.seq()));
                    sendAck(Why.SENDS_ACK_OF_FIN);
                    return;
                case FIN_WAIT_2:
                    sendAck(Why.SENDS_ACK_OF_FIN);
                    enterTimeWait(Reason.of(Why.FIN_RECEIVED, seg.seq()));
                    return;
                case TIME_WAIT:
                    sendAck(Why.SENDS_ACK_TIME_WAIT);
                    startTimeWait(Why.TIME_WAIT_RESTARTED);
                    return;
                default:
                    return; // CLOSE-WAIT, CLOSING, LAST-ACK: remain
            }
        }
        if (ackNeeded) ackSoon(Why.SENDS_ACK_OF_DATA);
    }

    // ------------------------------------------------------------------ host labs

    /** SO_KEEPALIVE with the host's tcp_keepalive_time, _intvl and _probes. */
    record Keepalive(long timeMs, long intvlMs, int probes) {
    }

    void keepalive(Keepalive settings) {
        this.keepalive = settings;
    }

    /** A Linux host's sysctls: tcp_syn_retries, tcp_synack_retries, tcp_orphan_retries and tcp_fin_timeout. */
    void linuxSysctls(int synRetries, int synackRetries, int orphanRetries, long finTimeoutMs) {
        this.retransmission = new LinuxRetransmission(synRetries, synackRetries, orphanRetries);
        this.finWait2Timeout = finTimeoutMs;
    }

    /**
     * A request socket's third ACK made it a socket (tcp_check_req → tcp_v4_syn_recv_sock →
     * inet_csk_clone_lock): born in SYN-RECEIVED with its SYN-ACK outstanding, then handed the
     * ACK that completes it. The request socket, not this endpoint, sent and resent the SYN-ACK.
     */
    void openFromRequest(long iss, long irs, long synAckSentAt, int synAckTransmissions) {
        newTcb(iss);
        irs(irs);
        passiveOpen = true;
        applicationClosed = false;
        Outstanding syn = new Outstanding(iss, true, false, "", synAckSentAt);
        syn.transmissions = synAckTransmissions;
        unacked.add(syn);
        sndNxt = syn.end();
        setState(State.SYN_RECEIVED, Reason.of(Why.REQUEST_BECOMES_SOCKET, irs));
    }

    private void irs(long irs) {
        this.irs = irs;
        rcvNxt = SeqNum.add(irs, 1);
        synchronizedIrs = true;
    }

    /** The socket is gone without a segment: a TIME-WAIT taken over by a new SYN or a new connect() (tcp_twsk_unique). */
    void discard(Why why, Object... args) {
        setState(State.CLOSED, Reason.of(why, args));
    }

    /** Bytes sent and not yet acknowledged (ss's Send-Q). */
    int unackedBytes() {
        int n = 0;
        for (Outstanding u : unacked) n += u.data.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        for (String s : sendQueue) n += s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        return n;
    }

    /** The ISN the next SYN or SYN-ACK uses, when Linux derives it from a TIME-WAIT (tw_snd_nxt + 65537). */
    void forceIss(long iss) {
        forcedIss = iss;
    }

    /** tcp_keepalive_timer. */
    private void keepaliveTimeout() {
        if (state == State.CLOSED || state == State.SYN_SENT || state == State.TIME_WAIT) return;
        long time = keepalive.timeMs();
        if (!unacked.isEmpty()) { // "It is alive without keepalive": data is outstanding
            setTimer(TimerKind.KEEPALIVE, host.now() + time, 1, time, Why.KEEPALIVE_ARMED);
            return;
        }
        long elapsed = host.now() - lastReceivedAt;
        if (elapsed < time) {
            setTimer(TimerKind.KEEPALIVE, host.now() + time - elapsed, 1, time - elapsed, Why.KEEPALIVE_ARMED);
            return;
        }
        if (probesOut >= keepalive.probes()) {
            // tcp_send_active_reset, then tcp_write_err: ETIMEDOUT.
            emit(Segment.of(sndNxt, rcvNxt, EnumSet.of(Flag.RST, Flag.ACK), ""), false, Reason.of(Why.SENDS_RST_KEEPALIVE));
            fail(Why.KEEPALIVE_TIMED_OUT, probesOut);
            return;
        }
        // tcp_write_wakeup → tcp_xmit_probe_skb: <SEQ=SND.UNA-1><ACK=RCV.NXT><CTL=ACK>, which the peer must answer.
        probesOut++;
        emit(Segment.of(SeqNum.add(sndUna, -1), rcvNxt, EnumSet.of(Flag.ACK), ""), false, Reason.of(Why.SENDS_KEEPALIVE_PROBE, probesOut));
        setTimer(TimerKind.KEEPALIVE, host.now() + keepalive.intvlMs(), probesOut + 1, keepalive.intvlMs(), Why.KEEPALIVE_ARMED);
    }

    // ------------------------------------------------------------------ snapshot

    EndpointSnapshot snapshot() {
        boolean live = tcb && state != State.CLOSED && state != State.LISTEN;
        List<Timer> list = new ArrayList<>();
        timers.forEach((kind, slot) -> list.add(new Timer(kind, slot.dueAt(), slot.attempt(), slot.rto())));
        return new EndpointSnapshot(side, state,
                live ? iss : null,
                live && synchronizedIrs ? irs : null,
                live ? sndUna : null,
                live ? sndNxt : null,
                live && synchronizedIrs ? rcvNxt : null,
                live ? sndWnd : null,
                state == State.CLOSED ? null : rcvWnd,
                list, applicationExited, applicationClosed, received.toString(), failure);
    }

    State state() {
        return state;
    }

    /** The application has closed (or exited): it sends nothing more. */
    boolean applicationClosed() {
        return applicationClosed;
    }

    boolean applicationExited() {
        return applicationExited;
    }

    /** Current RTO, for tests. */
    long rto() {
        return rtt.rto();
    }
}
