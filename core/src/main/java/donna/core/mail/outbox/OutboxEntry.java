package donna.core.mail.outbox;

import donna.core.mail.OutgoingMail;
import java.time.Instant;

/**
 * One mail in the outbox.
 *
 * @param id             the outbox's number for it (what {@code ./donna mail queue} prints)
 * @param idempotencyKey a random UUID given when the mail was written; every attempt sends it, so the service sends
 *                       the mail at most once however often it is asked
 * @param reason         why it failed ({@link OutboxState#FAILED}), or why the last attempt must be retried later
 *                       ({@link OutboxState#QUEUED}); null otherwise
 * @param attempts       how many times it was handed to the service
 * @param messageId      the RFC 5322 Message-ID it went out with, once {@link OutboxState#SENT}
 */
public record OutboxEntry(long id, String idempotencyKey, OutgoingMail mail, OutboxState state, String reason,
                          int attempts, String messageId, Instant createdAt, Instant updatedAt) {}
