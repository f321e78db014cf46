package donna.backend.drafts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A mail DONNA drafted for the person (docs/api.md, "Tools"); nothing is sent by drafting. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Draft(UUID id, List<String> to, List<String> cc, String subject, String body,
        @JsonProperty("in_reply_to") String inReplyTo, @JsonProperty("thread_id") String threadId,
        @JsonProperty("reply_to_message_id") String replyToMessageId, @JsonProperty("chat_id") String chatId,
        String status, @JsonProperty("created_at") OffsetDateTime createdAt,
        @JsonProperty("updated_at") OffsetDateTime updatedAt) {

    public boolean open() {
        return "open".equals(status);
    }

    /** What a new draft holds before it is stored. */
    public record New(List<String> to, List<String> cc, String subject, String body, String inReplyTo,
            String threadId, String replyToMessageId, String chatId) {}

    /** An edit: null fields stay as they are. */
    public record Edit(List<String> to, List<String> cc, String subject, String body) {}
}
