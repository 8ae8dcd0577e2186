package tcplab.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How fast one address may start sessions: a bucket of {@code burst} tokens per address,
 * refilled at {@code perMinute}. A class behind one address starts at once within the burst; a
 * script starting sessions by the thousand is told to wait (429 with Retry-After). IPv6
 * addresses count by their /64, which one visitor usually holds whole.
 */
final class NewSessionLimit {

    private final int perMinute;
    private final int burst;
    private final LongSupplier nanos;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(30)).executor(Runnable::run).build();

    NewSessionLimit(int perMinute, int burst, LongSupplier nanos) {
        this.perMinute = perMinute;
        this.burst = burst;
        this.nanos = nanos;
    }

    /** 0 when {@code address} may start a session now (and takes its token), else the seconds to wait. */
    long take(String address) {
        Bucket bucket = buckets.get(holder(address), k -> new Bucket(burst, nanos.getAsLong()));
        synchronized (bucket) {
            long now = nanos.getAsLong();
            double refill = (now - bucket.at) / 60e9 * perMinute;
            bucket.tokens = Math.min(burst, bucket.tokens + refill);
            bucket.at = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) * 60.0 / perMinute));
        }
    }

    /** The address, or for IPv6 its first four groups (the /64). */
    static String holder(String address) {
        if (address == null) return "";
        if (address.indexOf(':') < 0) return address;
        String[] groups = address.replace("[", "").replace("]", "").split(":", -1);
        if (groups.length < 4 || address.contains("::")) return address; // compressed forms: as given
        return String.join(":", groups[0], groups[1], groups[2], groups[3]) + "::/64";
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }
}
