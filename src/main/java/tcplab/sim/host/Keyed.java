package tcplab.sim.host;

/**
 * A keyed 32-bit hash standing in for the kernel's siphash with a secret drawn at boot
 * (net_secret, syncookie_secret, ts_secret). The key comes from the lab's seed and the
 * host's boot, so a lab replays exactly and a rebooted host has new secrets, as Linux does.
 */
final class Keyed {
    private Keyed() {
    }

    static long hash32(long key, long... words) {
        long h = mix(key ^ 0x9E37_79B9_7F4A_7C15L);
        for (long w : words) h = mix(h ^ w);
        return h >>> 32;
    }

    /** splitmix64's finalizer. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
