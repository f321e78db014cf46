package donna.core.insights;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A conversation Insights scored (docs/api.md, "Insights"). {@code healthScore} is null until scored;
 * {@code breakdown} only on a read of one conversation (null in the list).
 */
public record Conversation(String id, String externalId, String source, JsonNode metadata, Instant startedAt,
        Instant lastMessageAt, Instant endedAt, int messageCount, Integer healthScore, Instant scoredAt,
        int failureCount, HealthBreakdown breakdown) {

    public static final String DONNA_CHAT = "donna-chat";
    public static final String DONNA_VOICE = "donna-voice";
    public static final String API = "api";
}
