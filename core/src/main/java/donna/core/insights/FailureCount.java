package donna.core.insights;

import java.time.Instant;

/** How many failures of {@code kind} occurred in the bucket from {@code start}. */
public record FailureCount(Instant start, String kind, int count) {
}
