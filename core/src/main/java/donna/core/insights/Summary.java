package donna.core.insights;

/** The tiles of a period: {@code averageHealth} null when nothing was scored; {@code shareWithFailures} 0..1. */
public record Summary(int conversations, int scored, Double averageHealth, int openFailures, int withFailures,
        double shareWithFailures) {
}
