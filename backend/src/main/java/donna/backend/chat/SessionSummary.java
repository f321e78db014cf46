package donna.backend.chat;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;

/** One row of the session list. */
public record SessionSummary(
        @JsonProperty("chat_id") String chatId,
        String title,
        String profile,
        @JsonProperty("created_at") OffsetDateTime createdAt,
        @JsonProperty("last_message_at") OffsetDateTime lastMessageAt,
        @JsonProperty("last_message") String lastMessage) {}
