package donna.backend.leads;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A sales lead (docs/workspaces.md, "Sales: leads"). Its fields may have come from a mail or a caller: they are
 * stored and shown as data, never acted upon.
 *
 * @param threads the Gmail thread ids the lead came from, oldest first
 */
public record Lead(UUID id, String name, String email, String company, String stage, String category,
        @JsonProperty("category_reason") String categoryReason, String source,
        @JsonProperty("next_follow_up") LocalDate nextFollowUp, String notes, List<String> threads,
        @JsonProperty("created_at") OffsetDateTime createdAt, @JsonProperty("updated_at") OffsetDateTime updatedAt) {}
