package donna.backend.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/** The donna_logic response contract of the PRD, exactly. */
@JsonPropertyOrder({"success", "reply", "action", "metadata"})
public record ChatReply(boolean success, String reply, String action, Metadata metadata) {

    @JsonPropertyOrder({"profile", "abuse_detected", "chat_id", "authenticated", "action_args"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Metadata(
            String profile,
            @JsonProperty("abuse_detected") boolean abuseDetected,
            @JsonProperty("chat_id") String chatId,
            boolean authenticated,
            @JsonProperty("action_args") JsonNode actionArgs) {}
}
