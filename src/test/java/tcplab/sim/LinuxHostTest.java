package tcplab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tcplab.sim.HostStory.ctl;
import static tcplab.sim.HostStory.from;
import static tcplab.sim.State.*;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import tcplab.sim.HostSnapshot.HostSegment;
import tcplab.sim.host.HostSettings;
import tcplab.sim.host.Keepalive;
import tcplab.sim.host.Nstat;
import tcplab.sim.host.SynCookies;
import tcplab.sim.host.Sysctl;
import tcplab.sim.host.TcpOptions;

/**
 * Host labs against Linux 6.x: each test names the kernel function whose behaviour it plays
 * out, and reads like the trace a learner would follow (one host at a time, 50 ms each way).
 */
class LinuxHostTest {

    private static final HostSettings LINUX = HostSettings.DEFAULTS;

    /** A connection from {@code host} made complete: SYN, SYN-ACK, ACK. */
    private static String[] handshake(String host) {
        return new String[] {"connect:" + host, "next", "next", "next"};
    }

    @Test
    @DisplayName("tcp_conn_request: a SYN gets a request socket and a SYN-ACK; tcp_check_req: the ACK makes it a socket in the accept queue")
    void requestSocketThenChild() {
        HostStory lab = HostStory.of(LINUX);
        lab.act("connect:client");
        HostSegment syn = lab.fresh().get(0);
        // 1. The client's SYN from the first ephemeral port carries Linux's four options.
        assertEquals("192.0.2.10:32768", syn.src().toString());
        assertEquals("198.51.100.20:80", syn.dst().toString());
        assertEquals(1460, syn.options().mss());
        assertTrue(syn.options().sackPermitted());
        assertEquals(7, syn.options().wscale());
        assertEquals(0L, syn.options().tsecr());
        // 2. The server keeps a request socket (SYN-RECEIVED in ss) and answers with the options echoed.
        lab.act("next");
        assertEquals(1, lab.s().listener().synQueue());
        lab.states("server/1", SYN_RECEIVED);
        HostSegment synAck = lab.fresh().get(0);
        assertEquals("SYN,ACK", synAck.segment().ctl());
        assertEquals(syn.options().tsval(), synAck.options().tsecr());
        assertEquals("server/1", synAck.connection());
        // 3. The client is ESTABLISHED; its ACK carries only the timestamp.
        lab.act("next").states("client/1", ESTABLISHED);
        HostSegment ack = lab.fresh().get(0);
        assertEquals(synAck.options().tsval(), ack.options().tsecr());
        assertNull(ack.options().mss());
        // 4. The ACK turns the request socket into a socket: the SYN queue empties, the accept queue holds it.
        lab.act("next").states("server/1", ESTABLISHED);
        assertEquals(0, lab.s().listener().synQueue());
        assertEquals(1, lab.s().listener().acceptQueue());
        assertFalse(lab.s().connection("server/1").orElseThrow().accepted());
        assertEquals(1, lab.counter("server", Nstat.TCP_PASSIVE_OPENS));
        assertEquals(1, lab.counter("client", Nstat.TCP_ACTIVE_OPENS));
        // 5. accept() takes it.
        lab.act("accept");
        assertEquals(0, lab.s().listener().acceptQueue());
        assertTrue(lab.s().connection("server/1").orElseThrow().accepted());
    }

    @Test
    @DisplayName("inet_csk_accept: with the accept queue empty accept() waits and takes the next connection to complete")
    void acceptWaits() {
        HostStory lab = HostStory.of(LINUX).act("accept");
        assertEquals(1, lab.s().listener().waitingAccepts());
        lab.act(handshake("c2"));
        assertEquals(0, lab.s().listener().acceptQueue());
        assertEquals(0, lab.s().listener().waitingAccepts());
        assertTrue(lab.s().connection("server/1").orElseThrow().accepted());
    }

    @Test
    @DisplayName("tcp_v4_connect → secure_tcp_seq: ISNs are a keyed hash of the four-tuple plus a clock that moves 15,625 per millisecond")
    void isnsFollowTheClock() {
        HostStory lab = HostStory.of(LINUX).act("connect:client", "abort:client", "wait:1000", "connect:client:32768");
        List<HostSegment> syns = lab.segments(ctl("SYN"));
        assertEquals(2, syns.size());
        // Same four-tuple, 1 s later: the hash cancels, the clock remains.
        assertEquals(1000 * 15_625L, Math.floorMod(syns.get(1).segment().seq() - syns.get(0).segment().seq(), 1L << 32));
    }

    @Test
    @DisplayName("inet_csk_reqsk_queue_is_full: backlog 2 holds 3 request sockets; tcp_syn_flood_action then sends SYN cookies (tcp_syncookies=1)")
    void fullSynQueueSendsCookies() {
        HostStory lab = HostStory.of(LINUX.withBacklog(2)).act("flood:5", "next");
        assertEquals(3, lab.s().listener().synQueue()); // "more than" the limit: one over
        assertEquals(2, lab.s().listener().synQueueMax());
        assertEquals(2, lab.counter("server", Nstat.TCP_REQ_Q_FULL_DO_COOKIES));
        assertEquals(2, lab.counter("server", Nstat.SYNCOOKIES_SENT));
        assertEquals(0, lab.counter("server", Nstat.LISTEN_DROPS));
        // Five SYN-ACKs leave in one burst to the spoofed addresses, which never answer.
        List<HostSegment> answers = lab.segments(ctl("SYN,ACK"));
        assertEquals(5, answers.size());
        assertEquals("203.0.113.1:7777", answers.get(0).dst().toString());
        assertEquals(List.of("server/1", "server/2", "server/3"),
                answers.subList(0, 3).stream().map(HostSegment::connection).toList());
        assertNull(answers.get(3).connection()); // a cookie keeps no socket
    }

    @Test
    @DisplayName("tcp_syn_flood_action: with tcp_syncookies=0 a full SYN queue drops the SYN (TCPReqQFullDrop, ListenDrops)")
    void fullSynQueueWithoutCookiesDrops() {
        HostStory lab = HostStory.of(LINUX.withBacklog(2).with(Sysctl.TCP_SYNCOOKIES, 0)).act("flood:5", "next");
        assertEquals(3, lab.s().listener().synQueue());
        assertEquals(2, lab.counter("server", Nstat.TCP_REQ_Q_FULL_DROP));
        assertEquals(2, lab.counter("server", Nstat.LISTEN_DROPS));
        assertEquals(3, lab.segments(ctl("SYN,ACK")).size());
        // A real client now gets no answer either: its SYN is dropped like the attacker's.
        lab.act("connect:client", "wait:50");
        assertEquals(3, lab.counter("server", Nstat.LISTEN_DROPS));
        lab.states("client/1", SYN_SENT);
    }

    @Test
    @DisplayName("tcp_conn_request: without cookies the last quarter of tcp_max_syn_backlog is kept for peers proven alive")
    void lastQuarterForProvenPeers() {
        HostStory lab = HostStory.of(LINUX.with(Sysctl.TCP_SYNCOOKIES, 0).with(Sysctl.TCP_MAX_SYN_BACKLOG, 8));
        lab.act(handshake("client")); // the client is now a proven peer
        lab.act("flood:10", "next");
        // 8 - qlen < 8 / 4 stops new peers at 7 request sockets.
        assertEquals(7, lab.s().listener().synQueue());
        assertEquals(3, lab.counter("server", Nstat.LISTEN_DROPS));
        lab.act("connect:client", "wait:50");
        assertEquals(8, lab.s().listener().synQueue());
        lab.act("connect:c2", "wait:50");
        assertEquals(8, lab.s().listener().synQueue());
        assertEquals(4, lab.counter("server", Nstat.LISTEN_DROPS));
    }

    @Test
    @DisplayName("sk_acceptq_is_full: backlog 2 holds 3 connections; later SYNs are dropped, each try counted (as Linux 6.18 did in tools/linux-queues.sh)")
    void acceptQueueHoldsOneMoreThanTheBacklog() {
        // Real kernel, backlog 2, five clients, no application accept(): ss -lnt showed Recv-Q 3 /
        // Send-Q 2, three clients connected, and after 3.5 s ListenOverflows = ListenDrops = 8
        // (two clients' SYNs at 0, 1, 2 and 3 s, tcp_syn_linear_timeouts keeping the RTO at 1 s).
        HostStory lab = HostStory.of(LINUX.withBacklog(2));
        lab.act(handshake("client")).act(handshake("c2")).act(handshake("c3"));
        assertEquals(3, lab.s().listener().acceptQueue());
        assertEquals(2, lab.s().listener().acceptQueueMax());
        lab.act("connect:c4", "connect:c5", "wait:3500");
        assertEquals(8, lab.counter("server", Nstat.LISTEN_OVERFLOWS));
        assertEquals(8, lab.counter("server", Nstat.LISTEN_DROPS));
        assertEquals(0, lab.s().listener().synQueue());
        lab.states("c4/1", SYN_SENT).states("c5/1", SYN_SENT);
    }

    @Test
    @DisplayName("tcp_conn_request: tcp_syncookies=2 answers every SYN with a cookie; cookie_v4_check makes the connection from the third ACK")
    void alwaysCookies() {
        // tcp_timestamps=2: timestamps without the per-pair offset, so the TSval shows the clock itself.
        HostStory lab = HostStory.of(LINUX.with(Sysctl.TCP_SYNCOOKIES, 2).with(Sysctl.TCP_TIMESTAMPS, 2));
        lab.act("connect:client", "next");
        assertEquals(0, lab.s().listener().synQueue()); // no request socket is kept
        assertEquals(1, lab.counter("server", Nstat.SYNCOOKIES_SENT));
        HostSegment syn = lab.segments(ctl("SYN")).get(0);
        HostSegment synAck = lab.segments(ctl("SYN,ACK")).get(0);
        // The cookie's timestamp hides the options in its low 6 bits: window scale 7, SACK (bit 4).
        assertEquals(7 | 1 << 4, synAck.options().tsval() & 63);
        assertTrue(synAck.options().tsval() <= synAck.sentAt()); // kept at or below the clock (cookie_init_timestamp)
        lab.act("next", "next").states("client/1", ESTABLISHED).states("server/1", ESTABLISHED);
        assertEquals(1, lab.counter("server", Nstat.SYNCOOKIES_RECV));
        assertEquals(1, lab.s().listener().acceptQueue());
        assertEquals(syn.segment().seq(), lab.s().connection("server/1").orElseThrow().irs());
        assertEquals(synAck.segment().seq(), lab.s().connection("server/1").orElseThrow().iss());
    }

    @Test
    @DisplayName("SYN cookies: a cookie SYN-ACK is not resent; a lost one is replaced when the client resends its SYN")
    void cookieSynAckIsNotResent() {
        HostStory lab = HostStory.of(LINUX.with(Sysctl.TCP_SYNCOOKIES, 2));
        lab.act("connect:client", "next", "drop", "wait:3000");
        // Only the client's timer works: SYN at 0 and 1000 ms; two SYN-ACKs, each a fresh answer.
        assertEquals(List.of(0L, 1000L), lab.segments(ctl("SYN")).stream().map(HostSegment::sentAt).toList());
        List<HostSegment> answers = lab.segments(ctl("SYN,ACK"));
        assertEquals(List.of(50L, 1050L), answers.stream().map(HostSegment::sentAt).toList());
        assertFalse(answers.get(1).retransmission());
        lab.states("client/1", ESTABLISHED).states("server/1", ESTABLISHED);
    }

    @Test
    @DisplayName("cookie_v4_check: a cookie more than two minutes old fails (SyncookiesFailed) and the listener answers RST")
    void staleCookieFails() {
        HostStory lab = HostStory.of(LINUX.with(Sysctl.TCP_SYNCOOKIES, 2));
        lab.act("connect:client", "next", "next", "drop"); // client ESTABLISHED, its ACK lost
        lab.act("wait:130000", "connect:c2", "next");    // a fresh cookie keeps the check on (tcp_synq_no_recent_overflow)
        lab.act("send:client:late", "wait:50");
        assertEquals(1, lab.counter("server", Nstat.SYNCOOKIES_FAILED));
        assertEquals(1, lab.segments(ctl("RST").and(from("server"))).size());
        lab.act("wait:50").states("client/1", CLOSED).told("client/1", "read", "ECONNRESET");
    }

    /** Two clients' SYNs both get request sockets; the first ACK fills backlog 1's accept queue (2 sockets). */
    private static HostStory acceptQueueFullWhenC3Acks(HostSettings settings) {
        HostStory lab = HostStory.of(settings.withBacklog(1));
        lab.act(handshake("client"));                  // server/1 in the accept queue
        lab.act("connect:c2", "connect:c3", "next", "next"); // two request sockets
        lab.act("next", "next");                       // both clients ESTABLISHED, their ACKs in flight
        lab.act("next");                               // c2's ACK: server/2 joins, the queue is full (2 > 1)
        assertEquals(2, lab.s().listener().acceptQueue());
        lab.act("next");                               // c3's ACK
        return lab;
    }

    @Test
    @DisplayName("tcp_check_req: third ACK on a full accept queue is dropped and the SYN-ACK resent")
    void thirdAckOnFullAcceptQueue() {
        HostStory lab = acceptQueueFullWhenC3Acks(LINUX);
        assertEquals(1, lab.counter("server", Nstat.LISTEN_OVERFLOWS));
        assertEquals(1, lab.counter("server", Nstat.LISTEN_DROPS));
        // The client believes it is connected; the server still has only a request socket.
        lab.states("c3/1", ESTABLISHED).states("server/3", SYN_RECEIVED);
        assertEquals(1, lab.s().listener().synQueue());
        // The client even sends data: dropped too.
        lab.act("send:c3:GET%20%2F", "next");
        assertEquals(2, lab.counter("server", Nstat.LISTEN_OVERFLOWS));
        // The request socket's timer (1 s after its SYN) resends the SYN-ACK; the client answers with an ACK.
        lab.act("wait:1000");
        List<HostSegment> resent = lab.segments(ctl("SYN,ACK").and(s -> "server/3".equals(s.connection())));
        assertEquals(2, resent.size());
        assertTrue(resent.get(1).retransmission());
        assertEquals(1200L, resent.get(1).sentAt()); // created at 200 ms
        // The application accepts one: the next retransmission of the data makes the socket, data and all.
        lab.act("accept", "wait:3000");
        lab.states("server/3", ESTABLISHED);
        assertEquals(2, lab.s().listener().acceptQueue());
    }

    @Test
    @DisplayName("tcp_check_req: with tcp_abort_on_overflow=1 the third ACK on a full accept queue is answered with RST")
    void abortOnOverflow() {
        HostStory lab = acceptQueueFullWhenC3Acks(LINUX.with(Sysctl.TCP_ABORT_ON_OVERFLOW, 1));
        assertEquals(0, lab.s().listener().synQueue());
        assertEquals(1, lab.counter("server", Nstat.EMBRYONIC_RSTS));
        HostSegment rst = lab.segments(ctl("RST")).get(0);
        assertEquals("c3", rst.to());
        // The RST is explained by the overflow (SK_RST_REASON_TCP_ABORT_ON_OVERFLOW), not by a SYN on a request socket.
        List<Why> whys = lab.s().events().stream()
                .filter(e -> e.event() instanceof SegmentSent sent && sent.segment().flags().contains(Flag.RST))
                .map(e -> ((SegmentSent) e.event()).reason().why()).toList();
        assertEquals(List.of(Why.SENDS_RST_OVERFLOW), whys);
        lab.act("next").states("c3/1", CLOSED).told("c3/1", "read", "ECONNRESET");
    }

    @Test
    @DisplayName("reqsk_timer_handler: a request socket resends its SYN-ACK after 1, 3, 7, 15 and 31 s and is dropped at 63 s (tcp_synack_retries=5)")
    void synAckRetries() {
        HostStory lab = HostStory.of(LINUX).act("flood:1", "next", "wait:70000");
        List<Long> sent = lab.segments(ctl("SYN,ACK")).stream().map(HostSegment::sentAt).toList();
        assertEquals(List.of(50L, 1050L, 3050L, 7050L, 15050L, 31050L), sent);
        assertEquals(0, lab.s().listener().synQueue());
        assertEquals(6, lab.counter("server", Nstat.TCP_TIMEOUTS)); // tcp_syn_ack_timeout, each time the timer fires
        HostStory two = HostStory.of(LINUX.with(Sysctl.TCP_SYNACK_RETRIES, 2)).act("flood:1", "next", "wait:70000");
        assertEquals(List.of(50L, 1050L, 3050L), two.segments(ctl("SYN,ACK")).stream().map(HostSegment::sentAt).toList());
    }

    @Test
    @DisplayName("reqsk_timer_handler: when old request sockets fill more than half the queue they get fewer retries")
    void oldRequestSocketsArePruned() {
        // backlog 16: a flood of 17 fills the queue; at the first timeout none is young any more.
        HostStory lab = HostStory.of(LINUX.withBacklog(16).with(Sysctl.TCP_SYNCOOKIES, 0)).act("flood:17", "next", "wait:70000");
        long resends = lab.segments(ctl("SYN,ACK")).stream().filter(HostSegment::retransmission).count();
        // Second timeout: qlen 17 > 8 and none young, so the limit falls to 2. Third: each request
        // socket checks in turn; 9 expire, and once qlen is 8 (8 * 2 is not more than 16) the limit is
        // tcp_synack_retries again, so the last 8 go on to five resends.
        assertEquals(17 * 2 + 8 * 3, resends);
    }

    @Test
    @DisplayName("flood:N: 10,000 spoofed SYNs in one step; replay stays exact and cheap")
    void floodOfTenThousand() throws BadActionException {
        List<String> words = List.of("flood:10000", "next", "wait:1000", "connect:client", "wait:200");
        HostSnapshot a = HostLab.replay(7L, Profile.LINUX, LINUX.withBacklog(128), words);
        HostSnapshot b = HostLab.replay(7L, Profile.LINUX, LINUX.withBacklog(128), words);
        assertEquals(a.trace(), b.trace());
        assertEquals(129, a.listener().synQueue());
        assertEquals(10_000 - 129, a.counter("server", Nstat.SYNCOOKIES_SENT) - 1); // and the client's SYN got one too
        assertEquals(a.segments().size(), b.segments().size());
        assertEquals(a.segments().get(9_999), b.segments().get(9_999));
        assertEquals("203.0.113.94:7816", a.segments().get(9_999).src().toString()); // 10,000th: .94, port 7777 + 39
        // The real client still gets in, through a cookie.
        assertEquals(ESTABLISHED, a.connection("client/1").orElseThrow().state());
        assertEquals(1, a.counter("server", Nstat.SYNCOOKIES_RECV));
    }

    /** Open and close one connection from the client, the client closing first (so TIME-WAIT is the client's). */
    private static String[] openAndCloseFromClient(int k) {
        return new String[] {"connect:client", "next", "next", "next", "accept", "close:client", "next", "next",
                "close:server/" + k, "next", "next"};
    }

    @Test
    @DisplayName("__inet_hash_connect: with three ports in TIME-WAIT the fourth connect() fails with EADDRNOTAVAIL")
    void portExhaustion() {
        HostStory lab = HostStory.of(LINUX.with(Sysctl.IP_LOCAL_PORT_RANGE, "50000-50002"));
        for (int k = 1; k <= 3; k++) lab.act(openAndCloseFromClient(k));
        assertEquals(List.of(TIME_WAIT, TIME_WAIT, TIME_WAIT),
                List.of(lab.state("client/1"), lab.state("client/2"), lab.state("client/3")));
        assertEquals(List.of("192.0.2.10:50000", "192.0.2.10:50001", "192.0.2.10:50002"),
                lab.s().connections().stream().filter(c -> c.host().equals("client")).map(c -> c.local().toString()).toList());
        lab.act("connect:client").told("client", "connect", "EADDRNOTAVAIL");
        // tcp_tw_reuse=2 (the default) reuses only loopback TIME-WAITs. After 60 s TIME-WAIT ends (TcpExtTW).
        lab.act("wait:60000");
        assertEquals(3, lab.counter("client", Nstat.TW));
        lab.act("connect:client").states("client/4", SYN_SENT);
    }

    @Test
    @DisplayName("tcp_twsk_unique: with tcp_tw_reuse=1 and timestamps connect() takes a TIME-WAIT port 1 s after it entered TIME-WAIT, ISN = tw_snd_nxt + 65537")
    void timeWaitReuse() {
        HostStory lab = HostStory.of(LINUX.with(Sysctl.IP_LOCAL_PORT_RANGE, "50000-50000").with(Sysctl.TCP_TW_REUSE, 1));
        lab.act(openAndCloseFromClient(1));
        long twSndNxt = lab.s().connection("client/1").orElseThrow().sndNxt();
        lab.act("connect:client").told("client", "connect", "EADDRNOTAVAIL"); // not yet: tcp_tw_reuse_delay is 1 s
        lab.act("wait:1000", "connect:client").states("client/1", CLOSED).states("client/2", SYN_SENT);
        assertEquals(twSndNxt + 65537, lab.s().connection("client/2").orElseThrow().iss());
        // Without timestamps there is nothing to protect the new connection: no reuse.
        HostStory off = HostStory.of(LINUX.with(Sysctl.IP_LOCAL_PORT_RANGE, "50000-50000").with(Sysctl.TCP_TW_REUSE, 1)
                .with(Sysctl.TCP_TIMESTAMPS, 0));
        off.act(openAndCloseFromClient(1)).act("wait:1000", "connect:client").told("client", "connect", "EADDRNOTAVAIL");
        assertTrue(off.segments(s -> true).stream().allMatch(s -> s.options().tsval() == null));
    }

    @Test
    @DisplayName("inet_twsk_alloc: beyond tcp_max_tw_buckets a closing socket skips TIME-WAIT (TCPTimeWaitOverflow)")
    void timeWaitBuckets() {
        HostStory lab = HostStory.of(LINUX.with(Sysctl.TCP_MAX_TW_BUCKETS, 1));
        lab.act(openAndCloseFromClient(1)).act(openAndCloseFromClient(2));
        lab.states("client/1", TIME_WAIT).states("client/2", CLOSED);
        assertEquals(1, lab.counter("client", Nstat.TCP_TIME_WAIT_OVERFLOW));
    }

    /** The server closes first, so TIME-WAIT is the server's. */
    private static String[] openAndCloseFromServer() {
        return new String[] {"connect:client", "next", "next", "next", "accept", "close:server/1", "next", "next",
                "close:client", "next", "next"};
    }

    @Test
    @DisplayName("tcp_timewait_state_process: a new SYN at the server's TIME-WAIT socket opens a connection with ISN = tw_snd_nxt + 65537")
    void newSynAtServerTimeWait() {
        HostStory lab = HostStory.of(LINUX).act(openAndCloseFromServer());
        lab.states("server/1", TIME_WAIT).states("client/1", CLOSED);
        long twSndNxt = lab.s().connection("server/1").orElseThrow().sndNxt();
        lab.act("connect:client:32768", "next"); // the same four-tuple, as after bind() with SO_REUSEADDR
        lab.states("server/1", CLOSED).states("server/2", SYN_RECEIVED);
        assertEquals(twSndNxt + 65537, lab.s().connection("server/2").orElseThrow().iss());
        lab.act("next", "next").states("client/2", ESTABLISHED).states("server/2", ESTABLISHED);
    }

    /** Client in TIME-WAIT; the server's retransmitted FIN is still in flight when the server reboots. */
    private static HostStory rstAtTimeWait(HostSettings settings) {
        HostStory lab = HostStory.of(settings);
        lab.act("connect:client", "next", "next", "next", "accept", "close:client", "next", "next", "close:server/1", "next");
        lab.states("client/1", TIME_WAIT);
        lab.act("drop", "wait:250");           // the last ACK is lost; the server resends its FIN at 550 ms (RTO 300 ms)
        lab.act("reboot:server", "next", "next"); // TIME-WAIT acknowledges it; the rebooted server answers RST
        lab.act("next");
        return lab;
    }

    @Test
    @DisplayName("tcp_timewait_state_process: a RST ends TIME-WAIT (assassination, RFC 1337) unless tcp_rfc1337=1")
    void timeWaitAssassination() {
        HostStory killed = rstAtTimeWait(LINUX);
        killed.states("client/1", CLOSED);
        assertEquals(1, killed.segments(ctl("RST").and(from("server"))).size());
        HostStory kept = rstAtTimeWait(LINUX.with(Sysctl.TCP_RFC1337, 1));
        kept.states("client/1", TIME_WAIT);
    }

    @Test
    @DisplayName("tcp_keepalive_timer: probes after tcp_keepalive_time, every tcp_keepalive_intvl; after tcp_keepalive_probes a RST and ETIMEDOUT")
    void keepaliveFindsACrashedPeer() {
        HostSettings s = LINUX.withKeepalive(Keepalive.CLIENT).with(Sysctl.TCP_KEEPALIVE_TIME, 10)
                .with(Sysctl.TCP_KEEPALIVE_INTVL, 2).with(Sysctl.TCP_KEEPALIVE_PROBES, 3);
        HostStory lab = HostStory.of(s).act(handshake("client")).act("crash:server", "wait:20000");
        // Received last at 100 ms: probes at 10.1, 12.1 and 14.1 s, each <SEQ=SND.UNA-1>; at 16.1 s the RST.
        List<HostSegment> probes = lab.segments(from("client").and(ctl("ACK")).and(p -> p.sentAt() > 1000));
        assertEquals(List.of(10_100L, 12_100L, 14_100L), probes.stream().map(HostSegment::sentAt).toList());
        long una = lab.segments(ctl("SYN")).get(0).segment().seq() + 1;
        assertEquals((una - 1) & 0xFFFF_FFFFL, probes.get(0).segment().seq());
        assertTrue(probes.stream().allMatch(p -> p.fate() == Fate.LOST)); // the server is down
        assertEquals(16_100L, lab.segments(ctl("RST,ACK")).get(0).sentAt());
        lab.states("client/1", CLOSED).told("client/1", "read", "ETIMEDOUT");
        assertEquals(3, lab.counter("client", Nstat.TCP_KEEP_ALIVE));
        assertEquals(1, lab.counter("client", Nstat.TCP_ABORT_ON_TIMEOUT));
    }

    @Test
    @DisplayName("tcp_keepalive_timer: a rebooted peer answers the probe with RST (ECONNRESET); a live one with an ACK that keeps the connection")
    void keepaliveProbeAnswers() {
        HostSettings s = LINUX.withKeepalive(Keepalive.CLIENT).with(Sysctl.TCP_KEEPALIVE_TIME, 10);
        HostStory alive = HostStory.of(s).act(handshake("client")).act("wait:90000");
        alive.states("client/1", ESTABLISHED);
        // After a probe the timer waits tcp_keepalive_intvl (75 s); the answer reset the count, so it probes again.
        assertEquals(List.of(10_100L, 85_100L), alive.segments(from("client").and(p -> p.sentAt() > 1000))
                .stream().map(HostSegment::sentAt).toList());
        assertEquals(2, alive.counter("client", Nstat.TCP_KEEP_ALIVE));
        HostStory rebooted = HostStory.of(s).act(handshake("client")).act("reboot:server", "wait:11000");
        rebooted.states("client/1", CLOSED).told("client/1", "read", "ECONNRESET");
        assertEquals(1, rebooted.segments(ctl("RST").and(from("server"))).size());
    }

    @Test
    @DisplayName("tcp_diag_get_info: Recv-Q is rcv_nxt - copied_seq, so data and a FIN nobody has accepted or read count")
    void recvQCountsUnreadDataAndFin() {
        HostStory lab = HostStory.of(LINUX).act(handshake("client")).act("send:client:hello", "next", "next");
        assertEquals(5, lab.s().connection("server/1").orElseThrow().recvQ());
        lab.act("exit:client", "next", "next");
        lab.states("server/1", CLOSE_WAIT);
        assertEquals(6, lab.s().connection("server/1").orElseThrow().recvQ());
        lab.act("accept"); // the application takes it and reads everything, end of file included
        assertEquals(0, lab.s().connection("server/1").orElseThrow().recvQ());
    }

    @Test
    @DisplayName("accept: a connection still in the accept queue has no file descriptor, so no application call can reach it")
    void noCallBeforeAccept() {
        HostStory lab = HostStory.of(LINUX).act(handshake("client"));
        lab.states("server/1", ESTABLISHED);
        for (String call : List.of("close:server/1", "exit:server/1", "abort:server/1", "send:server/1:hi")) {
            assertFalse(lab.s().offered().contains(call), call + " is not offered");
            BadActionException e = org.junit.jupiter.api.Assertions.assertThrows(BadActionException.class,
                    () -> LabSpec.parseHost(String.join(",", lab.s().actions()) + "," + call, null, null, java.util.Map.of()).replayHost());
            assertEquals(BadActionException.Problem.NOT_ACCEPTED, e.problem(), call);
        }
        lab.act("accept");
        assertTrue(lab.s().offered().contains("close:server/1"));
        lab.act("send:server:hi").states("server/1", ESTABLISHED); // without a number: the accepted connection
    }

    @Test
    @DisplayName("tcp_rcv_state_process and tcp_fin_timeout: CLOSE-WAIT forever on the server, the client's orphan FIN-WAIT-2 gone after 60 s, the late write answered by RST")
    void closeWaitLeak() {
        HostStory lab = HostStory.of(LINUX).act(handshake("client")).act("accept", "exit:client", "next", "next");
        lab.states("server/1", CLOSE_WAIT).states("client/1", FIN_WAIT_2);
        lab.act("wait:60000").states("client/1", CLOSED).states("server/1", CLOSE_WAIT);
        lab.act("wait:600000").states("server/1", CLOSE_WAIT); // nothing ends it
        lab.act("send:server/1:late", "next", "next");
        lab.states("server/1", CLOSED).told("server/1", "write", "EPIPE");
        assertEquals(1, lab.counter("server", Nstat.TCP_ESTAB_RESETS));
    }

    @Test
    @DisplayName("tcp_write_timeout: tcp_syn_retries=2 gives up after 4 linear and 2 backed-off SYN retransmissions: connect() fails with ETIMEDOUT at 11 s")
    void synRetries() {
        HostStory lab = HostStory.of(LINUX.with(Sysctl.TCP_SYN_RETRIES, 2)).act("crash:server", "connect:client", "wait:20000");
        assertEquals(List.of(0L, 1000L, 2000L, 3000L, 4000L, 5000L, 7000L),
                lab.segments(ctl("SYN")).stream().map(HostSegment::sentAt).toList());
        lab.states("client/1", CLOSED).told("client/1", "connect", "ETIMEDOUT");
        assertEquals(11_000L, lab.errors().get(0).at());
        assertEquals(1, lab.counter("client", Nstat.TCP_ABORT_ON_TIMEOUT));
    }

    @Test
    @DisplayName("tcp_orphan_retries: an orphan's FIN is retried for tcp_model_timeout(limit); 0 means 8 (102.2 s), 2 gives up at the first timeout 1.4 s after the first retry")
    void orphanRetries() {
        String[] words = {"connect:client", "next", "next", "next", "crash:server", "exit:client", "wait:3000"};
        HostStory two = HostStory.of(LINUX.with(Sysctl.TCP_ORPHAN_RETRIES, 2)).act(words);
        // RTO 300 ms after the handshake's sample: FIN at 150, resent at 450 and 1050; at 2250 it gives up.
        assertEquals(List.of(150L, 450L, 1050L), two.segments(ctl("FIN,ACK")).stream().map(HostSegment::sentAt).toList());
        two.states("client/1", CLOSED);
        assertTrue(two.errors().isEmpty()); // nobody is left to tell
        assertEquals(1, two.counter("client", Nstat.TCP_ABORT_ON_TIMEOUT));
        HostStory byDefault = HostStory.of(LINUX).act(words);
        byDefault.states("client/1", FIN_WAIT_1);
        byDefault.act("wait:150000").states("client/1", FIN_WAIT_1); // 102.2 s after 450 ms has passed, but the next timeout is at 153.45 s
        byDefault.act("wait:1000").states("client/1", CLOSED);
    }

    @Test
    @DisplayName("tcp_fin_timeout: an orphan's FIN-WAIT-2 lasts tcp_fin_timeout seconds")
    void finTimeout() {
        HostStory lab = HostStory.of(LINUX.with(Sysctl.TCP_FIN_TIMEOUT, 5)).act(handshake("client")).act("exit:client", "next", "next");
        lab.states("client/1", FIN_WAIT_2).act("wait:4999").states("client/1", FIN_WAIT_2).act("wait:1").states("client/1", CLOSED);
    }

    @Test
    @DisplayName("crash:HOST: nothing in or out, no RST; segments to it are lost")
    void crashedHostIsSilent() {
        HostStory lab = HostStory.of(LINUX).act(handshake("client")).act("accept", "crash:client", "send:server/1:hello", "next");
        assertEquals(Fate.LOST, lab.segments(from("server").and(s -> !s.segment().data().isEmpty())).get(0).fate());
        assertTrue(lab.segments(ctl("RST")).isEmpty());
        assertFalse(lab.s().hosts().get(1).up());
    }

    @Test
    @DisplayName("unlisten (inet_csk_listen_stop): connections never accepted are reset; new SYNs get RST")
    void unlisten() {
        HostStory lab = HostStory.of(LINUX).act(handshake("client")).act("unlisten", "next");
        lab.states("server/1", CLOSED).states("client/1", CLOSED);
        lab.act("connect:c2", "next", "next").states("c2/1", CLOSED).told("c2/1", "connect", "ECONNREFUSED");
        assertFalse(lab.s().listener().open());
        lab.act("accept").told("server", "accept", "EINVAL");
    }

    @Test
    @DisplayName("Bad words are rejected with their position; RFC errors are not")
    void badWords() {
        assertRejected(List.of("flood:10001"), 1, BadActionException.Problem.BAD_NUMBER);
        assertRejected(List.of("flood:0"), 1, BadActionException.Problem.BAD_NUMBER);
        assertRejected(List.of("connect:server"), 1, BadActionException.Problem.BAD_HOST);
        assertRejected(List.of("connect:c10"), 1, BadActionException.Problem.BAD_HOST);
        assertRejected(List.of("connect:client", "close:c2"), 2, BadActionException.Problem.NO_SUCH_CONNECTION);
        assertRejected(List.of("connect:client", "close:client/2"), 2, BadActionException.Problem.NO_SUCH_CONNECTION);
        assertRejected(List.of("next"), 1, BadActionException.Problem.NOTHING_PENDING);
        assertRejected(List.of("crash:client", "connect:client"), 2, BadActionException.Problem.HOST_DOWN);
        assertRejected(List.of("wait:0"), 1, BadActionException.Problem.BAD_NUMBER);
        assertRejected(List.of("connect:client", "drop:2"), 2, BadActionException.Problem.NO_SUCH_SEGMENT);
        HostStory lab = HostStory.of(LINUX).act("connect:client", "close:client", "close:client"); // "connection does not exist"
        assertNotNull(lab.s());
    }

    private static void assertRejected(List<String> words, int position, BadActionException.Problem problem) {
        try {
            HostLab.replay(null, Profile.LINUX, LINUX, words);
            throw new AssertionError("accepted " + words);
        } catch (BadActionException e) {
            assertEquals(position, e.position(), e.getMessage());
            assertEquals(problem, e.problem(), e.getMessage());
        }
    }

    @Test
    @DisplayName("__cookie_v4_init_sequence / __cookie_v4_check: a cookie decodes to its MSS for two minutes, then fails")
    void cookieCodec() {
        SynCookies cookies = new SynCookies(42);
        var client = new tcplab.sim.host.Address("192.0.2.10", 40000);
        var server = new tcplab.sim.host.Address("198.51.100.20", 80);
        SynCookies.Parts p = cookies.make(client, server, 1000, 1400, 30_000);
        assertEquals(1300, p.mss()); // rounded down to msstab
        assertEquals(0, p.count());
        long ack = p.isn() + 1;
        assertEquals(1300, cookies.check(client, server, 1001, ack, 30_000));
        assertEquals(1300, cookies.check(client, server, 1001, ack, 119_999)); // count 1: still good
        assertEquals(0, cookies.check(client, server, 1001, ack, 120_000));    // count 2: too old
        // Linux's check is weak by design: a client ISN one higher leaves index 0 (536), a far one fails.
        assertEquals(536, cookies.check(client, server, 1002, ack, 30_000));
        assertEquals(0, cookies.check(client, server, 1001 + (1 << 20), ack, 30_000));
        assertEquals(0, cookies.check(new tcplab.sim.host.Address("192.0.2.11", 40000), server, 1001, ack, 30_000));
        assertEquals(TcpOptions.LINUX_MSS, SynCookies.MSS_TABLE[SynCookies.mssIndex(1460)]);
        assertEquals(536, SynCookies.MSS_TABLE[SynCookies.mssIndex(100)]);
    }
}
