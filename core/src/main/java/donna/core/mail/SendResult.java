package donna.core.mail;

/**
 * What {@code POST /api/gmail/send} answered.
 *
 * @param status    {@code sent}
 * @param id        Gmail's id of the sent message
 * @param messageId the RFC 5322 Message-ID (derived from the user and the Idempotency-Key)
 * @param replayed  true when this key had been sent before and this is that first result again
 */
public record SendResult(String status, String id, String threadId, String messageId, boolean replayed) {}
