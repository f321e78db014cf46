package donna.core.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import donna.core.ServiceError;
import donna.core.api.ServiceException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The voice events log's batching: a report when 20 wait, when the session ends, or 5 s after the first unsent
 * event; at most 100 a report, one at a time, on the io executor; failures retried with backoff, then dropped
 * without blocking what follows. And the no-content rule: data holds numbers, booleans and identifiers only.
 */
class TestVoiceEventLog {
    private final ManualScheduler scheduler = new ManualScheduler(Instant.parse("2026-12-07T10:00:00Z"));
    /** The io executor, run by hand: nothing is sent until the test says. */
    private final Deque<Runnable> io = new ArrayDeque<>();
    private final List<List<VoiceEvent>> reports = new ArrayList<>();
    private final List<Integer> attempts = new ArrayList<>();
    private RuntimeException failWith;
    private int failures;
    private final VoiceEventLog log = new VoiceEventLog(events -> {
        attempts.add(events.size());
        if (failures > 0) {
            failures--;
            throw failWith;
        }
        reports.add(List.copyOf(events));
    }, scheduler, io::addLast);

    @Test
    void fewEventsWaitForTheTimerThenGoInOneReport() {
        record(3, "turn");
        runIo();
        assertThat(reports).isEmpty();

        scheduler.advance(VoiceEventLog.FLUSH_AFTER.minusMillis(1));
        runIo();
        assertThat(reports).isEmpty();
        scheduler.advance(Duration.ofMillis(1));
        runIo();

        assertThat(reports).hasSize(1);
        assertThat(reports.getFirst()).hasSize(3);
        assertThat(scheduler.pendingTimers()).isZero();
    }

    @Test
    void twentyEventsAreSentAtOnce() {
        record(19, "turn");
        runIo();
        assertThat(reports).isEmpty();
        record(1, "barge_in");
        runIo();

        assertThat(reports).hasSize(1);
        assertThat(reports.getFirst()).hasSize(VoiceEventLog.FLUSH_COUNT);
        assertThat(scheduler.pendingTimers()).as("the timer was cancelled").isZero();
    }

    @Test
    void theEndedEventSendsEverythingQueued() {
        record(2, "turn");
        record(1, "ended");
        runIo();

        assertThat(reports).hasSize(1);
        assertThat(reports.getFirst()).extracting(VoiceEvent::type).containsExactly("turn", "turn", "ended");
    }

    @Test
    void noReportCarriesMoreThanAHundredAndOnlyOneIsUnderWayAtATime() {
        record(20, "turn"); // a report of 20 is on its way (not yet run)
        record(229, "turn");
        record(1, "ended");
        assertThat(io).as("one report at a time").hasSize(1);
        runIo();

        assertThat(reports).extracting(List::size).containsExactly(20, 100, 100, 30);
        assertThat(reports.getLast().getLast().type()).isEqualTo("ended");
    }

    @Test
    void aFailedReportIsTriedAgainWithBackoffAndTheSessionNeverWaits() {
        failWith = new ServiceException(new ServiceError(0, "unreachable", "The DONNA service could not be reached",
                null));
        failures = 2;
        record(1, "ended");
        runIo();
        assertThat(attempts).hasSize(1);
        assertThat(reports).isEmpty();

        scheduler.advance(VoiceEventLog.RETRY_BASE);
        runIo();
        assertThat(attempts).hasSize(2);
        scheduler.advance(VoiceEventLog.RETRY_BASE.multipliedBy(2).minusMillis(1));
        runIo();
        assertThat(attempts).as("backoff doubles").hasSize(2);
        scheduler.advance(Duration.ofMillis(1));
        runIo();

        assertThat(attempts).hasSize(3);
        assertThat(reports).hasSize(1);
    }

    @Test
    void aReportThatKeepsFailingIsDroppedAndTheNextOnesStillGo() {
        failWith = new ServiceException(new ServiceError(503, "database_unavailable", "down", null));
        failures = VoiceEventLog.ATTEMPTS;
        record(1, "ended");
        runIo();
        waitOut();
        assertThat(attempts).hasSize(VoiceEventLog.ATTEMPTS);
        assertThat(reports).isEmpty();

        record(1, "ended");
        runIo();
        assertThat(reports).hasSize(1);
        assertThat(scheduler.pendingTimers()).isZero();
    }

    @Test
    void aRefusedReportIsNotSentAgain() {
        failWith = new ServiceException(new ServiceError(400, "validation_failed", "events[0].at must be ...", null));
        failures = 1;
        record(1, "ended");
        runIo();
        waitOut();

        assertThat(attempts).hasSize(1);
        assertThat(scheduler.pendingTimers()).isZero();
    }

    @Test
    void dataHoldsNumbersBooleansAndIdentifiersNeverWords() {
        Instant at = scheduler.now();
        assertThatThrownBy(() -> new VoiceEvent("s", "turn", at, Map.of("text", "Two meetings today.")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("meetings");
        assertThatThrownBy(() -> new VoiceEvent("s", "tool_call", at, Map.of("arguments", Map.of("to", "a@b.c"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(VoiceEvent.toolCall("s", at, "send the mail to Bob", 12, null).data())
                .as("a tool name that is not an identifier is not carried").containsEntry("tool", "other");
        assertThat(VoiceEvent.error("s", at, "Rate limit reached: try again").data()).containsEntry("code", "other");
        assertThat(VoiceEvent.toolCall("s", at, "draft_reply", 12, "tool_timeout").data())
                .containsExactly(Map.entry("tool", "draft_reply"), Map.entry("ms", 12L), Map.entry("ok", false),
                        Map.entry("error_code", "tool_timeout"));
    }

    private void record(int count, String type) {
        for (int i = 0; i < count; i++) {
            log.record(new VoiceEvent("session-1", type, scheduler.now(), Map.of("n", i)));
        }
    }

    /** Lets every retry's backoff pass (each retry's timer is set when the attempt before it ran). */
    private void waitOut() {
        for (int i = 0; i < 10; i++) {
            scheduler.advance(Duration.ofMinutes(1));
            runIo();
        }
    }

    private void runIo() {
        while (!io.isEmpty()) {
            io.pollFirst().run();
        }
    }
}
