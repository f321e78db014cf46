package donna.backend.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One event's delivery to one webhook, as the delivery log shows it. {@code status}: pending (waiting for its first
 * or next attempt), delivered (a 2xx answer), failed (given up after a day, or the webhook was disabled).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Delivery(UUID id, @JsonProperty("webhook_id") UUID webhookId, String event, String status,
        int attempts, @JsonProperty("next_attempt_at") OffsetDateTime nextAttemptAt,
        @JsonProperty("last_status") Integer lastStatus, @JsonProperty("last_error") String lastError,
        @JsonProperty("created_at") OffsetDateTime createdAt,
        @JsonProperty("delivered_at") OffsetDateTime deliveredAt) {}
