package donna.backend.chat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The donna_logic response contract of the PRD, with what the turn's tools did (docs/api.md, "Typed turns"). */
@JsonPropertyOrder({"success", "reply", "action", "metadata"})
public record ChatReply(boolean success, String reply, String action, Metadata metadata) {

    /**
     * @param actions   what the tools produced for the person, in order: {@code {"type": action, ...card}}
     * @param toolSteps every tool call of the turn, in order
     */
    @JsonPropertyOrder({"profile", "abuse_detected", "chat_id", "authenticated", "actions", "tool_steps"})
    public record Metadata(
            String profile,
            @JsonProperty("abuse_detected") boolean abuseDetected,
            @JsonProperty("chat_id") String chatId,
            boolean authenticated,
            List<JsonNode> actions,
            @JsonProperty("tool_steps") List<Step> toolSteps) {}

    /** One tool call as the reply lists it. */
    @JsonPropertyOrder({"call_id", "name", "status", "summary", "duration_ms"})
    public record Step(@JsonProperty("call_id") String callId, String name, String status, String summary,
            @JsonProperty("duration_ms") long durationMs) {}
}
