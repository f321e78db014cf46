package donna.backend.chat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A persisted chat message as the history routes return it.
 *
 * @param toolSteps what DONNA did before this reply: {@code [{"call_id","name","arguments","status","summary",
 *                  "duration_ms","channel","created_at"}]}, empty for most messages
 */
public record StoredMessage(UUID id, String role, String content, String source,
        @JsonProperty("created_at") OffsetDateTime createdAt,
        @JsonProperty("tool_steps") JsonNode toolSteps) {}
