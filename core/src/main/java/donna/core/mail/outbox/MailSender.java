package donna.core.mail.outbox;

import donna.core.mail.OutgoingMail;
import donna.core.mail.SendResult;

/**
 * Hands one mail to the companion service; {@code BackendClient::send} ({@code POST /api/gmail/send} with
 * {@code Idempotency-Key}) is one. The seam the {@link OutboxFlusher} sends through; tests pass a stub.
 */
@FunctionalInterface
public interface MailSender {

    /**
     * Sends {@code mail} under {@code idempotencyKey}; the same key again answers the first result and sends nothing.
     * Failures are {@link donna.core.api.ServiceException}s; the flusher decides from their status whether to try
     * again.
     */
    SendResult send(OutgoingMail mail, String idempotencyKey);
}
