package tcplab.sim.host;

/**
 * The counters a host lab keeps, named as {@code nstat} prints them (SNMP "Tcp" and the
 * Linux MIB "TcpExt"). Each is moved where the named kernel function moves it.
 */
public enum Nstat {
    /** tcp_connect. */
    TCP_ACTIVE_OPENS("TcpActiveOpens"),
    /** tcp_create_openreq_child. */
    TCP_PASSIVE_OPENS("TcpPassiveOpens"),
    /** tcp_done / tcp_check_req: a connection attempt that failed (SYN-SENT or SYN-RECEIVED to CLOSED). */
    TCP_ATTEMPT_FAILS("TcpAttemptFails"),
    /** tcp_set_state: ESTABLISHED or CLOSE-WAIT straight to CLOSED. */
    TCP_ESTAB_RESETS("TcpEstabResets"),
    /** tcp_v4_send_reset, tcp_send_active_reset. */
    TCP_OUT_RSTS("TcpOutRsts"),
    /** tcp_conn_request and tcp_v4_syn_recv_sock: the accept queue was full. */
    LISTEN_OVERFLOWS("TcpExtListenOverflows"),
    /** tcp_listendrop: every SYN or third ACK the listener dropped, overflows included. */
    LISTEN_DROPS("TcpExtListenDrops"),
    /** cookie_init_sequence. */
    SYNCOOKIES_SENT("TcpExtSyncookiesSent"),
    /** cookie_tcp_check: a valid cookie came back. */
    SYNCOOKIES_RECV("TcpExtSyncookiesRecv"),
    /** cookie_tcp_check: an ACK was checked as a cookie and failed. */
    SYNCOOKIES_FAILED("TcpExtSyncookiesFailed"),
    /** tcp_syn_flood_action with tcp_syncookies=0. */
    TCP_REQ_Q_FULL_DROP("TcpExtTCPReqQFullDrop"),
    /** tcp_syn_flood_action with cookies on. */
    TCP_REQ_Q_FULL_DO_COOKIES("TcpExtTCPReqQFullDoCookies"),
    /** tcp_check_req: a request socket reset by a RST or a bad SYN. */
    EMBRYONIC_RSTS("TcpExtEmbryonicRsts"),
    /** tcp_syn_ack_timeout (each request socket timeout) and tcp_retransmit_timer. */
    TCP_TIMEOUTS("TcpExtTCPTimeouts"),
    /** tw_timer_handler: a TIME-WAIT socket ran its full time. */
    TW("TcpExtTW"),
    /** inet_twsk_alloc refused (tcp_max_tw_buckets): tcp_time_wait. */
    TCP_TIME_WAIT_OVERFLOW("TcpExtTCPTimeWaitOverflow"),
    /** tcp_keepalive_timer → tcp_write_wakeup: each probe. */
    TCP_KEEP_ALIVE("TcpExtTCPKeepAlive"),
    /** tcp_write_err: retransmissions or keepalive probes ran out. */
    TCP_ABORT_ON_TIMEOUT("TcpExtTCPAbortOnTimeout"),
    /** tcp_rcv_state_process: data for a socket whose application has closed. */
    TCP_ABORT_ON_DATA("TcpExtTCPAbortOnData");

    private final String key;

    Nstat(String key) {
        this.key = key;
    }

    /** nstat's name, e.g. {@code TcpExtListenOverflows}. */
    public String key() {
        return key;
    }
}
