package donna.backend.actions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A confirmed mail as the app's outbox takes it (docs/api.md, {@code mail}): the draft id is the idempotency key,
 * so however often it is queued or retried, it is sent once. {@code send} is set when the service sent it itself.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutboxMail(@JsonProperty("idempotency_key") String idempotencyKey, List<String> to, List<String> cc,
        String subject, String body, @JsonProperty("in_reply_to") String inReplyTo,
        @JsonProperty("thread_id") String threadId, @JsonProperty("reply_to_message_id") String replyToMessageId,
        Send send) {

    /** The service's own send: {@code sent} (with Gmail's id) or {@code failed} (with the reason). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Send(String status, @JsonProperty("gmail_id") String gmailId, Boolean replayed, String error) {}

    OutboxMail withSend(Send value) {
        return new OutboxMail(idempotencyKey, to, cc, subject, body, inReplyTo, threadId, replyToMessageId, value);
    }
}
