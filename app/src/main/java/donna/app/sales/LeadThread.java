package donna.app.sales;

import java.time.Instant;

/**
 * A mail thread a lead came from, as the lead's detail lists it: its first mail's sender, subject, day and first
 * words (data from the mail, shown as text), or why it could not be read.
 *
 * @param error null when the mail was read
 */
public record LeadThread(String threadId, String from, String subject, Instant date, String snippet, String error) {}
