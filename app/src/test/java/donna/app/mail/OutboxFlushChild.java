package donna.app.mail;

import donna.core.api.BackendClient;
import donna.core.api.RetryPolicy;
import donna.core.mail.local.MailDatabase;
import donna.core.mail.outbox.Backoff;
import donna.core.mail.outbox.FlushListener;
import donna.core.mail.outbox.Outbox;
import donna.core.mail.outbox.OutboxEntry;
import donna.core.mail.outbox.OutboxFlusher;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The app's outbox flushing, alone in a process for {@link TestOutboxCrash} to SIGKILL. It prints a marker line at
 * each step of each send, so the test can kill it at chosen points: {@code sending <id>} (about to hand it over),
 * {@code answered <id>} (the service said sent, the outbox does not know yet), {@code recorded <id>} (the outbox
 * knows), and {@code done} at the end.
 *
 * <p>Arguments: the mail database file, the service's base URL, the API secret, the user.
 */
public final class OutboxFlushChild {
    private OutboxFlushChild() {}

    public static void main(String[] args) throws Exception {
        BackendClient client = BackendClient.builder(URI.create(args[1])).token(() -> Optional.of(args[2]))
                .user(args[3]).build();
        try (MailDatabase db = MailDatabase.open(Path.of(args[0]))) {
            Outbox outbox = new Outbox(db, Clock.systemUTC());
            OutboxFlusher flusher = new OutboxFlusher(outbox, (mail, key) -> {
                String id = idOf(outbox, key);
                mark("sending " + id);
                var result = client.send(mail, key);
                mark("answered " + id);
                return result;
            }, new Backoff(Duration.ofMillis(50), Duration.ofMillis(500), Math::random), Clock.systemUTC());
            flusher.addListener(new FlushListener() {
                @Override
                public void progressed(int done, int total, OutboxEntry entry) {
                    mark("recorded " + entry.id());
                }
            });
            flusher.drain(1_000, RetryPolicy.Sleeper.REAL);
            mark("done");
        }
    }

    private static String idOf(Outbox outbox, String key) {
        return outbox.pending().stream().filter(e -> e.idempotencyKey().equals(key)).findFirst()
                .map(e -> Long.toString(e.id())).orElse("?");
    }

    private static void mark(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
