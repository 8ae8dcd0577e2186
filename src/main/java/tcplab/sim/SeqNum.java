package tcplab.sim;

/**
 * Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4): values are unsigned 32-bit numbers
 * held in a long, compared by the sign of their 32-bit difference.
 */
public final class SeqNum {
    public static final long MODULUS = 1L << 32;

    private SeqNum() {
    }

    public static long of(long value) {
        return value & 0xFFFF_FFFFL;
    }

    public static long add(long a, long n) {
        return of(a + n);
    }

    /** a − b as a signed 32-bit distance. */
    public static int diff(long a, long b) {
        return (int) (a - b);
    }

    public static boolean lt(long a, long b) {
        return diff(a, b) < 0;
    }

    public static boolean le(long a, long b) {
        return diff(a, b) <= 0;
    }

    public static boolean gt(long a, long b) {
        return diff(a, b) > 0;
    }

    public static boolean ge(long a, long b) {
        return diff(a, b) >= 0;
    }

    static void check(long value, String what) {
        if (value < 0 || value >= MODULUS) {
            throw new IllegalArgumentException(what + " out of 32-bit range: " + value);
        }
    }
}
