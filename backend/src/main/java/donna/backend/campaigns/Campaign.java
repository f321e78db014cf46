package donna.backend.campaigns;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A campaign as the API shows it (docs/api.md, "Marketing: campaigns"). {@code counts} holds each recipient once,
 * by its status now; {@code recipients} is left out of lists.
 */
public record Campaign(UUID id, String name, String subject, String body, String status,
        @JsonProperty("daily_cap") int dailyCap, boolean personalise, @JsonProperty("created_at") OffsetDateTime createdAt,
        @JsonProperty("started_at") OffsetDateTime startedAt,
        @JsonProperty("completed_at") OffsetDateTime completedAt, Map<String, Integer> counts,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Recipient> recipients) {

    public static final List<String> STATUSES = List.of("draft", "running", "paused", "completed", "cancelled");
    /** The keys of {@code counts}, every one present. */
    public static final List<String> COUNTED = List.of("queued", "sent", "failed", "replied", "unsubscribed",
            "skipped");

    Campaign withRecipients(List<Recipient> list) {
        return new Campaign(id, name, subject, body, status, dailyCap, personalise, createdAt, startedAt, completedAt, counts,
                list);
    }

    /** One recipient's progress; {@code error} only for a failed one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Recipient(String email, String name, String status, String error,
            @JsonProperty("sent_at") OffsetDateTime sentAt, @JsonProperty("thread_id") String threadId) {}
}
