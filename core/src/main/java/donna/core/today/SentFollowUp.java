package donna.core.today;

import java.time.Instant;

/**
 * A mail the person sent that got no reply: the last in its thread, theirs, older than the follow-up setting.
 *
 * @param messageId the Gmail id of that mail (what a follow-up draft answers)
 */
public record SentFollowUp(String messageId, String threadId, String to, String subject, Instant sentAt,
        long daysWaiting) {}
