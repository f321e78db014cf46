package donna.backend.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import donna.backend.http.RateLimitedException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A token bucket per key (a user, or an IP when unauthenticated), refilled greedily so a steady client is never
 * starved.
 *
 * <p>Two homes for the buckets: this instance's memory (the desktop's bundled service, the only instance on its
 * database; idle keys are dropped so the map cannot grow without bound), or PostgreSQL for a shared deployment,
 * where every instance behind the load balancer draws from the same bucket (Bucket4j's select-for-update proxy
 * manager on {@code rate_limit_buckets}: one short transaction per request; rows of buckets that are full again
 * are removed now and then).
 */
public final class RateLimiter {
    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    /** Every this many requests, one removes up to {@link #CLEANUP_BATCH} expired rows (shared mode). */
    private static final long CLEANUP_EVERY = 1_000;
    private static final int CLEANUP_BATCH = 1_000;

    private final BucketConfiguration configuration;
    private final Function<String, Bucket> buckets;
    private final Runnable housekeeping;

    private RateLimiter(int perMinute, Function<BucketConfiguration, Function<String, Bucket>> store,
            Runnable housekeeping) {
        this.configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1))
                        .build())
                .build();
        this.buckets = store.apply(configuration);
        this.housekeeping = housekeeping;
    }

    /** Buckets in this instance's memory. */
    public RateLimiter(int perMinute) {
        this(perMinute, RateLimiter::inMemory, () -> { });
    }

    /**
     * Buckets in PostgreSQL, shared by every instance on {@code database}.
     *
     * @param scope a prefix keeping this limiter's keys apart from another's in the one table (e.g. {@code api})
     */
    public static RateLimiter shared(int perMinute, DataSource database, String scope) {
        PostgreSQLSelectForUpdateBasedProxyManager<String> proxies = Bucket4jPostgreSQL
                .selectForUpdateBasedBuilder(database)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_buckets").idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofSeconds(10)))
                .build();
        AtomicLong requests = new AtomicLong();
        Runnable cleanup = () -> {
            if (requests.incrementAndGet() % CLEANUP_EVERY == 0) {
                try {
                    int removed = proxies.removeExpired(CLEANUP_BATCH);
                    log.debug("Removed {} full rate-limit buckets", removed);
                } catch (RuntimeException e) {
                    log.warn("Could not remove expired rate-limit buckets: {}", e.getClass().getSimpleName());
                }
            }
        };
        return new RateLimiter(perMinute, config -> key -> proxies.getProxy(scope + ":" + key, () -> config), cleanup);
    }

    /**
     * Bucket4j wraps the driver's failure, and on a dead connection often reports only the pool's "Connection is
     * closed" (no SQLSTATE): any SQL failure of the bucket store is the database being unreachable, answered as
     * 503 database_unavailable like every other route's.
     */
    private static RuntimeException storeFailure(RuntimeException e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException) {
                return new IllegalStateException("the rate-limit buckets are unreachable",
                        new SQLTransientConnectionException("rate-limit store unreachable", "08000", t));
            }
        }
        return e;
    }

    private static Function<String, Bucket> inMemory(BucketConfiguration configuration) {
        Cache<String, Bucket> cache = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterAccess(Duration.ofMinutes(10)).build();
        return key -> cache.get(key, k -> Bucket.builder().addLimit(configuration.getBandwidths()[0]).build());
    }

    /** @throws RateLimitedException when the key has used up its allowance */
    public void acquire(String key) {
        ConsumptionProbe probe;
        try {
            probe = buckets.apply(key).tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            throw storeFailure(e);
        }
        housekeeping.run();
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
            throw new RateLimitedException(seconds);
        }
    }
}
