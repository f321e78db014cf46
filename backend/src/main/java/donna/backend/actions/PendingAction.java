package donna.backend.actions;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Something DONNA asked to do that has an outside effect (today: sending a mail), waiting for the person's yes.
 * The mail is a snapshot of the draft when it was presented. Where it was presented ({@code turnId},
 * {@code userItemId}) is kept for the confirmation rule and not shown.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PendingAction(UUID id, String kind, @JsonProperty("draft_id") UUID draftId, List<String> to,
        List<String> cc, String subject, String body, @JsonProperty("new_addresses") List<String> newAddresses,
        @JsonProperty("requires_click") boolean requiresClick, String status, @JsonProperty("chat_id") String chatId,
        @JsonIgnore String turnId, @JsonIgnore String userItemId, @JsonProperty("created_at") OffsetDateTime createdAt,
        @JsonProperty("read_back") String readBack) {

    public boolean pending() {
        return "pending".equals(status);
    }
}
