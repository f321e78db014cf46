package donna.app.mail;

import donna.app.connection.BackendConnection;
import donna.core.mail.local.InboxCache;
import donna.core.mail.local.MailDatabase;
import donna.core.mail.connect.GmailConnectFlow;
import donna.core.mail.outbox.Backoff;
import donna.core.mail.outbox.ConnectivityWatcher;
import donna.core.mail.outbox.Outbox;
import donna.core.mail.outbox.OutboxFlusher;
import donna.core.oauth.Browser;
import java.time.Clock;

/**
 * What the Mail pane works with, below its view models: the service seam, the outbox with its flusher and
 * connectivity watcher, and the saved inbox, all on one mail database.
 */
public record MailParts(MailService service, MailDatabase db, Outbox outbox, InboxCache cache, OutboxFlusher flusher,
                        ConnectivityWatcher watcher) implements AutoCloseable {

    /** The app's parts: the mail database given (the one in the data folder), sending through the service. */
    public static MailParts over(MailDatabase db, BackendConnection connection, Browser browser, Clock clock) {
        return over(db, connection, browser, clock, () -> GmailConnectFlow.GOOGLE_AUTH_URL);
    }

    /** @param googleAuthUrl the Google consent page in use: a consent URL elsewhere is not opened */
    public static MailParts over(MailDatabase db, BackendConnection connection, Browser browser, Clock clock,
            java.util.function.Supplier<java.net.URI> googleAuthUrl) {
        Outbox outbox = new Outbox(db, clock);
        OutboxFlusher flusher = new OutboxFlusher(outbox, (mail, key) -> connection.client().send(mail, key),
                Backoff.defaults(), clock);
        ConnectivityWatcher watcher = new ConnectivityWatcher(ConnectivityWatcher.Probe.of(connection::client),
                flusher, outbox, clock);
        return new MailParts(new BackendMailService(connection, browser, googleAuthUrl), db, outbox, new InboxCache(db, clock),
                flusher, watcher);
    }

    /** For windows built without a data folder (UI tests of other panes): nothing saved, no service yet. */
    public static MailParts detached(Browser browser) {
        return over(MailDatabase.inMemory(), new BackendConnection(), browser, Clock.systemUTC());
    }

    @Override
    public void close() {
        watcher.close();
        db.close();
    }
}
