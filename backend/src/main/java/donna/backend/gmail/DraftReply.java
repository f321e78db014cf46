package donna.backend.gmail;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A reply DONNA drafted (docs/api.md); nothing is sent. */
public record DraftReply(List<String> to, List<String> cc, String subject, String body,
        @JsonProperty("reply_to_message_id") String replyToMessageId) {}
