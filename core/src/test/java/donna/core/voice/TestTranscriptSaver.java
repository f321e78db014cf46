package donna.core.voice;

import static org.assertj.core.api.Assertions.assertThat;

import donna.core.ServiceError;
import donna.core.api.ServiceException;
import donna.core.chat.NewMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class TestTranscriptSaver {
    private static final NewMessage ASK = NewMessage.voice("user", "What's on today?");
    private static final NewMessage ANSWER = NewMessage.voice("assistant", "Two meetings.");
    private static final NewMessage THANKS = NewMessage.voice("user", "Thanks");

    private final ManualScheduler scheduler = new ManualScheduler(Instant.parse("2026-11-22T12:00:00Z"));
    private final List<String> into = new ArrayList<>();
    private final List<List<NewMessage>> saved = new ArrayList<>();
    private final List<String> chatSessions = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();
    private int failures;
    private String answerId = "chat-1";

    private TranscriptSaver saver(Executor io) {
        return new TranscriptSaver(this::append, scheduler, io, chatSessions::add, notices::add);
    }

    /** A saver (blocking work inline) that has tried once to save {@link #ASK}; the store fails {@code times} calls. */
    private TranscriptSaver askWhileTheStoreFails(int times) {
        TranscriptSaver saver = saver(Runnable::run);
        failures = times;
        saver.save(ASK);
        scheduler.runPending();
        return saver;
    }

    private String append(String chatId, List<NewMessage> messages) {
        if (failures > 0) {
            failures--;
            throw new ServiceException(new ServiceError(0, "unreachable", "The DONNA service could not be reached",
                    null));
        }
        into.add(chatId);
        saved.add(List.copyOf(messages));
        return chatId == null ? answerId : chatId;
    }

    @Test
    void transcriptsWaitingForAnEarlierSaveGoTogetherIntoTheChatItCreated() {
        TranscriptSaver saver = saver(Runnable::run);

        saver.save(ASK);
        saver.save(ANSWER);
        saver.save(THANKS);
        assertThat(saved).as("one save at a time").containsExactly(List.of(ASK));

        scheduler.runPending();

        assertThat(saved).containsExactly(List.of(ASK), List.of(ANSWER, THANKS));
        assertThat(into).containsExactly(null, "chat-1");
        assertThat(chatSessions).containsExactly("chat-1");
    }

    @Test
    void theStoreRunsOnIoAndItsResultComesBackThroughTheScheduler() {
        Deque<Runnable> io = new ArrayDeque<>();
        TranscriptSaver saver = saver(io::addLast);

        saver.save(ASK);
        scheduler.runPending();
        assertThat(saved).isEmpty();

        io.removeFirst().run();
        assertThat(saved).containsExactly(List.of(ASK));
        assertThat(chatSessions).isEmpty();

        scheduler.runPending();
        assertThat(chatSessions).containsExactly("chat-1");
        assertThat(io).isEmpty();
    }

    @Test
    void aChatChosenByTheAppIsUsedAndNotReportedBack() {
        TranscriptSaver saver = saver(Runnable::run);
        saver.useChat("chat-typed");

        saver.save(ASK);
        scheduler.runPending();
        saver.save(ANSWER);
        scheduler.runPending();

        assertThat(into).containsExactly("chat-typed", "chat-typed");
        assertThat(chatSessions).isEmpty();
    }

    @Test
    void choosingNoChatAgainStartsANewOneOnTheNextSave() {
        TranscriptSaver saver = saver(Runnable::run);
        saver.save(ASK);
        scheduler.runPending();

        saver.useChat(null);
        answerId = "chat-2";
        saver.save(ANSWER);
        scheduler.runPending();

        assertThat(into).containsExactly(null, null);
        assertThat(chatSessions).containsExactly("chat-1", "chat-2");
    }

    @Test
    void aFailedBatchIsTriedAgainInTwoSecondsAndKeepsItsPlaceBeforeLaterTranscripts() {
        TranscriptSaver saver = askWhileTheStoreFails(1);
        assertThat(saved).isEmpty();
        scheduler.advance(Duration.ofMillis(1_999));
        assertThat(saved).isEmpty();
        scheduler.advance(Duration.ofMillis(1));

        assertThat(saved).containsExactly(List.of(ASK));
        assertThat(notices).isEmpty();

        failures = 1;
        saver.save(ANSWER);
        scheduler.runPending();
        saver.save(THANKS);
        scheduler.runPending();

        assertThat(saved).containsExactly(List.of(ASK), List.of(ANSWER, THANKS));
        assertThat(into).containsExactly(null, "chat-1");
    }

    @Test
    void afterThreeFailedAttemptsTheUserIsToldAndLaterTranscriptsAreStillSaved() {
        TranscriptSaver saver = askWhileTheStoreFails(3);
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(notices).isEmpty();
        scheduler.advance(Duration.ofSeconds(2));

        assertThat(notices).containsExactly(
                "Could not save the voice transcript to the chat history: The DONNA service could not be reached");
        assertThat(saved).isEmpty();
        assertThat(scheduler.pendingTimers()).as("the batch is given up").isZero();

        failures = 2; // the count starts again for the next batch: two failures are not yet three
        saver.save(ANSWER);
        scheduler.advance(Duration.ofSeconds(4));

        assertThat(saved).containsExactly(List.of(ANSWER));
        assertThat(notices).hasSize(1);
    }

    @Test
    void aSaveStillInFlightOrWaitingToRetryIsNeverDroppedNorReordered() {
        Deque<Runnable> io = new ArrayDeque<>();
        TranscriptSaver saver = saver(io::addLast);
        failures = 2;
        saver.save(ASK);
        saver.save(ANSWER); // waits while ASK is in flight

        io.removeFirst().run();
        scheduler.runPending();
        scheduler.advance(Duration.ofSeconds(2));
        io.removeFirst().run(); // [ASK, ANSWER] fails too
        scheduler.runPending();
        saver.save(THANKS);
        io.removeFirst().run();
        scheduler.runPending();

        assertThat(saved).containsExactly(List.of(ASK, ANSWER, THANKS));
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(io).isEmpty();
        assertThat(saved).hasSize(1);
        assertThat(notices).isEmpty();
    }
}
