package donna.backend.gmail;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import donna.backend.http.RateLimitedException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.UUID;

/**
 * Paces each user's Gmail calls under Gmail's per-user quota (15,000 units a minute: list/get 5, send 100), so a
 * burst of sends waits its turn here instead of setting off a storm of 429s at Google. A call that would have to
 * wait longer than the bound is refused with 429 and the wait as Retry-After.
 *
 * <p>The bucket refills at exactly Gmail's rate but holds less: 5 % of the quota or one second of refill, whichever
 * is more (750 units of Gmail's 15,000). Requests reach Google a little after they leave here; when Google's
 * bucket is full meanwhile, the refill it would have gained is lost, and a burst that followed could overrun it by
 * that much. The reserve covers a second of such delay, and costs nothing in sustained throughput (the rate is
 * Gmail's own).
 *
 * <p>Buckets live in this instance's memory (like the request rate limits): several instances together may exceed
 * the quota, and then Gmail's own 429 answers are retried honouring their Retry-After.
 */
public final class GmailQuota {
    public static final int LIST = 5;
    public static final int GET = 5;
    public static final int THREAD_GET = 10;
    public static final int SEND = 100;
    public static final int PROFILE = 1;

    private final long units;
    private final long capacity;
    private final Duration window;
    private final Cache<UUID, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    public GmailQuota(long unitsPerWindow, Duration window) {
        this.units = unitsPerWindow;
        long perSecond = Math.max(1, unitsPerWindow * 1_000 / Math.max(1, window.toMillis()));
        this.capacity = Math.max(SEND, unitsPerWindow - Math.max(unitsPerWindow / 20, perSecond));
        this.window = window;
    }

    /**
     * Spends {@code cost} units of the user's quota, waiting up to {@code maxWait} for them.
     *
     * @throws RateLimitedException when they will not be there in time
     */
    public void spend(UUID user, int cost, Duration maxWait) {
        Bucket bucket = buckets.get(user, u -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(units, window).build()).build());
        long tokens = Math.min(cost, capacity);
        try {
            if (!bucket.asBlocking().tryConsume(tokens, maxWait)) {
                long nanos = bucket.estimateAbilityToConsume(tokens).getNanosToWaitForRefill();
                throw new RateLimitedException(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RateLimitedException(1);
        }
    }
}
