package donna.backend.insights;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** An API key as listed: metadata only, never the secret or its hash. */
public record ApiKey(UUID id, String name, String prefix, @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("last_used_at") Instant lastUsedAt) {}
