package donna.bench;

/** Nearest-rank percentiles of sorted samples. */
final class Percentiles {
    private Percentiles() {}

    /** The {@code p} (0..1) percentile of {@code sorted} (ascending); NaN when there are none. */
    static double of(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p * sorted.length) - 1))];
    }
}
