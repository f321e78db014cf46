package donna.core.leads;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A sales lead as the service keeps it (docs/api.md, "Sales leads and Today"). Its fields may have come from a mail:
 * they are shown as text, never acted upon.
 *
 * @param category     {@code hot}, {@code warm}, {@code cold}, or null when not classified
 * @param nextFollowUp the day to follow up, or null
 * @param threads      the Gmail thread ids the lead came from
 */
public record Lead(String id, String name, String email, String company, String stage, String category,
        String categoryReason, String source, LocalDate nextFollowUp, String notes, List<String> threads) {
    /** The stages of the pipeline, in order. */
    public static final List<String> STAGES = List.of("new", "contacted", "qualified", "won", "lost");
    public static final List<String> CATEGORIES = List.of("hot", "warm", "cold");

    public Lead {
        Objects.requireNonNull(id, "id");
        threads = threads == null ? List.of() : List.copyOf(threads);
    }

    /** The follow-up is today or earlier. */
    public boolean followUpDue(LocalDate today) {
        return nextFollowUp != null && !nextFollowUp.isAfter(today);
    }
}
