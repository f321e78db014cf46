package donna.backend.autopilot;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A reply in the review queue (docs/api.md); {@code status} is pending, sent or discarded. */
public record QueuedDraft(UUID id, @JsonProperty("message_id") String messageId, List<String> to, String subject,
        String body, @JsonProperty("created_at") OffsetDateTime createdAt, @JsonIgnore String status) {}
