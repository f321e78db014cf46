package donna.core.voice.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.core.api.ServiceException;
import donna.core.voice.Pcm16;
import donna.core.voice.RealtimeConnectRequest;
import donna.core.voice.RealtimeTransport;
import donna.core.voice.RealtimeTransportException;
import donna.core.voice.RealtimeTransportFactory;
import donna.core.voice.ToolAction;
import donna.core.voice.ToolStep;
import donna.core.voice.TransportListener;
import donna.core.voice.VoiceAudio;
import donna.core.voice.websocket.PlaybackTracker;
import java.io.IOException;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch voice path (issue 16): hold the key, speak, release; the recording goes to the companion service
 * ({@code POST /api/voice/turn}), which transcribes it, runs it as a typed turn (same tools, history, confirmation
 * rule; saved in the chat by the service) and streams the answer back with speech. For networks and accounts where
 * no realtime engine works, or by choice ({@code DONNA_VOICE_TRANSPORT=batch}).
 *
 * <p>It speaks the Realtime API's events to the session, so the Voice pane, push-to-talk, barge-in and the
 * transcripts behave as on the other transports: {@code session.update} is confirmed at once, the microphone is
 * recorded while live, {@code input_audio_buffer.commit} + {@code response.create} send the turn, and the answer's
 * server-sent events come back as {@code conversation.item.input_audio_transcription.completed} (what the service
 * heard), {@code response.output_audio_transcript.delta}, audio played through the same {@link VoiceAudio} as the
 * WebSocket transport's (with the same {@code output_audio_buffer.*} reports) and {@code response.done}. Tools the
 * service ran and the cards they made reach the session directly ({@link TransportListener#onToolStep},
 * {@link TransportListener#onToolAction}).
 */
public final class BatchTransport implements RealtimeTransport {
    private static final Logger log = LoggerFactory.getLogger(BatchTransport.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a finished answer waits for its first audio to reach the speaker before reporting done anyway. */
    private static final long PLAYBACK_START_WAIT_MS = 5_000;

    /** The service's batch turn for the chat {@code chatId} (null: a new chat); see {@code BackendClient.voiceTurn}. */
    @FunctionalInterface
    public interface Service {
        JsonNode turn(byte[] wav, String chatId, BiConsumer<String, JsonNode> onEvent);
    }

    private final Service service;
    private final VoiceAudio audio;
    private final Object lock = new Object();
    private final PlaybackTracker playback = new PlaybackTracker();
    private final BatchRecording recording = new BatchRecording();
    private final Devices devices = new Devices();
    private volatile TransportListener listener;
    private volatile boolean ended;
    private volatile double level;
    private boolean micLive;
    private boolean handsFree;
    private boolean fullNoticed;
    private byte[] committed;
    private long playedAtConnect;
    private int turns;
    private String firstAudioPending;
    /** The turn whose answer is playing or coming, and the latch its first audio opens. */
    private String current;
    private CountDownLatch started = new CountDownLatch(0);

    public BatchTransport(Service service, VoiceAudio audio) {
        this.service = service;
        this.audio = audio;
    }

    /** A transport per connection over one service and the app's devices. */
    public static RealtimeTransportFactory factory(Service service, VoiceAudio audio) {
        return new RealtimeTransportFactory() {
            @Override
            public RealtimeTransport create() {
                return new BatchTransport(service, audio);
            }

            @Override
            public boolean needsClientSecret() {
                return false;
            }
        };
    }

    @Override
    public void connect(RealtimeConnectRequest request, TransportListener transportListener) {
        this.listener = transportListener;
        synchronized (lock) {
            playedAtConnect = audio.playedMillis();
        }
        try {
            audio.start(devices);
        } catch (RuntimeException e) {
            ended = true;
            audio.detach(devices);
            throw new RealtimeTransportException("the sound devices could not be opened: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean usesClientSecret() {
        return false;
    }

    @Override
    public boolean savesTranscripts() {
        return true;
    }

    @Override
    public boolean supportsServerTurnDetection() {
        return false; // no follow-up window here (docs/voice.md, "The follow-up window")
    }

    @Override
    public String transportName() {
        return "batch";
    }

    @Override
    public void send(String eventJson) {
        if (ended) {
            return;
        }
        JsonNode sent;
        try {
            sent = JSON.readTree(eventJson);
        } catch (IOException e) {
            return;
        }
        String type = sent.path("type").asText();
        switch (type) {
            case "session.update" -> sessionUpdate(sent);
            case "input_audio_buffer.clear" -> {
                synchronized (lock) {
                    recording.clear();
                    committed = null;
                }
            }
            case "input_audio_buffer.commit" -> commit();
            case "response.create" -> respond();
            case "response.cancel" -> cancel();
            // The service keeps the history: a reconnect's restored items and truncates need nothing here.
            default -> log.trace("Batch path: {} needs nothing", type);
        }
    }

    @Override
    public void setMicrophoneLive(boolean live) {
        synchronized (lock) {
            micLive = live;
            if (live) {
                fullNoticed = false;
            }
        }
    }

    @Override
    public long playedAudioMillis() {
        synchronized (lock) {
            return audio.playedMillis() - playedAtConnect;
        }
    }

    @Override
    public double inputLevel() {
        return level;
    }

    @Override
    public void stopPlayback() {
        String cleared;
        synchronized (lock) {
            audio.clearPlayback();
            cleared = playback.clear();
            playback.mute(current);
            firstAudioPending = null;
            started.countDown();
        }
        ObjectNode e = event("output_audio_buffer.cleared");
        e.put("response_id", cleared);
        deliver(e);
    }

    @Override
    public void close() {
        ended = true;
        synchronized (lock) {
            micLive = false;
            audio.clearPlayback();
            playback.clear();
            started.countDown();
        }
        audio.detach(devices);
    }

    /**
     * Push-to-talk is confirmed as is. Hands-free needs the server to hear when the person stops, which only a
     * realtime path has: the microphone is not recorded then, and the person is told.
     */
    private void sessionUpdate(JsonNode update) {
        JsonNode detection = update.path("session").path("audio").path("input").path("turn_detection");
        boolean wantsHandsFree = detection.isObject();
        synchronized (lock) {
            handsFree = wantsHandsFree;
        }
        if (wantsHandsFree) {
            notice("Hands-free needs a realtime connection; on the batch path, hold the key while you speak.");
        }
        deliver(event("session.updated").set("session", JSON.createObjectNode()));
    }

    // ---- a turn ----

    private void commit() {
        String item;
        synchronized (lock) {
            committed = recording.takeWav();
            item = "batch_user_" + (turns + 1);
        }
        deliver(event("input_audio_buffer.committed").put("item_id", item));
    }

    private void respond() {
        byte[] wav;
        String responseId;
        String userItem;
        synchronized (lock) {
            wav = committed;
            committed = null;
            if (wav == null) {
                return; // nothing was said since the last answer (a tool's response.create has no place here)
            }
            turns++;
            responseId = "batch_resp_" + turns;
            userItem = "batch_user_" + turns;
            current = responseId;
            started = new CountDownLatch(1);
        }
        String chatId = listener.chatId();
        deliver(event("response.created").set("response", JSON.createObjectNode().put("id", responseId)));
        Thread.ofVirtual().name("donna-batch-turn").start(() -> turn(wav, chatId, responseId, userItem));
    }

    private void turn(byte[] wav, String chatId, String responseId, String userItem) {
        String itemId = "batch_reply_" + responseId.substring(responseId.lastIndexOf('_') + 1);
        boolean[] audible = new boolean[1];
        String status = "completed";
        try {
            JsonNode done = service.turn(wav, chatId, (type, data) -> {
                switch (type) {
                    case "transcript" -> deliver(event("conversation.item.input_audio_transcription.completed")
                            .put("item_id", userItem).put("transcript", data.path("text").asText("")));
                    case "delta" -> deliver(event("response.output_audio_transcript.delta")
                            .put("response_id", responseId).put("item_id", itemId)
                            .put("delta", data.path("text").asText("")));
                    case "audio" -> audible[0] |= play(responseId, data.path("audio").asText(""));
                    case "tool" -> toolStep(data);
                    case "speech_error" -> notice("DONNA's voice could not be made; her answer is in the chat ("
                            + data.path("message").asText("speech failed") + ").");
                    default -> log.debug("Batch turn event {} ignored", type);
                }
            });
            JsonNode metadata = done.path("metadata");
            TransportListener l = listener;
            if (l != null && !ended && metadata.path("chat_id").isTextual()) {
                l.onChatSession(metadata.path("chat_id").asText());
            }
            for (JsonNode action : metadata.path("actions")) {
                if (l != null && !ended && action.path("type").isTextual()) {
                    l.onToolAction(new ToolAction(null, null, action.path("type").asText(), action.toString()));
                }
            }
            deliver(event("response.output_audio_transcript.done").put("response_id", responseId)
                    .put("item_id", itemId).put("transcript", done.path("reply").asText("")));
        } catch (ServiceException e) {
            status = "cancelled";
            notice(refusal(e));
        } catch (RuntimeException e) {
            status = "cancelled";
            log.warn("Batch voice turn failed", e);
            notice("DONNA could not answer: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()));
        }
        if (audible[0]) {
            awaitFirstAudio();
        }
        // Done first, then the end of its audio: the session ends a reply when its audio stops only once it knows
        // the reply is complete, and the speaker may finish the last sentence at any moment.
        deliver(event("response.done").set("response", JSON.createObjectNode().put("id", responseId)
                .put("status", status).set("output", JSON.createArrayNode())));
        PlaybackTracker.Change change;
        synchronized (lock) {
            change = playback.done(responseId);
        }
        report(change);
    }

    /**
     * The session takes a reply whose {@code response.done} comes before any of its audio played as one without
     * sound: with a fast service the whole answer can arrive within one 10 ms frame, so done waits for the speaker.
     */
    private void awaitFirstAudio() {
        CountDownLatch latch;
        synchronized (lock) {
            latch = started;
        }
        try {
            if (!latch.await(PLAYBACK_START_WAIT_MS, TimeUnit.MILLISECONDS)) {
                log.debug("The batch answer's audio did not start playing within {} ms", PLAYBACK_START_WAIT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean play(String responseId, String base64) {
        byte[] pcm = Base64.getDecoder().decode(base64);
        synchronized (lock) {
            if (ended || pcm.length == 0 || !playback.queue(responseId, pcm.length)) {
                return false;
            }
            audio.play(pcm);
            return true;
        }
    }

    private void cancel() {
        synchronized (lock) {
            playback.mute(current); // the service finishes the turn (and keeps it); its voice is not played
            started.countDown();
        }
    }

    private void toolStep(JsonNode data) {
        ToolStep.Status status = switch (data.path("status").asText("").toLowerCase(Locale.ROOT)) {
            case "done" -> ToolStep.Status.DONE;
            case "failed" -> ToolStep.Status.FAILED;
            default -> ToolStep.Status.RUNNING;
        };
        TransportListener l = listener;
        if (l != null && !ended) {
            l.onToolStep(new ToolStep(data.path("call_id").asText(null), data.path("name").asText(null), status,
                    data.path("summary").asText(null)));
        }
    }

    /** The service's refusal in words for the Voice pane. */
    static String refusal(ServiceException e) {
        String code = e.error().code() == null ? "" : e.error().code();
        String message = e.error().message();
        return switch (code) {
            case "no_speech" -> "DONNA heard nothing: " + (message == null ? "speak while you hold the key." : message);
            case "audio_too_long", "payload_too_large" -> "That was too long for one turn: " + message;
            case "unsupported_audio" -> "The recording was not usable: " + message;
            default -> "DONNA could not answer: " + (message == null ? code : message);
        };
    }

    // ---- plumbing ----

    private static ObjectNode event(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    private void deliver(ObjectNode event) {
        TransportListener l = listener;
        if (l != null && !ended) {
            l.onEvent(event.toString());
        }
    }

    private void notice(String message) {
        TransportListener l = listener;
        if (l != null && !ended) {
            l.onNotice(message);
        }
    }

    private void report(PlaybackTracker.Change change) {
        if (change.startedResponse() != null) {
            deliver(event("output_audio_buffer.started").put("response_id", change.startedResponse()));
        }
        if (change.stoppedResponse() != null) {
            deliver(event("output_audio_buffer.stopped").put("response_id", change.stoppedResponse()));
        }
    }

    /** The devices' callbacks, on an audio thread. */
    private final class Devices implements VoiceAudio.Listener {
        @Override
        public void onMicrophoneFrame(byte[] pcm) {
            if (ended) {
                return;
            }
            level = Pcm16.meterReading(Pcm16.level(pcm));
            boolean full = false;
            synchronized (lock) {
                if (micLive && !handsFree && !recording.add(pcm) && !fullNoticed) {
                    fullNoticed = true;
                    full = true;
                }
            }
            if (full) {
                notice("That is the longest one turn can be (" + BatchRecording.MAX_MILLIS / 1000
                        + " s); release the key to send it.");
            }
        }

        @Override
        public void onPlayed(byte[] pcm) {
            if (ended) {
                return;
            }
            PlaybackTracker.Change change;
            boolean firstAudible = false;
            CountDownLatch startedTurn = null;
            synchronized (lock) {
                change = playback.played(pcm.length);
                if (change.startedResponse() != null) {
                    firstAudioPending = change.startedResponse();
                    startedTurn = started;
                }
                if (firstAudioPending != null && !Pcm16.silent(pcm)) {
                    firstAudioPending = null;
                    firstAudible = true;
                }
            }
            report(change);
            if (startedTurn != null) {
                // Only now may the turn send response.done: the session must hear that the audio started first,
                // or it ends the reply as one without sound (SPEAKING never shown, the answer's end never seen).
                startedTurn.countDown();
            }
            TransportListener l = listener;
            if (firstAudible && l != null) {
                l.onFirstAudioFrame();
            }
        }
    }
}
