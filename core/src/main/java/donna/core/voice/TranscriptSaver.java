package donna.core.voice;

import donna.core.chat.NewMessage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link VoiceSession}'s transcripts on their way into the chat history: one batch at a time, in order, through a
 * {@link TranscriptStore} on {@code io}, each result posted back to the session's scheduler; a failed batch is tried
 * again a few times, then the user is told.
 *
 * <p>Called on the scheduler's thread only, like the session. It has no close: a session that ends still saves what
 * it handed over (retries included).
 */
final class TranscriptSaver {
    private static final Logger log = LoggerFactory.getLogger(TranscriptSaver.class);
    private static final Duration SAVE_RETRY = Duration.ofSeconds(2);
    private static final int SAVE_ATTEMPTS = 3;

    private final TranscriptStore store;
    private final VoiceScheduler scheduler;
    private final Executor io;
    private final Consumer<String> onChatSession;
    private final Consumer<String> onNotice;

    /** Volatile: a transport whose service keeps the turns reads it on its own thread. */
    private volatile String chatId;
    private final Deque<NewMessage> unsaved = new ArrayDeque<>();
    private boolean saving;
    private int saveAttempts;

    /**
     * @param onChatSession told the chat id the first save created (when no chat was set)
     * @param onNotice told when a batch could not be saved after every attempt
     */
    TranscriptSaver(TranscriptStore store, VoiceScheduler scheduler, Executor io, Consumer<String> onChatSession,
            Consumer<String> onNotice) {
        this.store = Objects.requireNonNull(store, "store");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.io = Objects.requireNonNull(io, "io");
        this.onChatSession = Objects.requireNonNull(onChatSession, "onChatSession");
        this.onNotice = Objects.requireNonNull(onNotice, "onNotice");
    }

    /** Transcripts go into this chat session from now on (null: a new one on the next save). */
    void useChat(String id) {
        chatId = id;
    }

    /** The chat transcripts go into, or null until the first save creates one. */
    String chatId() {
        return chatId;
    }

    /** Queues one transcript and saves it after those queued before it. */
    void save(NewMessage message) {
        unsaved.addLast(message);
        saveNext();
    }

    /** Saves transcripts one batch at a time, in order, so the first save's new chat id is used by the rest. */
    private void saveNext() {
        if (saving || unsaved.isEmpty()) {
            return;
        }
        saving = true;
        List<NewMessage> batch = new ArrayList<>(unsaved);
        unsaved.clear();
        String into = chatId;
        io.execute(() -> {
            try {
                String id = store.append(into, batch);
                scheduler.execute(() -> saved(id));
            } catch (RuntimeException e) {
                String reason = VoiceSession.readable(e);
                scheduler.execute(() -> saveFailed(batch, reason));
            }
        });
    }

    private void saved(String id) {
        saving = false;
        saveAttempts = 0;
        if (chatId == null && id != null) {
            chatId = id;
            onChatSession.accept(id);
        }
        saveNext();
    }

    private void saveFailed(List<NewMessage> batch, String reason) {
        saving = false;
        if (++saveAttempts >= SAVE_ATTEMPTS) {
            saveAttempts = 0;
            log.warn("Voice transcript not saved after {} attempts: {}", SAVE_ATTEMPTS, reason);
            onNotice.accept("Could not save the voice transcript to the chat history: " + reason);
            saveNext();
            return;
        }
        for (int i = batch.size() - 1; i >= 0; i--) {
            unsaved.addFirst(batch.get(i));
        }
        scheduler.schedule(SAVE_RETRY, this::saveNext);
    }
}
