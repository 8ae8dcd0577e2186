package tcplab.sim.host;

/**
 * The options of one segment in a host lab (RFC 9293 MSS, RFC 2018 SACK permitted, RFC 7323
 * timestamps and window scale). Null means absent. Linux puts all four on a SYN and a SYN-ACK
 * when the sysctls are on (tcp_syn_options, tcp_synack_options), and then only the timestamp
 * on every later segment of the connection (tcp_established_options).
 */
public record TcpOptions(Integer mss, boolean sackPermitted, Long tsval, Long tsecr, Integer wscale) {
    public static final TcpOptions NONE = new TcpOptions(null, false, null, null, null);
    /** tcp_advertise_mss on Ethernet: 1500 - 40. */
    public static final int LINUX_MSS = 1460;
    /** tcp_select_initial_window with the default tcp_rmem[2] (6 MB): scale 7. */
    public static final int LINUX_WSCALE = 7;

    public static TcpOptions timestamp(long tsval, long tsecr) {
        return new TcpOptions(null, false, tsval, tsecr, null);
    }

    public boolean isEmpty() {
        return mss == null && !sackPermitted && tsval == null && wscale == null;
    }

    public boolean hasTimestamp() {
        return tsval != null;
    }

    /** The options as the trace lists them, e.g. {@code mss 1460, sackOK, ts 123 0, wscale 7}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (mss != null) b.append("mss ").append(mss);
        if (sackPermitted) b.append(b.length() > 0 ? ", " : "").append("sackOK");
        if (tsval != null) b.append(b.length() > 0 ? ", " : "").append("ts ").append(tsval).append(' ').append(tsecr);
        if (wscale != null) b.append(b.length() > 0 ? ", " : "").append("wscale ").append(wscale);
        return b.toString();
    }
}
