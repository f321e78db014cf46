package donna.backend.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import donna.backend.http.RateLimitedException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket per key (a user, or an IP when unauthenticated), refilled greedily so a steady client is never
 * starved. Buckets of idle keys are dropped, so the map cannot grow without bound.
 *
 * <p>The buckets live in this instance's memory: behind a load balancer each instance limits on its own, which
 * bounds the total at instances x limit. A shared bucket store would cost a database round trip per request.
 */
public final class RateLimiter {
    private final int perMinute;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    public RateLimiter(int perMinute) {
        this.perMinute = perMinute;
    }

    /** @throws RateLimitedException when the key has used up its allowance */
    public void acquire(String key) {
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1))
                        .build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
            throw new RateLimitedException(seconds);
        }
    }
}
