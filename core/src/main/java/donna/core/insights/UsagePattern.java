package donna.core.insights;

import java.util.List;

/**
 * A pattern the service's weekly pattern-analyze found (docs/api.md, "GET /api/v1/analytics/patterns"): a recurring
 * topic, a failure cluster (conversations sharing a failure kind and a topic) or a group of similar conversations
 * (with embeddings). {@code conversations} are its newest few (id, external id, source, health, start only).
 */
public record UsagePattern(String id, String kind, String label, List<String> terms, List<String> failureKinds,
        int conversationCount, List<Conversation> conversations) {

    public static final String TOPIC = "topic";
    public static final String FAILURE_CLUSTER = "failure_cluster";
    public static final String SIMILAR = "similar";

    public UsagePattern {
        terms = List.copyOf(terms);
        failureKinds = List.copyOf(failureKinds);
        conversations = List.copyOf(conversations);
    }
}
