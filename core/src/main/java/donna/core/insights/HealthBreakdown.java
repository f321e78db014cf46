package donna.core.insights;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a health score came about: 100 less the penalty of each failure kind and of a negative mood; the signals are
 * what the scorer counted (messages, latencies, sentiment, barge-ins ...), as text to show.
 */
public record HealthBreakdown(int base, Map<String, Integer> penalties, int sentimentPenalty,
        Map<String, String> signals, boolean ended) {

    public HealthBreakdown {
        // In the service's order (the breakdown reads top to bottom).
        penalties = Collections.unmodifiableMap(new LinkedHashMap<>(penalties));
        signals = Collections.unmodifiableMap(new LinkedHashMap<>(signals));
    }
}
