package donna.backend.voiceturn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks a reply while it is still being written: text arrives in deltas, each finished sentence goes to speech at
 * once (one after another, so the audio comes in order), and its audio is handed on as it is made. The person
 * hears the first sentence while the model is still writing the rest.
 */
final class SpokenReply implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SpokenReply.class);
    /** A sentence this long is spoken even without its full stop, so a long one does not hold up the start. */
    static final int MAX_PIECE = 240;

    /** Speaks one piece of text, handing its audio on as it comes. */
    @FunctionalInterface
    interface Voice {
        void speak(String text, Consumer<byte[]> audio);
    }

    private final Voice voice;
    private final Consumer<byte[]> audio;
    private final Consumer<String> failed;
    private final ExecutorService speaker = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("spoken-reply").factory());
    private final List<Future<?>> pieces = new ArrayList<>();
    private final StringBuilder pending = new StringBuilder();
    private volatile boolean broken;

    /** @param failed told once, with a message for the person, when speech fails (the text still stands) */
    SpokenReply(Voice voice, Consumer<byte[]> audio, Consumer<String> failed) {
        this.voice = voice;
        this.audio = audio;
        this.failed = failed;
    }

    /** More of the reply's text. */
    synchronized void add(String delta) {
        pending.append(delta);
        int end;
        while ((end = sentenceEnd(pending)) > 0) {
            say(pending.substring(0, end));
            pending.delete(0, end);
        }
    }

    /** The reply is complete: speaks what is left and waits until everything is spoken (or {@code limit} passes). */
    void finish(Duration limit) {
        synchronized (this) {
            say(pending.toString());
            pending.setLength(0);
        }
        long deadline = System.nanoTime() + limit.toNanos();
        for (Future<?> piece : List.copyOf(pieces)) {
            try {
                piece.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                fail("DONNA's voice took too long; her answer is in the text");
                piece.cancel(true);
            } catch (ExecutionException e) {
                // told already by the piece itself
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void say(String text) {
        String piece = text.strip();
        if (piece.isEmpty() || broken) {
            return;
        }
        pieces.add(speaker.submit(() -> {
            if (broken) {
                return;
            }
            try {
                voice.speak(piece, audio);
            } catch (RuntimeException e) {
                log.warn("Spoken reply: speech failed ({}): {}", e.getClass().getSimpleName(), e.getMessage());
                fail("DONNA's voice is unavailable right now; her answer is in the text");
            }
        }));
    }

    private synchronized void fail(String message) {
        if (!broken) {
            broken = true;
            failed.accept(message);
        }
    }

    /** Where the first complete sentence ends (after its punctuation), or 0 when none is complete yet. */
    static int sentenceEnd(CharSequence text) {
        for (int i = 0; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if ((c == '.' || c == '!' || c == '?' || c == '\n') && Character.isWhitespace(text.charAt(i + 1))) {
                return i + 1;
            }
        }
        if (text.length() >= MAX_PIECE) {
            int space = text.toString().lastIndexOf(' ', MAX_PIECE);
            return space > 0 ? space + 1 : MAX_PIECE;
        }
        return 0;
    }

    @Override
    public void close() {
        speaker.shutdownNow();
    }
}
