package donna.app.actions;

import donna.app.common.SameThreadTaskExecutor;
import donna.core.ServiceError;
import donna.core.api.ServiceException;
import donna.core.mail.OutgoingMail;
import donna.core.mail.SendResult;
import donna.core.mail.local.MailDatabase;
import donna.core.mail.outbox.Backoff;
import donna.core.mail.outbox.Outbox;
import donna.core.mail.outbox.OutboxEntry;
import donna.core.mail.outbox.OutboxFlusher;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Cards over the fake service and a real outbox (in memory) flushed by a real flusher into a recording sender,
 * everything on the test's thread.
 */
final class CardsFixture implements AutoCloseable {
    record Sent(String key, OutgoingMail mail) {}

    final FakeActionService service = new FakeActionService();
    final MailDatabase db = MailDatabase.inMemory();
    final Outbox outbox = new Outbox(db, Clock.systemUTC());
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    /** The next send is refused for good (400) with this reason; null sends. */
    volatile String refuseNext;
    /** Sending waits: mail stays queued (the service is unreachable). */
    volatile boolean offline;
    final OutboxFlusher flusher = new OutboxFlusher(outbox, (mail, key) -> {
        if (offline) {
            throw new ServiceException(new ServiceError(0, "unreachable", "DONNA's service can't be reached", null));
        }
        if (refuseNext != null) {
            String reason = refuseNext;
            refuseNext = null;
            throw new ServiceException(new ServiceError(400, "invalid_address", reason, null));
        }
        sent.add(new Sent(key, mail));
        return new SendResult("sent", "g-" + sent.size(), "t", "<" + key + "@example.com>", false);
    }, Backoff.defaults(), Clock.systemUTC());
    final ActionCards cards = new ActionCards(service, outbox, flusher::flush, new SameThreadTaskExecutor(),
            Runnable::run);

    List<OutboxEntry> outbox() {
        return outbox.list();
    }

    @Override
    public void close() {
        db.close();
    }
}
