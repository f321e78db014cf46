package donna.backend.gmail;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer of a send (docs/api.md): {@code replayed} when the key had already sent this mail. */
public record SendResult(String status, String id, @JsonProperty("thread_id") String threadId,
        @JsonProperty("message_id") String messageId, boolean replayed) {
    static SendResult sent(String gmailId, String threadId, String messageId, boolean replayed) {
        return new SendResult("sent", gmailId, threadId, messageId, replayed);
    }
}
