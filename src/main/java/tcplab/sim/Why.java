package tcplab.sim;

/**
 * Every reason the simulator gives, as a closed set. Each has an English
 * {@link java.text.MessageFormat} pattern; the web layer translates by {@link #name()}.
 * Arguments are plain strings (numbers already formatted).
 */
public enum Why {
    // user calls and their RFC 9293 error replies
    USER_CALL("application call"),
    SCRIPTED_CALL("scripted by the scenario"),
    CONNECTION_ALREADY_EXISTS("connection already exists"),
    CONNECTION_DOES_NOT_EXIST("connection does not exist"),
    CONNECTION_CLOSING("connection closing"),
    FOREIGN_SOCKET_UNSPECIFIED("foreign socket unspecified"),

    // state changes
    PASSIVE_OPEN("listen"),
    ACTIVE_OPEN("connect"),
    CLOSE_LISTEN("close: the listening socket is closed"),
    CLOSE_IN_SYN_SENT("close before the connection opened: the TCB is deleted"),
    CLOSE_SENDS_FIN("close: our FIN is sent"),
    ABORT("abort"),
    HOST_CRASH("the host crashed and lost the connection"),
    LISTENER_TAKES_SYN("the listening socket takes the new SYN"),
    SYN_RECEIVED_PASSIVE("a SYN arrived (SEQ={0})"),
    SYN_RECEIVED_ACTIVE("a SYN crossed ours (SEQ={0}): simultaneous open"),
    SYN_ACK_ACKED("the SYN-ACK acknowledged our SYN (ACK={0})"),
    SYN_ACK_ACKED_BY_PEER("the ACK acknowledged our SYN (ACK={0})"),
    CROSSING_SYN_ACK("the crossing SYN-ACK acknowledged our SYN (ACK={0}); Linux accepts it"),
    TWO_WAY_SYN_OPENS("a SYN alone opens the connection (SEQ={0}) in this two-way protocol"),
    CONNECTION_REFUSED("connection refused: a RST answered our SYN"),
    CONNECTION_RESET("connection reset by the peer"),
    RESET_RECEIVED("a RST closed the connection"),
    RESET_BACK_TO_LISTEN("a RST sent the connection still in its handshake back to LISTEN"),
    SYN_BACK_TO_LISTEN("a new SYN in SYN-RECEIVED sent the connection back to LISTEN"),
    FIN_ACKED("our FIN was acknowledged (ACK={0})"),
    LAST_ACK_ACKED("the last ACK acknowledged our FIN (ACK={0})"),
    FIN_RECEIVED("the peer''s FIN arrived (SEQ={0})"),
    FIN_RECEIVED_CLOSING("the peer''s FIN arrived (SEQ={0}) before the ACK of ours: simultaneous close"),
    TIME_WAIT_EXPIRED("TIME-WAIT ended after {0} s"),
    FIN_WAIT_2_EXPIRED("the orphaned connection waited {0} s in FIN-WAIT-2 (tcp_fin_timeout)"),
    TIME_WAIT_ASSASSINATED("a RST ended TIME-WAIT early"),
    TIME_WAIT_NEW_SYN("a new SYN (SEQ={0}) above RCV.NXT={1} ends TIME-WAIT (Linux reuses the port)"),
    SYN_RETRIES_EXHAUSTED("no answer to the SYN after {0} retransmissions: the connection attempt timed out"),
    SYN_ACK_RETRIES_EXHAUSTED("no ACK of the SYN-ACK after {0} retransmissions: the request leaves the SYN queue"),
    RETRIES_EXHAUSTED("no acknowledgment after {0} retransmissions: the connection timed out"),
    DATA_AFTER_EXIT("data arrived for an application that has exited: the connection is reset"),
    DATA_DELIVERED("in-order data"),

    // segments
    SEGMENT_SENT("sent"),
    SEGMENT_ARRIVED("arrived"),
    SEGMENT_INJECTED("an old duplicate from an earlier connection"),
    SEGMENT_DUPLICATED("duplicated by the network"),
    SEGMENT_DROPPED("dropped by the learner"),
    SENDS_SYN("active open: SYN with ISS={0}"),
    SENDS_SYN_ACK("answering the SYN: SYN-ACK with ISS={0}"),
    SENDS_SYN_ACK_SIMULTANEOUS("simultaneous open: SYN-ACK repeating ISS={0}"),
    SENDS_DATA("the application''s data"),
    SENDS_FIN("close: FIN"),
    SENDS_ACK_OF_SYN_ACK("acknowledging the SYN-ACK"),
    SENDS_ACK_OF_DATA("acknowledging data"),
    SENDS_ACK_OF_FIN("acknowledging the FIN"),
    SENDS_ACK_DELAYED("the delayed ACK is due"),
    SENDS_ACK_SECOND_SEGMENT("a second segment: acknowledged at once"),
    SENDS_ACK_UNACCEPTABLE("SEQ={0} is outside the window at RCV.NXT={1}: ACK with what we expect"),
    SENDS_ACK_OUT_OF_ORDER("SEQ={0} is ahead of RCV.NXT={1}: duplicate ACK"),
    SENDS_ACK_ACK_TOO_HIGH("ACK={0} acknowledges something not yet sent"),
    SENDS_ACK_TIME_WAIT("TIME-WAIT acknowledges the retransmitted segment"),
    SENDS_CHALLENGE_ACK_RST("challenge ACK (RFC 5961): the RST''s SEQ={0} is not RCV.NXT={1}"),
    SENDS_CHALLENGE_ACK_SYN("challenge ACK (RFC 5961): a SYN in a synchronized state"),
    SENDS_RST_NO_CONNECTION("no connection exists for this segment"),
    SENDS_RST_ACK_IN_LISTEN("an ACK for a listening socket"),
    SENDS_RST_BAD_ACK("the ACK does not acknowledge our SYN"),
    SENDS_RST_EMBRYONIC("a new SYN for a connection still in its handshake (Linux)"),
    SENDS_RST_ABORT("abort"),
    SENDS_RST_DATA_AFTER_EXIT("data for an application that has exited"),
    RESENDS_AFTER_TIMEOUT("retransmission timeout ({0})"),
    RESENDS_SYN_ACK_FOR_SYN("the SYN (SEQ={0}) came again: the SYN-ACK is resent (Linux)"),

    // timers
    TIMER_EXPIRED("timer expired"),
    RETRANSMISSION_ARMED("waiting for the ACK"),
    RETRANSMISSION_RESTARTED("restarted"),
    RETRANSMISSION_BACKOFF("backed off"),
    RETRANSMISSION_SOON("a RST went out for a stray ACK: resend the SYN at once (Linux)"),
    ALL_ACKED("everything sent is acknowledged (ACK={0})"),
    ACK_SENT("an ACK went out"),
    DELAYED_ACK_ARMED("delayed ACK"),
    TIME_WAIT_ARMED("TIME-WAIT"),
    TIME_WAIT_RESTARTED("TIME-WAIT restarted"),
    FIN_WAIT_2_ARMED("orphaned connection in FIN-WAIT-2"),

    // host labs: keepalive, TIME-WAIT, the listener's queues, SYN cookies, hosts
    KEEPALIVE_ARMED("keepalive (SO_KEEPALIVE)"),
    SENDS_KEEPALIVE_PROBE("keepalive probe {0}: SEQ=SND.UNA-1, which the peer must acknowledge"),
    SENDS_RST_KEEPALIVE("the keepalive probes went unanswered: RST"),
    KEEPALIVE_TIMED_OUT("{0} keepalive probes went unanswered: the connection timed out"),
    TIME_WAIT_OVERFLOW("no room for another TIME-WAIT socket (tcp_max_tw_buckets): the socket just closes"),
    REQUEST_BECOMES_SOCKET("the third ACK turns the request socket for SYN {0} into a socket"),
    TIME_WAIT_REUSED("connect() takes over this TIME-WAIT socket''s port (tcp_twsk_unique)"),
    TIME_WAIT_RFC1337("RFC 1337: TIME-WAIT ignores the RST (tcp_rfc1337=1)"),
    REQUEST_SOCKET_CREATED("a request socket for SYN {0} joins the SYN queue ({1} in it; the limit is {2})"),
    SENDS_SYN_ACK_COOKIE("SYN cookie: SYN-ACK with ISS={0}; no request socket is kept"),
    SYN_DROPPED_SYN_QUEUE_FULL("the SYN queue is full and tcp_syncookies=0: the SYN is dropped"),
    SYN_DROPPED_ACCEPT_QUEUE_FULL("the accept queue is full: the SYN is dropped"),
    SYN_DROPPED_UNPROVEN("the last quarter of tcp_max_syn_backlog is kept for peers seen before: the SYN is dropped"),
    ACK_DROPPED_ACCEPT_QUEUE_FULL("the accept queue is full ({0} in it; the limit is {1}): the third ACK is dropped and the SYN-ACK will be resent"),
    SENDS_RST_OVERFLOW("the accept queue is full and tcp_abort_on_overflow=1: RST"),
    RESENDS_SYN_ACK_REQUEST("the request socket''s timer: SYN-ACK resent ({0})"),
    REQUEST_EXPIRED("no ACK after {0} SYN-ACK retransmissions: the request socket is dropped"),
    COOKIE_ACCEPTED("the ACK carries a valid SYN cookie (MSS {0}): the connection is made without a request socket"),
    COOKIE_FAILED("the ACK does not carry a valid SYN cookie"),
    FLOOD_SENT("the attacker sends {0} SYNs from spoofed addresses"),
    FLOOD_ARRIVED("{0} SYNs arrive: {1} request sockets, {2} SYN cookies, {3} dropped"),
    FLOOD_SYN_ACKS("{0} SYN-ACKs to the spoofed addresses (segments {1}–{2})"),
    FLOOD_SYN_ACKS_RESENT("{0} SYN-ACKs resent to the spoofed addresses (segments {1}–{2})"),
    FLOOD_TIMERS("{0} request sockets'' timers: {1} SYN-ACKs resent, {2} request sockets dropped"),
    CONNECT_NO_PORT("no free local port in ip_local_port_range {0}: EADDRNOTAVAIL"),
    ACCEPTED("accept() returns the connection"),
    ACCEPT_WAITS("accept() waits: the accept queue is empty"),
    ACCEPT_NOT_LISTENING("accept() on a socket that no longer listens: EINVAL"),
    LISTENER_CLOSED("the application closes its listening socket"),
    SENDS_RST_UNACCEPTED("the listening socket closed before the application accepted this connection: RST"),
    HOST_CRASHED("the host crashed: nothing goes in or out"),
    HOST_REBOOTED("the host is back, with no connections"),
    SEGMENT_TO_DOWN_HOST("the host is down: the segment is lost"),
    SENDS_RST_LISTENER("an ACK for the listening socket matches no request socket or cookie");

    private final String pattern;

    Why(String pattern) {
        this.pattern = pattern;
    }

    public String pattern() {
        return pattern;
    }
}
