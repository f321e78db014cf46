package donna.core.insights;

import java.time.Instant;
import java.util.List;

/** {@code /analytics/failures/trends}: health per bucket and failures per bucket and kind, over [from, to). */
public record Trends(String bucket, Instant from, Instant to, List<TrendPoint> health, List<FailureCount> failures) {

    public Trends {
        health = List.copyOf(health);
        failures = List.copyOf(failures);
    }
}
