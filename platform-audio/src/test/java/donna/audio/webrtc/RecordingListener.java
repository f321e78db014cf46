package donna.audio.webrtc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.core.voice.TransportListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A transport listener that keeps everything it hears, with the thread each event arrived on. */
final class RecordingListener implements TransportListener {
    private static final ObjectMapper JSON = new ObjectMapper();

    final List<JsonNode> events = new CopyOnWriteArrayList<>();
    final List<String> eventThreads = new CopyOnWriteArrayList<>();
    final AtomicInteger firstAudioFrames = new AtomicInteger();
    final AtomicReference<String> closedReason = new AtomicReference<>();
    volatile boolean closedAsFailure;

    @Override
    public void onEvent(String eventJson) {
        try {
            events.add(JSON.readTree(eventJson));
            eventThreads.add(Thread.currentThread().getName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onFirstAudioFrame() {
        firstAudioFrames.incrementAndGet();
    }

    @Override
    public void onClosed(String reason, boolean failure) {
        closedAsFailure = failure;
        closedReason.set(reason);
    }

    List<String> types() {
        return events.stream().map(e -> e.path("type").asText()).toList();
    }

    boolean has(String type) {
        return types().contains(type);
    }
}
