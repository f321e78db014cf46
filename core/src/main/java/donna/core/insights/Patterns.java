package donna.core.insights;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the last pattern-analyze found for the signed-in person; {@code analyzedAt} null when it has not run for them
 * yet (then every list is empty).
 */
public record Patterns(Instant analyzedAt, Instant periodFrom, Instant periodTo, List<UsagePattern> topics,
        List<UsagePattern> failureClusters, List<UsagePattern> similar) {

    public Patterns {
        topics = List.copyOf(topics);
        failureClusters = List.copyOf(failureClusters);
        similar = List.copyOf(similar);
    }

    public static Patterns none() {
        return new Patterns(null, null, null, List.of(), List.of(), List.of());
    }

    /** The service's answer, tolerantly: an item without id is left out. */
    static Patterns parse(JsonNode n) {
        return new Patterns(InsightsJson.instant(n, "analyzed_at"), InsightsJson.instant(n, "period_from"),
                InsightsJson.instant(n, "period_to"), list(n.path("topics")), list(n.path("failure_clusters")),
                list(n.path("similar")));
    }

    private static List<UsagePattern> list(JsonNode items) {
        List<UsagePattern> out = new ArrayList<>();
        for (JsonNode p : items) {
            String id = InsightsJson.text(p, "id");
            if (id == null) {
                continue;
            }
            List<String> terms = new ArrayList<>();
            p.path("terms").forEach(t -> terms.add(t.asText()));
            List<String> kinds = new ArrayList<>();
            p.path("failure_kinds").forEach(k -> kinds.add(k.asText()));
            List<Conversation> conversations = new ArrayList<>();
            p.path("conversations").forEach(c -> {
                Conversation conversation = InsightsJson.conversation(c);
                if (conversation != null) {
                    conversations.add(conversation);
                }
            });
            out.add(new UsagePattern(id, InsightsJson.text(p, "kind"), String.valueOf(InsightsJson.text(p, "label")),
                    terms, kinds, p.path("conversation_count").asInt(0), conversations));
        }
        return out;
    }
}
