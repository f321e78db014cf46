package donna.core.mail.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import donna.core.mail.OutgoingMail;
import donna.core.mail.local.MailDatabase;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox file: durable, keyed at write time, ordered, and strict about what may change when. */
class TestOutbox {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T09:00:00Z"));
    private MailDatabase db;
    private Outbox outbox;

    private Outbox open() {
        db = MailDatabase.open(dir.resolve("mail.db"));
        outbox = new Outbox(db, clock);
        return outbox;
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void a_mail_queued_under_a_given_key_is_written_once_however_often_it_is_queued() {
        Outbox box = open();
        AtomicInteger changes = new AtomicInteger();
        box.addListener(changes::incrementAndGet);
        String key = "draft-7d3c2a10";

        OutboxEntry first = box.queue(OutgoingMail.to("ann@example.com", "Tuesday", "Tuesday works."), key);
        OutboxEntry again = box.queue(OutgoingMail.to("ann@example.com", "Tuesday", "Tuesday works!"), key);

        assertThat(first.idempotencyKey()).isEqualTo(key);
        assertThat(again).as("the second is the first, unchanged").isEqualTo(first);
        assertThat(box.list()).containsExactly(first);
        assertThat(changes).as("only the first write is a change").hasValue(1);
        assertThat(box.findByKey(key)).contains(first);
        assertThat(box.findByKey("draft-unknown")).isEmpty();
    }

    @Test
    void a_key_the_service_would_refuse_is_refused_before_it_is_written() {
        assertThatThrownBy(() -> open().queue(OutgoingMail.to("ann@example.com", "s", "b"), "short"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idempotency key");
        assertThatThrownBy(() -> outbox.queue(OutgoingMail.to("ann@example.com", "s", "b"), "bad key with spaces"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(outbox.list()).isEmpty();
    }

    @Test
    void a_queued_mail_is_on_disk_with_its_key_when_queue_returns() {
        OutboxEntry queued = open().queue(OutgoingMail.to("ana@example.com", "Lunch", "Tuesday at noon?"));
        db.close();

        List<OutboxEntry> reopened = open().list();

        assertThat(reopened).containsExactly(queued);
        assertThat(queued.state()).isEqualTo(OutboxState.QUEUED);
        assertThat(UUID.fromString(queued.idempotencyKey())).isNotNull();
        assertThat(queued.mail().to()).containsExactly("ana@example.com");
        assertThat(queued.createdAt()).isEqualTo(clock.instant());
        assertThat(queued.attempts()).isZero();
    }

    @Test
    void every_mail_gets_its_own_key_and_the_file_is_in_wal_mode() throws Exception {
        open();
        OutboxEntry a = outbox.queue(OutgoingMail.to("a@example.com", "one", ""));
        OutboxEntry b = outbox.queue(OutgoingMail.to("a@example.com", "one", ""));

        assertThat(a.idempotencyKey()).isNotEqualTo(b.idempotencyKey());
        assertThat(b.id()).isGreaterThan(a.id());
        String mode = db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertThat(mode).isEqualTo("wal");
    }

    @Test
    void pending_is_queued_and_sending_mail_in_the_order_it_was_written() {
        open();
        OutboxEntry first = outbox.queue(OutgoingMail.to("a@example.com", "first", ""));
        OutboxEntry second = outbox.queue(OutgoingMail.to("a@example.com", "second", ""));
        OutboxEntry third = outbox.queue(OutgoingMail.to("a@example.com", "third", ""));
        outbox.claim(second.id());
        outbox.cancel(third.id());

        assertThat(outbox.pending()).extracting(OutboxEntry::id).containsExactly(first.id(), second.id());
        assertThat(outbox.find(second.id()).orElseThrow().state()).isEqualTo(OutboxState.SENDING);
        assertThat(outbox.find(second.id()).orElseThrow().attempts()).isEqualTo(1);
        assertThat(outbox.find(third.id()).orElseThrow().state()).isEqualTo(OutboxState.CANCELLED);
        assertThat(outbox.hasPending()).isTrue();
    }

    @Test
    void mail_being_sent_or_sent_can_be_neither_edited_nor_cancelled() {
        open();
        OutboxEntry sending = outbox.queue(OutgoingMail.to("a@example.com", "in flight", ""));
        outbox.claim(sending.id());
        OutboxEntry sent = outbox.queue(OutgoingMail.to("a@example.com", "gone", ""));
        outbox.claim(sent.id());
        outbox.markSent(sent.id(), "<m@x>");

        assertThatThrownBy(() -> outbox.edit(sending.id(), OutgoingMail.to("b@example.com", "changed", "")))
                .isInstanceOf(OutboxStateException.class).hasMessage("Mail 1 is sending and can no longer be edited");
        assertThatThrownBy(() -> outbox.cancel(sent.id()))
                .isInstanceOf(OutboxStateException.class).hasMessage("Mail 2 is sent and can no longer be cancelled");
        assertThatThrownBy(() -> outbox.retry(99)).isInstanceOf(OutboxStateException.class)
                .hasMessage("There is no mail 99 in the outbox");
        assertThat(outbox.find(sending.id()).orElseThrow().mail().subject()).isEqualTo("in flight");
        assertThat(outbox.find(sent.id()).orElseThrow().messageId()).isEqualTo("<m@x>");
    }

    @Test
    void editing_a_queued_mail_keeps_its_key_but_a_failed_one_is_requeued_under_a_new_key() {
        open();
        OutboxEntry queued = outbox.queue(OutgoingMail.to("a@example.com", "draft", ""));
        OutboxEntry failed = outbox.queue(OutgoingMail.to("nobody@invalid", "bounced", ""));
        outbox.claim(failed.id());
        outbox.markFailed(failed.id(), "Invalid address: nobody@invalid");
        clock.advance(Duration.ofMinutes(1));

        OutboxEntry editedQueued = outbox.edit(queued.id(), OutgoingMail.to("a@example.com", "final", "text"));
        OutboxEntry editedFailed = outbox.edit(failed.id(), OutgoingMail.to("ana@example.com", "bounced", ""));

        assertThat(editedQueued.idempotencyKey()).isEqualTo(queued.idempotencyKey());
        assertThat(editedQueued.mail().subject()).isEqualTo("final");
        assertThat(editedQueued.updatedAt()).isEqualTo(clock.instant());
        assertThat(editedFailed.idempotencyKey()).isNotEqualTo(failed.idempotencyKey());
        assertThat(editedFailed.state()).isEqualTo(OutboxState.QUEUED);
        assertThat(editedFailed.reason()).isNull();
    }

    @Test
    void a_failed_mail_can_be_retried_as_it_is_or_cancelled() {
        open();
        OutboxEntry a = outbox.queue(OutgoingMail.to("a@example.com", "a", ""));
        OutboxEntry b = outbox.queue(OutgoingMail.to("b@example.com", "b", ""));
        for (OutboxEntry e : List.of(a, b)) {
            outbox.claim(e.id());
            outbox.markFailed(e.id(), "refused");
        }

        OutboxEntry retried = outbox.retry(a.id());
        OutboxEntry cancelled = outbox.cancel(b.id());

        assertThat(retried.state()).isEqualTo(OutboxState.QUEUED);
        assertThat(retried.idempotencyKey()).isEqualTo(a.idempotencyKey());
        assertThat(cancelled.state()).isEqualTo(OutboxState.CANCELLED);
        assertThat(outbox.pending()).extracting(OutboxEntry::id).containsExactly(a.id());
    }

    @Test
    void a_mail_that_could_never_be_sent_is_refused_at_once() {
        open();
        assertThatThrownBy(() -> outbox.queue(OutgoingMail.to(" ", "s", "b")))
                .hasMessage("A mail needs at least one recipient");
        assertThatThrownBy(() -> outbox.queue(OutgoingMail.to("a@example.com\r\nBcc: x@evil.test", "s", "b")))
                .hasMessageStartingWith("Not a mail address in to:");
        assertThatThrownBy(() -> outbox.queue(OutgoingMail.to("a@example.com", "Hi\nBcc: x@evil.test", "b")))
                .hasMessage("The subject must be a single line");
        OutboxEntry e = outbox.queue(OutgoingMail.to("a@example.com", "fine", ""));
        assertThatThrownBy(() -> outbox.edit(e.id(), new OutgoingMail(List.of("a@example.com"),
                List.of("not-an-address"), List.of(), "s", "b", null)))
                .hasMessage("Not a mail address in cc: not-an-address");
        assertThat(outbox.list()).containsExactly(e);
    }

    @Test
    void listeners_hear_of_every_change() {
        open();
        AtomicInteger changes = new AtomicInteger();
        outbox.addListener(changes::incrementAndGet);

        OutboxEntry e = outbox.queue(OutgoingMail.to("a@example.com", "a", ""));
        outbox.edit(e.id(), OutgoingMail.to("a@example.com", "b", ""));
        outbox.cancel(e.id());

        assertThat(changes).hasValue(3);
    }

    @Test
    void two_handles_on_one_file_see_each_others_writes() {
        open();
        try (MailDatabase other = MailDatabase.open(dir.resolve("mail.db"))) {
            Outbox second = new Outbox(other, clock);
            OutboxEntry fromCommand = second.queue(OutgoingMail.to("a@example.com", "from ./donna mail queue", ""));

            assertThat(outbox.pending()).extracting(OutboxEntry::id).containsExactly(fromCommand.id());
            assertThat(outbox.claim(fromCommand.id())).isPresent();
            assertThat(second.find(fromCommand.id()).orElseThrow().state()).isEqualTo(OutboxState.SENDING);
        }
    }
}
