package tcplab.sim.host;

/**
 * SYN cookies as Linux makes them (net/ipv4/syncookies.c): the server's ISN carries what it
 * would have kept in a request socket, so a full SYN queue costs it nothing.
 * <pre>
 *   cookie = hash1(4-tuple) + client ISN + (count &lt;&lt; 24) + ((hash2(4-tuple, count) + mss index) mod 2^24)
 * </pre>
 * {@code count} is tcp_cookie_time(), minutes since boot; the MSS is rounded down to one of
 * four values (msstab) and its index hidden under the second hash. The third ACK is checked by
 * cookie_v4_check → __cookie_v4_check → check_tcp_syn_cookie: undo the first hash and the
 * client's ISN, read the count from the top 8 bits, accept it if it is less than
 * MAX_SYNCOOKIE_AGE (2) minutes old, and the MSS index is what remains below the second hash.
 */
public final class SynCookies {
    /** msstab, sorted: __cookie_v4_init_sequence picks the largest not above the client's MSS. */
    public static final int[] MSS_TABLE = {536, 1300, 1440, 1460};
    public static final int COOKIE_BITS = 24;
    public static final long COOKIE_MASK = (1L << COOKIE_BITS) - 1;
    /** MAX_SYNCOOKIE_AGE: a cookie is good for the minute it was made and the next. */
    public static final int MAX_AGE = 2;
    /** TCP_SYNCOOKIE_PERIOD: the count moves once a minute. */
    public static final long PERIOD_MS = 60_000;
    /** TCP_SYNCOOKIE_VALID: ACKs are checked as cookies only this long after the listener last sent one (tcp_synq_no_recent_overflow). */
    public static final long VALID_MS = MAX_AGE * PERIOD_MS;

    /** What a cookie ISN was made of, for learners. */
    public record Parts(long isn, long count, int mssIndex, int mss, long hash1, long hash2) {
    }

    private final long secret;

    public SynCookies(long secret) {
        this.secret = secret;
    }

    /** tcp_cookie_time(): minutes since boot, as seconds / TCP_SYNCOOKIE_PERIOD. */
    public static long count(long clockMs) {
        return clockMs / PERIOD_MS;
    }

    /** The MSS index __cookie_v4_init_sequence encodes for a client's MSS. */
    public static int mssIndex(int mss) {
        int i = MSS_TABLE.length - 1;
        while (i > 0 && mss < MSS_TABLE[i]) i--;
        return i;
    }

    private long hash(Address client, Address server, long count, int c) {
        return Keyed.hash32(secret, 3 + c, client.ipBits(), server.ipBits(),
                (long) client.port() << 16 | server.port(), count);
    }

    /** __cookie_v4_init_sequence: the server's ISN for a SYN it keeps no state for. */
    public Parts make(Address client, Address server, long clientIsn, int clientMss, long clockMs) {
        long count = count(clockMs);
        int index = mssIndex(clientMss);
        long h1 = hash(client, server, 0, 0);
        long h2 = hash(client, server, count, 1);
        long isn = (h1 + clientIsn + (count << COOKIE_BITS) + ((h2 + index) & COOKIE_MASK)) & 0xFFFF_FFFFL;
        return new Parts(isn, count, index, MSS_TABLE[index], h1, h2);
    }

    /**
     * __cookie_v4_check for a third ACK: {@code ack - 1} must be a cookie made for this
     * four-tuple and {@code seq - 1} less than MAX_AGE minutes ago. Returns the MSS, or 0.
     */
    public int check(Address client, Address server, long seq, long ack, long clockMs) {
        long cookie = (ack - 1) & 0xFFFF_FFFFL;
        long clientIsn = (seq - 1) & 0xFFFF_FFFFL;
        long count = count(clockMs);
        cookie = (cookie - hash(client, server, 0, 0) - clientIsn) & 0xFFFF_FFFFL;
        long diff = (count - (cookie >>> COOKIE_BITS)) & (0xFFFF_FFFFL >>> COOKIE_BITS);
        if (diff >= MAX_AGE) return 0;
        long index = (cookie - hash(client, server, count - diff, 1)) & COOKIE_MASK;
        return index < MSS_TABLE.length ? MSS_TABLE[(int) index] : 0;
    }

    /**
     * cookie_init_timestamp: with timestamps, the SYN-ACK's TSval hides the options in its low
     * 6 bits (window scale 0–14 or 0xf for none, bit 4 SACK, bit 5 ECN), kept at or below now.
     */
    public static long timestamp(long tsNow, Integer wscale, boolean sack) {
        long options = wscale == null ? 0xf : wscale;
        if (sack) options |= 1 << 4;
        long ts = (tsNow >>> 6) << 6 | options;
        if (ts > tsNow) ts -= 1 << 6;
        return ts & 0xFFFF_FFFFL;
    }
}
