package donna.backend.chat;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A persisted chat message as the history routes return it. */
public record StoredMessage(UUID id, String role, String content, String source,
        @JsonProperty("created_at") OffsetDateTime createdAt) {}
