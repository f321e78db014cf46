package donna.core.mail.outbox;

/**
 * Hands one mail to the companion service ({@code POST /api/gmail/send} with {@code Idempotency-Key}). The seam the
 * {@link OutboxFlusher} sends through; tests pass a stub.
 */
@FunctionalInterface
public interface MailSender {

    /**
     * Sends {@code mail} under {@code idempotencyKey} and returns the RFC 5322 Message-ID it went out with (also when
     * the service answers with the result of an earlier attempt under the same key). Failures are
     * {@link donna.core.api.ServiceException}s; the flusher decides from their status whether to try again.
     */
    String send(OutboxMail mail, String idempotencyKey);
}
