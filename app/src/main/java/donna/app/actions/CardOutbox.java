package donna.app.actions;

import donna.core.mail.outbox.Outbox;
import donna.core.mail.outbox.OutboxEntry;
import donna.core.tools.ConfirmedMail;
import java.util.Optional;

/**
 * The app's outbox as the cards use it: a confirmed mail is written under its draft's id, once (a second
 * confirmation of the same draft finds the first mail), then a flush is asked for; a card finds its mail by that key.
 *
 * @param flushNow sends what waits (blocking; run through the task executor)
 */
public record CardOutbox(Outbox outbox, Runnable flushNow) {

    /** Blocking: durable when it returns. */
    public OutboxEntry queue(ConfirmedMail mail) {
        return outbox.queue(mail.toOutgoing(), mail.idempotencyKey());
    }

    public Optional<OutboxEntry> find(String idempotencyKey) {
        return outbox.findByKey(idempotencyKey);
    }
}
