package donna.core.voice.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.core.voice.Pcm16;
import donna.core.voice.RealtimeConnectRequest;
import donna.core.voice.RealtimeTransport;
import donna.core.voice.RealtimeTransportException;
import donna.core.voice.RealtimeTransportFactory;
import donna.core.voice.TransportListener;
import donna.core.voice.VoiceAudio;
import java.io.IOException;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Realtime API over a WebSocket ({@code wss://.../v1/realtime?model=...}, OkHttp): the fallback when WebRTC
 * cannot connect (UDP blocked) or when configured. Audio travels in events, so this transport moves it between the
 * events and a {@link VoiceAudio}: microphone frames go out as {@code input_audio_buffer.append} while the mic is
 * live, {@code response.output_audio.delta} audio is played (and not passed on as an event).
 *
 * <p>The WebSocket API has no server-side output buffer, so the transport reports its own playback with the events
 * WebRTC's server sends: {@code output_audio_buffer.started} when a response's first audio plays,
 * {@code output_audio_buffer.stopped} when its last audio has played, {@code output_audio_buffer.cleared} after
 * {@link #stopPlayback()}. The session treats both transports alike.
 *
 * <p>The {@link VoiceAudio} outlives the transport (one per app, the devices): {@code connect} attaches to it,
 * {@code close} detaches and drops its queued playback.
 */
public final class WebSocketTransport implements RealtimeTransport {
    private static final Logger log = LoggerFactory.getLogger(WebSocketTransport.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int NORMAL_CLOSURE = 1000;

    private final OkHttpClient http;
    private final VoiceAudio audio;
    private final WebSocketEndpoint endpoint;
    private final Object lock = new Object();
    private final PlaybackTracker playback = new PlaybackTracker();
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private volatile WebSocket socket;
    private volatile TransportListener listener;
    private final Devices devices = new Devices();
    private volatile boolean closedByUs;
    private volatile boolean ended;
    private volatile double level;
    private boolean micLive;
    private long playedAtConnect;
    private String firstAudioPending;
    private String lastCreated;

    /** @param http shared by every connection (its dispatcher and pools); @param audio the app's devices */
    public WebSocketTransport(OkHttpClient http, VoiceAudio audio) {
        this(http, audio, WebSocketEndpoint.OPENAI);
    }

    /** @param endpoint where it connects and with what credential (OpenAI directly, or the service's relay) */
    public WebSocketTransport(OkHttpClient http, VoiceAudio audio, WebSocketEndpoint endpoint) {
        this.http = http;
        this.audio = audio;
        this.endpoint = endpoint;
    }

    /**
     * A transport per connection, all sharing one OkHttp client and the app's devices. The client is built at the
     * first connection: building it loads the TLS trust store (0.1 to 0.2 s of CPU), and the app makes this factory
     * before its window's first frame.
     */
    public static RealtimeTransportFactory factory(VoiceAudio audio) {
        return factory(audio, WebSocketEndpoint.OPENAI);
    }

    /** As {@link #factory(VoiceAudio)}, connecting to {@code endpoint} (the relay: {@link RelayEndpoint}). */
    public static RealtimeTransportFactory factory(VoiceAudio audio, WebSocketEndpoint endpoint) {
        SharedClient shared = new SharedClient();
        return new RealtimeTransportFactory() {
            @Override
            public RealtimeTransport create() {
                return new WebSocketTransport(shared.get(), audio, endpoint);
            }

            @Override
            public boolean needsClientSecret() {
                return endpoint.usesClientSecret();
            }
        };
    }

    /** The factory's client, made once, when first asked for. */
    private static final class SharedClient {
        private OkHttpClient client;

        synchronized OkHttpClient get() {
            if (client == null) {
                client = new OkHttpClient.Builder()
                        .pingInterval(java.time.Duration.ofSeconds(20)) // notices a dead network while nobody talks
                        .build();
            }
            return client;
        }
    }

    @Override
    public void connect(RealtimeConnectRequest request, TransportListener transportListener) {
        this.listener = transportListener;
        Request upgrade = endpoint.upgrade(request);
        OkHttpClient client = http.newBuilder().connectTimeout(request.timeout()).build();
        socket = client.newWebSocket(upgrade, new Events());
        try {
            opened.get(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            socket.cancel();
            throw new RealtimeTransportException("the voice service did not answer within "
                    + request.timeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RealtimeTransportException r ? r
                    : new RealtimeTransportException("could not connect: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            socket.cancel();
            Thread.currentThread().interrupt();
            throw new RealtimeTransportException("interrupted while connecting", e);
        }
        synchronized (lock) {
            playedAtConnect = audio.playedMillis();
        }
        try {
            audio.start(devices);
        } catch (RuntimeException e) { // no sound device could be opened: a voice without sound is no connection
            closedByUs = true;
            socket.close(NORMAL_CLOSURE, "client closed");
            audio.detach(devices);
            throw new RealtimeTransportException("the sound devices could not be opened: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean usesClientSecret() {
        return endpoint.usesClientSecret();
    }

    /** The relay is the one endpoint that connects with the service's credentials instead of a client secret. */
    @Override
    public String transportName() {
        return endpoint instanceof RelayEndpoint ? "relay" : "websocket";
    }

    @Override
    public void send(String eventJson) {
        WebSocket ws = socket;
        if (ws == null || ended || !ws.send(eventJson)) {
            log.debug("Realtime event dropped: the socket is not open");
        }
    }

    @Override
    public void setMicrophoneLive(boolean live) {
        // Under the lock a frame being sent finishes first: after this returns no more audio goes out, so a
        // commit sent next really closes the turn.
        synchronized (lock) {
            micLive = live;
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
            // A response cancelled before its first audio arrived must stay silent when that audio comes.
            playback.mute(lastCreated);
            firstAudioPending = null;
        }
        ObjectNode event = JSON.createObjectNode().put("type", "output_audio_buffer.cleared");
        event.put("response_id", cleared);
        deliver(event.toString());
    }

    @Override
    public void close() {
        closedByUs = true;
        ended = true;
        synchronized (lock) {
            micLive = false;
            audio.clearPlayback();
            playback.clear();
        }
        audio.detach(devices);
        WebSocket ws = socket;
        if (ws != null) {
            ws.close(NORMAL_CLOSURE, "client closed");
        }
    }

    private void deliver(String eventJson) {
        TransportListener l = listener;
        if (l != null && !ended) {
            l.onEvent(eventJson);
        }
    }

    private void serverEvent(String text) {
        // Audio deltas are most of the traffic: look for them without parsing every event twice.
        if (text.contains("\"response.created\"")) {
            noteCreated(text);
        }
        if (!text.contains("\"response.output_audio.")) {
            deliver(text);
            return;
        }
        JsonNode event;
        try {
            event = JSON.readTree(text);
        } catch (IOException e) {
            deliver(text);
            return;
        }
        String type = event.path("type").asText();
        String responseId = event.path("response_id").asText(null);
        if ("response.output_audio.delta".equals(type)) {
            byte[] pcm = Base64.getDecoder().decode(event.path("delta").asText(""));
            synchronized (lock) {
                if (playback.queue(responseId, pcm.length)) {
                    audio.play(pcm);
                }
            }
            return;
        }
        if ("response.output_audio.done".equals(type)) {
            PlaybackTracker.Change change;
            synchronized (lock) {
                change = playback.done(responseId);
            }
            report(change);
        }
        deliver(text);
    }

    private void noteCreated(String text) {
        try {
            String id = JSON.readTree(text).path("response").path("id").asText(null);
            synchronized (lock) {
                lastCreated = id;
            }
        } catch (IOException e) {
            log.debug("Unreadable response.created: {}", e.getMessage());
        }
    }

    private void report(PlaybackTracker.Change change) {
        if (change.startedResponse() != null) {
            deliver(JSON.createObjectNode().put("type", "output_audio_buffer.started")
                    .put("response_id", change.startedResponse()).toString());
        }
        if (change.stoppedResponse() != null) {
            deliver(JSON.createObjectNode().put("type", "output_audio_buffer.stopped")
                    .put("response_id", change.stoppedResponse()).toString());
        }
    }

    private void ended(String reason, boolean failure) {
        if (ended) {
            return;
        }
        ended = true;
        TransportListener l = listener;
        if (l != null && !closedByUs) {
            l.onClosed(reason, failure);
        }
    }

    /** OkHttp's callbacks, on its reader thread, in order. */
    private final class Events extends WebSocketListener {
        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            if (!endpoint.awaitsFirstEvent()) {
                opened.complete(null);
            }
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            serverEvent(text);
            opened.complete(null); // the relay has let us in: its first event is OpenAI's
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(NORMAL_CLOSURE, null);
            String why = endpoint.closeReason(code, reason);
            if (!opened.isDone()) {
                opened.completeExceptionally(new RealtimeTransportException(why));
                ended = true;
                return;
            }
            ended(why, code != NORMAL_CLOSURE);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            if (!opened.isDone()) {
                opened.completeExceptionally(new RealtimeTransportException(endpoint.closeReason(code, reason)));
                ended = true;
                return;
            }
            ended("the connection closed (" + code + ")", code != NORMAL_CLOSURE);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            String reason = response != null
                    ? endpoint.refusedReason(response.code())
                    : "the connection failed: " + (t.getMessage() == null ? t.getClass().getSimpleName()
                            : t.getMessage());
            if (response != null) {
                response.close();
            }
            if (!opened.isDone()) {
                opened.completeExceptionally(new RealtimeTransportException(reason, t));
                return;
            }
            ended(reason, true);
        }
    }

    /** The devices' callbacks, on an audio thread. */
    private final class Devices implements VoiceAudio.Listener {
        @Override
        public void onMicrophoneFrame(byte[] pcm) {
            if (ended) {
                return;
            }
            level = Pcm16.meterReading(Pcm16.level(pcm)); // the same scale as WebRTC's meter
            synchronized (lock) {
                if (micLive) {
                    send("{\"type\":\"input_audio_buffer.append\",\"audio\":\""
                            + Base64.getEncoder().encodeToString(pcm) + "\"}");
                }
            }
        }

        @Override
        public void onPlayed(byte[] pcm) {
            if (ended) {
                return;
            }
            PlaybackTracker.Change change;
            boolean firstAudible = false;
            synchronized (lock) {
                change = playback.played(pcm.length);
                if (change.startedResponse() != null) {
                    firstAudioPending = change.startedResponse();
                }
                if (firstAudioPending != null && !Pcm16.silent(pcm)) {
                    firstAudioPending = null;
                    firstAudible = true;
                }
            }
            report(change);
            TransportListener l = listener;
            if (firstAudible && l != null) {
                l.onFirstAudioFrame();
            }
        }
    }
}
