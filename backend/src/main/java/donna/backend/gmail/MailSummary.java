package donna.backend.gmail;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** One row of the inbox list (docs/api.md). */
public record MailSummary(String id, @JsonProperty("thread_id") String threadId, String from, String to,
        String subject, Instant date, String snippet, boolean unread) {}
