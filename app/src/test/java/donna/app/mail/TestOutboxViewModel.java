package donna.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

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
import donna.core.mail.outbox.OutboxState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbox list: states and reasons, retry, cancel, edit, and the flush's progress. */
class TestOutboxViewModel {
    private final MailDatabase db = MailDatabase.inMemory();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);
    private final Outbox outbox = new Outbox(db, clock);
    private final Set<String> refused = new HashSet<>();
    private boolean down;
    private final OutboxFlusher flusher = new OutboxFlusher(outbox, this::send,
            new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(2), () -> 1.0), clock);
    private final List<String> progress = new ArrayList<>();
    private final OutboxViewModel vm = new OutboxViewModel(outbox, flusher, flusher::flush,
            new SameThreadTaskExecutor(), Runnable::run, ZoneOffset.UTC);

    TestOutboxViewModel() {
        // Every progress text the view would show, in order.
        vm.progressProperty().addListener((o, a, now) -> progress.add(now));
    }

    private SendResult send(OutgoingMail mail, String key) {
        if (down) {
            throw new ServiceException(new ServiceError(409, "gmail_not_connected", "Gmail is not connected", "t"));
        }
        if (refused.contains(mail.subject())) {
            throw new ServiceException(new ServiceError(400, "invalid_input", "Invalid address in to", "t"));
        }
        return new SendResult("sent", "g", "t", "<" + key + "@donna>", false);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void the_list_follows_the_outbox_newest_first_and_counts_what_waits() {
        outbox.queue(OutgoingMail.to("ann@example.com", "first", ""));
        outbox.queue(OutgoingMail.to("ann@example.com", "second", ""));

        assertThat(vm.entries()).extracting(e -> e.mail().subject()).containsExactly("second", "first");
        assertThat(vm.waitingProperty().get()).isEqualTo(2);
    }

    @Test
    void a_flush_reports_n_of_m_and_ends_with_what_it_did() {
        outbox.queue(OutgoingMail.to("ann@example.com", "one", ""));
        outbox.queue(OutgoingMail.to("ann@example.com", "two", ""));

        vm.flushNow();

        assertThat(progress).containsExactly("Sending 1 of 2...", "Sending 2 of 2...", "Sent 2 of 2", "Sent 2");
        assertThat(vm.flushingProperty().get()).isFalse();
        assertThat(vm.entries()).allSatisfy(e -> assertThat(e.state()).isEqualTo(OutboxState.SENT));
        assertThat(vm.waitingProperty().get()).isZero();
    }

    @Test
    void waiting_mail_shows_why_and_when_the_next_try_is() {
        down = true;
        outbox.queue(OutgoingMail.to("ann@example.com", "patient", ""));

        vm.flushNow();

        assertThat(vm.progressProperty().get()).isEqualTo("1 waiting: Gmail is not connected. Next try at 12:00:02");
        assertThat(OutboxViewModel.describe(vm.entries().getFirst())).isEqualTo("Waiting: Gmail is not connected");
    }

    @Test
    void a_failed_mail_can_be_retried_or_cancelled_and_only_waiting_mail_can_be_edited() {
        refused.add("bad");
        outbox.queue(OutgoingMail.to("ann@example.com", "bad", ""));
        vm.flushNow();
        OutboxEntry failed = vm.entries().getFirst();
        assertThat(OutboxViewModel.describe(failed)).isEqualTo("Failed: Invalid address in to");
        List<OutboxEntry> edited = new ArrayList<>();
        vm.setOnEdit(edited::add);

        vm.edit(failed);
        refused.clear();
        vm.retry(failed);

        assertThat(edited).extracting(OutboxEntry::id).containsExactly(failed.id());
        assertThat(vm.entries().getFirst().state()).as("retried and flushed").isEqualTo(OutboxState.SENT);
        vm.edit(vm.entries().getFirst());
        assertThat(edited).as("sent mail is not editable").hasSize(1);
        vm.cancel(vm.entries().getFirst());
        assertThat(vm.errorProperty().get()).isEqualTo("Mail 1 is sent and can no longer be cancelled");
    }
}
