package donna.backend.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A person's webhook as the API shows it (never its secret, which is shown once at creation). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Webhook(UUID id, String url, List<String> events, boolean enabled,
        @JsonProperty("disabled_reason") String disabledReason,
        @JsonProperty("consecutive_failures") int consecutiveFailures,
        @JsonProperty("created_at") OffsetDateTime createdAt) {}
