package donna.core.insights;

import java.util.Map;

/**
 * How a health score came about: 100 less the penalty of each failure kind and of a negative mood; the signals are
 * what the scorer counted (messages, latencies, sentiment, barge-ins ...), as text to show.
 */
public record HealthBreakdown(int base, Map<String, Integer> penalties, int sentimentPenalty,
        Map<String, String> signals, boolean ended) {

    public HealthBreakdown {
        penalties = Map.copyOf(penalties);
        signals = Map.copyOf(signals);
    }
}
