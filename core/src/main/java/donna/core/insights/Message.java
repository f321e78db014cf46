package donna.core.insights;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One message of a conversation; {@code role} user, assistant, system or tool (a tool step). */
public record Message(long id, String role, String content, Instant timestamp, JsonNode metadata, Long latencyMs,
        Double sentiment) {

    public boolean isTool() {
        return "tool".equals(role);
    }

    /** A tool step's status from its metadata ({@code ok}, {@code failed} ...), or null. */
    public String toolStatus() {
        return metadata == null || !metadata.hasNonNull("status") ? null : metadata.get("status").asText();
    }
}
