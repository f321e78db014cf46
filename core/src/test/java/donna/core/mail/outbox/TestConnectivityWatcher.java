package donna.core.mail.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import donna.core.mail.OutgoingMail;
import donna.core.api.BackendClient;
import donna.core.api.StubServer;
import donna.core.mail.local.MailDatabase;
import donna.core.mail.outbox.ConnectivityWatcher.Connectivity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox goes out when the service and Gmail come back, and is retried when its backoff runs out. */
class TestConnectivityWatcher {
    private static final Connectivity DOWN = new Connectivity(false, false);
    private static final Connectivity NO_GMAIL = new Connectivity(true, false);
    private static final Connectivity READY = new Connectivity(true, true);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T09:00:00Z"));
    private final StubSender sender = new StubSender();
    private MailDatabase db;
    private Outbox outbox;
    private Connectivity probed = DOWN;
    private ConnectivityWatcher watcher;

    @BeforeEach
    void open() {
        db = MailDatabase.open(dir.resolve("mail.db"));
        outbox = new Outbox(db, clock);
        OutboxFlusher flusher = new OutboxFlusher(outbox, sender,
                new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(1), () -> 0.0), clock);
        watcher = new ConnectivityWatcher(() -> probed, flusher, outbox, clock);
    }

    @AfterEach
    void close() {
        watcher.close();
        db.close();
    }

    @Test
    void mail_written_offline_goes_out_when_the_service_and_gmail_are_back() {
        outbox.queue(OutgoingMail.to("ana@example.com", "written on the train", ""));
        watcher.tick();
        probed = NO_GMAIL;
        watcher.tick();
        assertThat(sender.calls).as("nothing is tried while Gmail is not connected").isEmpty();

        probed = READY;
        watcher.tick();

        assertThat(sender.subjects()).containsExactly("written on the train");
        assertThat(outbox.pending()).isEmpty();
    }

    @Test
    void a_probe_that_throws_counts_as_the_service_being_down() {
        outbox.queue(OutgoingMail.to("ana@example.com", "waiting", ""));
        ConnectivityWatcher failing = new ConnectivityWatcher(() -> {
            throw new IllegalStateException("connection refused");
        }, new OutboxFlusher(outbox, sender, Backoff.defaults(), clock), outbox, clock);

        failing.tick();

        assertThat(failing.current()).isEqualTo(Connectivity.UNKNOWN);
        assertThat(sender.calls).isEmpty();
    }

    @Test
    void waiting_mail_is_retried_when_its_backoff_is_over_and_not_before() {
        probed = READY;
        outbox.queue(OutgoingMail.to("ana@example.com", "retry me", ""));
        sender.thenFail(502, "upstream_error", "Gmail answered 502");
        watcher.tick();
        assertThat(sender.calls).hasSize(1);

        clock.advance(Duration.ofSeconds(4));
        watcher.tick();
        assertThat(sender.calls).as("still in its 5 s backoff").hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        watcher.tick();
        assertThat(sender.calls).hasSize(2);
        assertThat(outbox.pending()).isEmpty();
    }

    @Test
    void coming_back_cuts_a_long_backoff_short() {
        probed = READY;
        outbox.queue(OutgoingMail.to("ana@example.com", "retry me", ""));
        sender.thenFail(429, "rate_limited", "slow down", Duration.ofMinutes(10));
        watcher.tick();
        probed = DOWN;
        watcher.tick();

        probed = READY;
        watcher.tick();

        assertThat(sender.calls).hasSize(2);
        assertThat(outbox.pending()).isEmpty();
    }

    @Test
    void flush_now_sends_at_once_when_the_link_is_up() {
        probed = READY;
        watcher.tick();
        outbox.queue(OutgoingMail.to("ana@example.com", "just written", ""));

        watcher.flushNow();

        assertThat(sender.subjects()).containsExactly("just written");
    }

    @Test
    void listeners_hear_only_of_changes() {
        List<Connectivity> heard = new ArrayList<>();
        watcher.addListener(heard::add);
        probed = NO_GMAIL;
        watcher.tick();
        watcher.tick();
        probed = READY;
        watcher.tick();

        assertThat(heard).containsExactly(NO_GMAIL, READY);
    }

    @Test
    void the_service_probe_asks_health_then_the_gmail_link() throws Exception {
        try (StubServer service = new StubServer()) {
            service.on("GET /api/health", StubServer.Answer.json(200, "{\"ok\":true,\"service\":\"donna-api\"}"));
            service.on("GET /api/gmail/status", StubServer.Answer.json(200, "{\"status\":\"needs_reconnect\"}"),
                    StubServer.Answer.json(200, "{\"status\":\"connected\",\"email\":\"ana@example.com\"}"));
            BackendClient client = BackendClient.builder(service.uri()).build();
            ConnectivityWatcher.Probe probe = ConnectivityWatcher.Probe.of(() -> client);

            assertThat(probe.check()).isEqualTo(NO_GMAIL);
            assertThat(probe.check()).isEqualTo(READY);
        }
    }

    @Test
    void started_it_looks_right_away_on_its_own_thread() throws Exception {
        CountDownLatch looked = new CountDownLatch(1);
        ConnectivityWatcher timed = new ConnectivityWatcher(() -> {
            looked.countDown();
            return DOWN;
        }, new OutboxFlusher(outbox, sender, Backoff.defaults(), clock), outbox, clock);
        try {
            timed.start(Duration.ofHours(1));
            assertThat(looked.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            timed.close();
        }
    }
}
