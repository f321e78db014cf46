package donna.core.insights;

import java.time.Instant;

/** The average health of the conversations started in one bucket (a day or an hour) from {@code start}. */
public record TrendPoint(Instant start, Double averageHealth, int conversations) {
}
