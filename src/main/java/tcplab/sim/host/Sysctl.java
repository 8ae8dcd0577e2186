package tcplab.sim.host;

import java.util.Optional;

/**
 * The Linux sysctls a host lab can set (CONTRACT.md "Host labs"), with Linux 6.x's default,
 * the range Linux accepts and the kernel function that reads it. Names are Linux's, without
 * the {@code net.ipv4.} prefix ({@code somaxconn} is {@code net.core.somaxconn}).
 */
public enum Sysctl {
    /** 0 never, 1 when the SYN queue is full, 2 always: tcp_conn_request, tcp_syn_flood_action, cookie_v4_check. */
    TCP_SYNCOOKIES("tcp_syncookies", 1, 0, 2),
    /** Without cookies the last quarter is kept for proven peers: tcp_conn_request. Default max(128, ehash buckets / 128), tcp_sk_init. */
    TCP_MAX_SYN_BACKLOG("tcp_max_syn_backlog", 4096, 0, Integer.MAX_VALUE),
    /** Caps listen()'s backlog: __sys_listen_socket; both queues are measured against min(backlog, somaxconn). */
    SOMAXCONN("somaxconn", 4096, 0, Integer.MAX_VALUE),
    /** A third ACK on a full accept queue is answered with RST: tcp_check_req. */
    TCP_ABORT_ON_OVERFLOW("tcp_abort_on_overflow", 0, 0, 1),
    /** SYN retransmissions before connect() gives up: tcp_write_timeout (MAX_TCP_SYNCNT 127). */
    TCP_SYN_RETRIES("tcp_syn_retries", 6, 1, 127),
    /** SYN-ACK retransmissions of a request socket: reqsk_timer_handler. */
    TCP_SYNACK_RETRIES("tcp_synack_retries", 5, 0, 255),
    /** Seconds an orphaned FIN-WAIT-2 lives: tcp_fin_time, tcp_keepalive_timer. */
    TCP_FIN_TIMEOUT("tcp_fin_timeout", 60, 1, Integer.MAX_VALUE / 1000),
    /** Retries of an orphan's FIN/data; 0 means 8 while the RTO is below TCP_RTO_MAX: tcp_orphan_retries. */
    TCP_ORPHAN_RETRIES("tcp_orphan_retries", 0, 0, 255),
    /** 0 off, 1 on, 2 loopback only: tcp_twsk_unique (with timestamps, after tcp_tw_reuse_delay 1 s). */
    TCP_TW_REUSE("tcp_tw_reuse", 2, 0, 2),
    /** 0 off, 1 on with a per-pair offset (secure_tcp_ts_off), 2 on without offset: tcp_syn_options. */
    TCP_TIMESTAMPS("tcp_timestamps", 1, 0, 2),
    /** TIME-WAIT sockets a host keeps; beyond it the socket just closes: inet_twsk_alloc, tcp_time_wait. Default ehash buckets / 2. */
    TCP_MAX_TW_BUCKETS("tcp_max_tw_buckets", 262144, 0, Integer.MAX_VALUE),
    /** Seconds of silence before the first keepalive probe: tcp_keepalive_timer (MAX_TCP_KEEPIDLE 32767). */
    TCP_KEEPALIVE_TIME("tcp_keepalive_time", 7200, 1, 32767),
    /** Seconds between probes: tcp_keepalive_timer (MAX_TCP_KEEPINTVL 32767). */
    TCP_KEEPALIVE_INTVL("tcp_keepalive_intvl", 75, 1, 32767),
    /** Unanswered probes before the connection is reset with ETIMEDOUT: tcp_keepalive_timer (MAX_TCP_KEEPCNT 127). */
    TCP_KEEPALIVE_PROBES("tcp_keepalive_probes", 9, 1, 127),
    /** 1: a RST does not end TIME-WAIT (RFC 1337): tcp_timewait_state_process. */
    TCP_RFC1337("tcp_rfc1337", 0, 0, 1),
    /** Ephemeral ports, {@code LOW-HIGH}: __inet_hash_connect, inet_get_local_port_range. */
    IP_LOCAL_PORT_RANGE("ip_local_port_range", 0, 1, 65535);

    private final String key;
    private final long byDefault;
    private final long min;
    private final long max;

    Sysctl(String key, long byDefault, long min, long max) {
        this.key = key;
        this.byDefault = byDefault;
        this.min = min;
        this.max = max;
    }

    /** Linux's name, e.g. {@code tcp_syncookies}. */
    public String key() {
        return key;
    }

    /** The default as Linux prints it ({@code 32768-60999} for the port range). */
    public String defaultText() {
        return this == IP_LOCAL_PORT_RANGE ? PortRange.LINUX_DEFAULT.toString() : Long.toString(byDefault);
    }

    long byDefault() {
        return byDefault;
    }

    /** The smallest value Linux accepts (for the port range: the lowest port). */
    public long min() {
        return min;
    }

    public long max() {
        return max;
    }

    public static Optional<Sysctl> byKey(String key) {
        for (Sysctl s : values()) {
            if (s.key.equals(key)) return Optional.of(s);
        }
        return Optional.empty();
    }
}
