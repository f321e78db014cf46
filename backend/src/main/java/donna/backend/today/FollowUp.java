package donna.backend.today;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A mail the person sent that has had no reply: the last message of its Gmail thread is theirs and older than the
 * follow-up setting.
 *
 * @param messageId   the Gmail id of that last mail (the one a follow-up draft answers)
 * @param daysWaiting whole days since it was sent
 */
public record FollowUp(@JsonProperty("message_id") String messageId, @JsonProperty("thread_id") String threadId,
        String to, String subject, @JsonProperty("sent_at") Instant sentAt,
        @JsonProperty("days_waiting") long daysWaiting) {}
