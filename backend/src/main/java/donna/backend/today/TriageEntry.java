package donna.backend.today;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Set;

/**
 * The model's verdict on one unread mail (docs/api.md, "Today"). What the mail said is not kept: its sender and
 * subject are what the inbox list shows anyway.
 *
 * @param bucket null when the model's answer for this mail was not usable: it stays untriaged, and {@code reason}
 *               says why
 */
public record TriageEntry(@JsonProperty("message_id") String messageId, String bucket, String reason, String from,
        String subject, @JsonProperty("received_at") Instant receivedAt) {
    public static final Set<String> BUCKETS = Set.of("needs_reply", "waiting_on_someone", "fyi", "can_wait");

    @JsonProperty("triaged")
    public boolean triaged() {
        return bucket != null;
    }
}
