package donna.core.mail.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import donna.core.mail.OutgoingMail;
import donna.core.mail.local.MailDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sending the outbox: in order, once per key, failed for good only on a refusal, otherwise later with backoff. */
class TestOutboxFlusher {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T09:00:00Z"));
    /** Jitter pinned to the middle: each wait is 3/4 of its ceiling. */
    private final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(60), () -> 0.5);
    private final StubSender sender = new StubSender();
    private MailDatabase db;
    private Outbox outbox;
    private OutboxFlusher flusher;

    @BeforeEach
    void open() {
        db = MailDatabase.open(dir.resolve("mail.db"));
        outbox = new Outbox(db, clock);
        flusher = new OutboxFlusher(outbox, sender, backoff, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private OutboxEntry queue(String subject) {
        return outbox.queue(OutgoingMail.to("ana@example.com", subject, "body of " + subject));
    }

    @Test
    void sends_everything_in_order_each_with_its_own_key_and_reports_n_of_m() {
        List<OutboxEntry> queued = List.of(queue("one"), queue("two"), queue("three"));
        List<String> progress = new ArrayList<>();
        flusher.addListener(new FlushListener() {
            @Override
            public void started(int total) {
                progress.add("start " + total);
            }

            @Override
            public void progressed(int done, int total, OutboxEntry entry) {
                progress.add(done + " of " + total + " " + entry.state());
            }

            @Override
            public void finished(FlushReport report) {
                progress.add("done " + report.sent());
            }
        });

        FlushReport report = flusher.flush();

        assertThat(report).isEqualTo(new FlushReport(3, 0, 0, java.util.Optional.empty(), java.util.Optional.empty()));
        assertThat(sender.subjects()).containsExactly("one", "two", "three");
        assertThat(sender.calls).extracting(StubSender.Call::key)
                .containsExactlyElementsOf(queued.stream().map(OutboxEntry::idempotencyKey).toList());
        assertThat(outbox.list()).allSatisfy(e -> {
            assertThat(e.state()).isEqualTo(OutboxState.SENT);
            assertThat(e.messageId()).isEqualTo(StubSender.messageId(e.idempotencyKey()));
        });
        assertThat(progress).containsExactly("start 3", "1 of 3 SENT", "2 of 3 SENT", "3 of 3 SENT", "done 3");
        assertThat(flusher.nextAttempt()).isEmpty();
    }

    @Test
    void a_refused_mail_fails_for_good_with_the_reason_and_the_rest_still_goes_out() {
        queue("bad address");
        queue("fine");
        sender.thenFail(400, "invalid_input", "Invalid address in to: ana@@example");

        FlushReport report = flusher.flush();

        assertThat(report.sent()).isEqualTo(1);
        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.remaining()).isZero();
        OutboxEntry failed = outbox.list().getFirst();
        assertThat(failed.state()).isEqualTo(OutboxState.FAILED);
        assertThat(failed.reason()).isEqualTo("Invalid address in to: ana@@example");
        assertThat(outbox.list().get(1).state()).isEqualTo(OutboxState.SENT);

        flusher.flush();
        assertThat(sender.calls).as("a failed mail is not tried again by itself").hasSize(2);
    }

    @Test
    void when_the_service_is_unreachable_the_mail_stays_queued_and_later_mail_waits_behind_it() {
        queue("first");
        queue("second");
        sender.thenFail(0, "unreachable", "The DONNA service could not be reached");

        FlushReport report = flusher.flush();

        assertThat(report.sent()).isZero();
        assertThat(report.remaining()).isEqualTo(2);
        assertThat(report.problem()).contains("The DONNA service could not be reached");
        assertThat(report.retryAt()).contains(clock.instant().plus(Duration.ofMillis(1500)));
        assertThat(sender.subjects()).as("the second is not sent before the first").containsExactly("first");
        OutboxEntry first = outbox.list().getFirst();
        assertThat(first.state()).isEqualTo(OutboxState.QUEUED);
        assertThat(first.reason()).isEqualTo("The DONNA service could not be reached");
        assertThat(flusher.due(clock.instant())).isFalse();
        clock.advance(Duration.ofMillis(1500));
        assertThat(flusher.due(clock.instant())).isTrue();
    }

    @Test
    void every_failure_that_may_pass_keeps_the_mail_queued() {
        for (int status : new int[] {409, 429, 500, 502, 503, 504, 401, 404}) {
            OutboxEntry e = queue("status " + status);
            sender.thenFail(status, "code_" + status, "failed with " + status);

            FlushReport report = flusher.flush();

            assertThat(report.failed()).as("status %d", status).isZero();
            assertThat(outbox.find(e.id()).orElseThrow().state()).as("status %d", status)
                    .isEqualTo(OutboxState.QUEUED);
            outbox.cancel(e.id());
        }
    }

    @Test
    void the_backoff_grows_with_failures_in_a_row_and_starts_again_after_a_success() {
        queue("patience");
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            sender.thenFail(503, "upstream_unavailable", "Gmail is unavailable");
            Instant before = clock.instant();
            waits.add(Duration.between(before, flusher.flush().retryAt().orElseThrow()));
            clock.advance(waits.getLast());
        }
        // Ceilings 2, 4, 8, 16, 32, 60, 60 s; equal jitter at 0.5 takes 3/4 of each.
        assertThat(waits).containsExactly(Duration.ofMillis(1500), Duration.ofMillis(3000), Duration.ofMillis(6000),
                Duration.ofMillis(12000), Duration.ofMillis(24000), Duration.ofMillis(45000), Duration.ofMillis(45000));

        assertThat(flusher.flush().sent()).isEqualTo(1);
        queue("next");
        sender.thenFail(503, "upstream_unavailable", "Gmail is unavailable");
        assertThat(flusher.flush().retryAt()).contains(clock.instant().plus(Duration.ofMillis(1500)));
    }

    @Test
    void a_rate_limit_is_waited_out_for_exactly_as_long_as_the_service_asks() {
        queue("paced");
        sender.thenFail(429, "rate_limited", "Too many sends", Duration.ofSeconds(17));

        FlushReport report = flusher.flush();

        assertThat(report.retryAt()).contains(clock.instant().plus(Duration.ofSeconds(17)));
    }

    @Test
    void the_jitter_spreads_waits_between_half_and_all_of_the_ceiling() {
        Backoff low = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(60), () -> 0.0);
        Backoff high = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(60), () -> 0.999_999);

        assertThat(low.after(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(high.after(3)).isEqualTo(Duration.ofMillis(7999));
        assertThat(Backoff.defaults().after(100)).isBetween(Duration.ofMinutes(2).plusSeconds(30),
                Duration.ofMinutes(5));
    }

    @Test
    void a_mail_a_crash_left_in_sending_is_sent_again_with_the_same_key() {
        OutboxEntry e = queue("interrupted");
        outbox.claim(e.id()); // the process died after handing it over, before it heard back
        db.close();
        open();

        FlushReport report = flusher.flush();

        assertThat(report.sent()).isEqualTo(1);
        assertThat(sender.calls).singleElement().extracting(StubSender.Call::key).isEqualTo(e.idempotencyKey());
        OutboxEntry sent = outbox.find(e.id()).orElseThrow();
        assertThat(sent.state()).isEqualTo(OutboxState.SENT);
        assertThat(sent.attempts()).isEqualTo(2);
    }

    @Test
    void an_edit_made_before_the_mail_is_claimed_is_what_goes_out() {
        OutboxEntry first = queue("first");
        OutboxEntry second = queue("second");
        OutboxFlusher editing = new OutboxFlusher(outbox, (mail, key) -> {
            if (mail.subject().equals("first")) {
                outbox.edit(second.id(), OutgoingMail.to("ana@example.com", "second, edited", ""));
                outbox.cancel(first.id() + 2); // a third one, cancelled while the flush runs
            }
            return sender.send(mail, key);
        }, backoff, clock);
        queue("third");

        FlushReport report = editing.flush();

        assertThat(sender.subjects()).containsExactly("first", "second, edited");
        assertThat(report.sent()).isEqualTo(2);
    }

    @Test
    void drain_waits_out_each_pause_and_gives_up_after_pauses_without_progress() throws Exception {
        queue("a");
        queue("b");
        sender.thenSend().thenFail(429, "rate_limited", "slow", Duration.ofSeconds(30)).thenSend();
        List<Duration> slept = new ArrayList<>();

        FlushReport report = flusher.drain(3, d -> {
            slept.add(d);
            clock.advance(d);
        });

        assertThat(report.sent()).isEqualTo(2);
        assertThat(report.remaining()).isZero();
        assertThat(slept).containsExactly(Duration.ofSeconds(30));

        queue("c");
        for (int i = 0; i < 5; i++) {
            sender.thenFail(0, "unreachable", "down");
        }
        slept.clear();
        FlushReport stalled = flusher.drain(3, d -> {
            slept.add(d);
            clock.advance(d);
        });
        assertThat(stalled.sent()).isZero();
        assertThat(stalled.remaining()).isEqualTo(1);
        assertThat(stalled.problem()).contains("down");
        assertThat(slept).hasSize(2);
    }
}
