package donna.audio.webrtc;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCBundlePolicy;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import donna.audio.AudioUnavailableException;
import donna.audio.pcm.PcmSource;
import donna.audio.pcm.WavRecorder;
import donna.core.voice.RealtimeConnectRequest;
import donna.core.voice.RealtimeTransport;
import donna.core.voice.RealtimeTransportException;
import donna.core.voice.RealtimeTransportFactory;
import donna.core.voice.TransportListener;
import donna.core.voice.live.SdpExchange;
import donna.core.voice.protocol.RealtimeProtocol;
import donna.core.voice.protocol.ServerEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Realtime API over WebRTC, as the browser does it: an SDP offer with Opus send-and-receive and the
 * {@code oai-events} data channel goes to {@code POST {base}/v1/realtime/calls} with the ephemeral secret; the
 * answer comes back in the body; the connect returns when the data channel is open. Events travel on the channel,
 * audio as media: the microphone through the push-to-talk gate, DONNA's voice to the speakers (or, headless, only
 * into a {@link PlaybackTap} and an optional recorder).
 *
 * <p>The offer goes out without waiting for ICE candidates: the API's servers are ICE-lite and learn the client's
 * address from its connectivity checks, so waiting would only add time.
 *
 * <p>Server events reach the listener in order on one thread of this transport, never on WebRTC's own threads (a
 * slow listener must not stall the network). One transport makes one connection; a reconnect makes a new one.
 */
public final class WebRtcTransport implements RealtimeTransport {
    private static final Logger LOG = LoggerFactory.getLogger(WebRtcTransport.class);
    static final String EVENTS_CHANNEL = "oai-events";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong IDS = new AtomicLong();
    private static final long LEVEL_POLL_MILLIS = 100;

    private final Supplier<WebRtcRuntime> runtime;
    /** Where the offer goes instead of OpenAI's calls route (GPT-Live: the companion service); null for Realtime. */
    private final SdpExchange exchange;
    private final PcmSource feed;
    private final WavRecorder recorder;
    private final long id = IDS.incrementAndGet();
    private final ExecutorService delivery;
    private final AtomicBoolean closedByCaller = new AtomicBoolean();
    private final AtomicBoolean endReported = new AtomicBoolean();
    private final AtomicBoolean shutDown = new AtomicBoolean();
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final PlaybackTap tap;
    private volatile TransportListener listener;
    private volatile RTCPeerConnection connection;
    private volatile RTCDataChannel channel;
    /** DONNA's audio as it arrives (set when the remote track appears). */
    private volatile AudioTrack remoteAudio;
    private volatile boolean playbackMuted;
    private volatile Microphone microphone;
    private volatile ScheduledExecutorService levelPoll;
    private volatile long connectMillis = -1;
    private volatile ConnectSteps connectSteps;

    /** The sound devices (or, when the runtime is headless, a silent microphone). */
    public WebRtcTransport(WebRtcRuntime runtime) {
        this(runtime, null, null);
    }

    /**
     * @param microphone where the microphone's audio comes from (headless runtime only); null for the sound card
     * @param playback   records what DONNA says; null for no recording
     */
    public WebRtcTransport(WebRtcRuntime runtime, PcmSource microphone, WavRecorder playback) {
        this(() -> runtime, microphone, playback, null);
    }

    /**
     * As {@link #WebRtcTransport(WebRtcRuntime, PcmSource, WavRecorder)}, the offer exchanged through
     * {@code exchange} (GPT-Live's session, created by the companion service) instead of OpenAI's calls route.
     */
    public WebRtcTransport(WebRtcRuntime runtime, PcmSource microphone, WavRecorder playback, SdpExchange exchange) {
        this(() -> runtime, microphone, playback, exchange);
    }

    private WebRtcTransport(Supplier<WebRtcRuntime> runtime, PcmSource microphone, WavRecorder playback,
            SdpExchange exchange) {
        this.runtime = runtime;
        this.exchange = exchange;
        this.feed = microphone;
        this.recorder = playback;
        this.delivery = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("donna-rtc-events-" + id).daemon().factory());
        this.tap = new PlaybackTap(() -> deliver(TransportListener::onFirstAudioFrame), recorder);
    }

    /**
     * Transports on the sound devices, the runtime started at the first connect: where WebRTC cannot work at all
     * (its native library does not load) the connect fails with the reason, so a caller can fall back to the
     * WebSocket.
     */
    public static RealtimeTransportFactory factory() {
        return () -> new WebRtcTransport(() -> WebRtcRuntime.start(AudioBackend.SYSTEM), null, null, null);
    }

    /** GPT-Live's peers on the sound devices: each exchanges its offer through the given exchange. */
    public static Function<SdpExchange, RealtimeTransport> liveFactory() {
        return exchange -> new WebRtcTransport(() -> WebRtcRuntime.start(AudioBackend.SYSTEM), null, null, exchange);
    }

    @Override
    public void connect(RealtimeConnectRequest request, TransportListener listener) {
        if (this.listener != null) {
            throw new IllegalStateException("a transport connects once; make a new one to reconnect");
        }
        this.listener = listener;
        long deadline = System.nanoTime() + request.timeout().toNanos();
        try {
            WebRtcRuntime stack = runtime.get();
            microphone = stack.microphone("donna-mic-" + id, feed);
            RTCPeerConnection pc = stack.factory().createPeerConnection(configuration(), new ConnectionObserver());
            connection = pc;
            RTCRtpTransceiverInit audio = new RTCRtpTransceiverInit();
            audio.direction = RTCRtpTransceiverDirection.SEND_RECV;
            audio.streamIds = List.of("donna");
            RTCRtpTransceiver transceiver = pc.addTransceiver(microphone.track(), audio);
            RTCDataChannel events = pc.createDataChannel(EVENTS_CHANNEL, new RTCDataChannelInit());
            channel = events;
            events.registerObserver(new ChannelObserver(events));

            RTCSessionDescription offer = await(Negotiation.offer(pc), deadline, "creating the offer");
            long offerCreated = System.nanoTime();
            await(Negotiation.setLocal(pc, offer), deadline, "applying the offer");
            long localSet = System.nanoTime();
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            RealtimeCalls.Answer answer = exchange != null ? new RealtimeCalls.Answer(exchange.answer(offer.sdp, left),
                    "live") : RealtimeCalls.post(request.base(), request.clientSecret(), offer.sdp, left);
            long answered = System.nanoTime();
            await(Negotiation.setRemote(pc, new RTCSessionDescription(RTCSdpType.ANSWER, answer.sdp())), deadline,
                    "applying the answer");
            long remoteSet = System.nanoTime();
            await(opened, deadline, "opening the event channel");
            long open = System.nanoTime();
            connectMillis = TimeUnit.NANOSECONDS.toMillis(open - offerCreated);
            connectSteps = new ConnectSteps(ms(localSet - offerCreated), ms(answered - localSet),
                    ms(remoteSet - answered), ms(open - remoteSet));
            LOG.info("realtime WebRTC connected in {} ms ({}; call {})", connectMillis, connectSteps,
                    answer.location());
            if (microphone instanceof DeviceMicrophone device) {
                startLevelPoll(new SendLevelProbe(pc, transceiver.getSender(), device::reportLevel));
            }
        } catch (RealtimeTransportException e) {
            shutDown();
            throw e;
        } catch (AudioUnavailableException e) {
            shutDown();
            throw new RealtimeTransportException(e.getMessage(), e);
        } catch (RuntimeException e) {
            shutDown();
            throw new RealtimeTransportException("the WebRTC connection could not be set up: " + e.getMessage(), e);
        }
    }

    @Override
    public void send(String eventJson) {
        RTCDataChannel events = channel;
        if (events == null || events.getState() != RTCDataChannelState.OPEN) {
            LOG.debug("realtime event dropped: the channel is not open");
            return;
        }
        String type = type(eventJson);
        // Realtime asks for the answer; Live answers when the person's turn ends (push-to-talk mutes the input).
        if ("response.create".equals(type) || "session.input_audio.mute".equals(type)) {
            tap.armFirstSound(); // before it goes out: the answer may be quick
        }
        try {
            events.send(new RTCDataChannelBuffer(ByteBuffer.wrap(eventJson.getBytes(StandardCharsets.UTF_8)), false));
        } catch (Exception e) {
            LOG.debug("realtime event not sent: {}", e.getMessage());
        }
    }

    @Override
    public void setMicrophoneLive(boolean live) {
        Microphone mic = microphone;
        if (mic != null) {
            mic.setLive(live);
        }
    }

    @Override
    public long playedAudioMillis() {
        return tap.playedMillis();
    }

    @Override
    public double inputLevel() {
        Microphone mic = microphone;
        return mic == null ? 0 : mic.level();
    }

    /**
     * Waits until DONNA's audio has stopped playing (the stretch that was playing ended); false if {@code timeout}
     * passed first.
     */
    public boolean awaitPlaybackQuiet(Duration timeout) throws InterruptedException {
        return tap.awaitQuiet(timeout);
    }

    /**
     * Silences DONNA's audio at once (GPT-Live's barge-in): the remote track is disabled, so the speaker plays
     * silence, and the tap neither records nor counts what arrives, until unmuted.
     */
    @Override
    public void mutePlayback(boolean muted) {
        playbackMuted = muted;
        tap.mute(muted);
        AudioTrack remote = remoteAudio;
        if (remote != null) {
            try {
                remote.setEnabled(!muted);
            } catch (RuntimeException | Error e) {
                LOG.debug("remote audio not {}: {}", muted ? "muted" : "unmuted", e.getMessage());
            }
        }
    }

    /** DONNA's audio plays from the API's output buffer: barge-in clears it with {@code output_audio_buffer.clear}. */
    @Override
    public boolean hasServerOutputBuffer() {
        return true;
    }

    /** Milliseconds from the offer being created to the event channel being open; -1 before a connect. */
    public long connectMillis() {
        return connectMillis;
    }

    /** Where the last connect's time went; null before a connect succeeded. */
    public ConnectSteps connectSteps() {
        return connectSteps;
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** Nanoseconds from the latest microphone press to the first live audio handed to WebRTC; -1 before any. */
    public long pressToLiveNanos() {
        Microphone mic = microphone;
        return mic == null ? -1 : mic.pressToLiveNanos();
    }

    @Override
    public void close() {
        if (closedByCaller.compareAndSet(false, true)) {
            shutDown();
        }
    }

    private void shutDown() {
        endReported.set(true);
        if (!shutDown.compareAndSet(false, true)) {
            return;
        }
        ScheduledExecutorService poll = levelPoll;
        if (poll != null) {
            poll.shutdownNow();
        }
        Microphone mic = microphone;
        if (mic != null) {
            mic.close();
        }
        RTCDataChannel events = channel;
        if (events != null) {
            events.unregisterObserver();
            events.close();
        }
        RTCPeerConnection pc = connection;
        if (pc != null) {
            pc.close();
        }
        delivery.shutdownNow();
    }

    /** The connection ended without the caller asking: tell the listener once. */
    private void ended(String reason) {
        if (opened.completeExceptionally(new RealtimeTransportException(reason))) {
            return; // still connecting: connect() reports it
        }
        if (!closedByCaller.get() && endReported.compareAndSet(false, true)) {
            LOG.info("realtime WebRTC connection ended: {}", reason);
            deliver(l -> l.onClosed(reason, true));
        }
    }

    private void deliver(Consumer<TransportListener> call) {
        TransportListener target = listener;
        if (target == null || delivery.isShutdown()) {
            return;
        }
        try {
            delivery.execute(() -> {
                try {
                    call.accept(target);
                } catch (RuntimeException e) {
                    LOG.warn("realtime listener failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("realtime event after close dropped");
        }
    }

    private void received(String text) {
        switch (RealtimeProtocol.parse(text)) {
            case ServerEvent.ResponseCreated created -> tap.armFirstSound();
            case ServerEvent.PlaybackStopped stopped -> tap.endOfSpeech();
            case ServerEvent.PlaybackCleared cleared -> tap.endOfSpeech();
            default -> { }
        }
        deliver(l -> l.onEvent(text));
    }

    private void startLevelPoll(SendLevelProbe probe) {
        ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("donna-rtc-level-" + id).daemon().factory());
        poll.scheduleAtFixedRate(probe::poll, LEVEL_POLL_MILLIS, LEVEL_POLL_MILLIS, TimeUnit.MILLISECONDS);
        levelPoll = poll;
    }

    private static RTCConfiguration configuration() {
        RTCConfiguration configuration = new RTCConfiguration();
        configuration.bundlePolicy = RTCBundlePolicy.MAX_BUNDLE; // one transport for audio and events
        return configuration;
    }

    private static <T> T await(CompletableFuture<T> step, long deadline, String what) {
        try {
            return step.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new RealtimeTransportException("the realtime connection timed out while " + what
                    + ("opening the event channel".equals(what)
                            ? " (no network path: ICE or DTLS did not complete)" : ""));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RealtimeTransportException failure) {
                throw failure;
            }
            throw new RealtimeTransportException("the realtime connection failed while " + what + ": "
                    + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RealtimeTransportException("interrupted while " + what, e);
        }
    }

    private static String type(String eventJson) {
        try {
            return JSON.readTree(eventJson).path("type").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private final class ConnectionObserver implements PeerConnectionObserver {
        @Override
        public void onIceCandidate(RTCIceCandidate candidate) {
            // Not trickled: the API's ICE-lite servers find the client through its connectivity checks.
        }

        @Override
        public void onConnectionChange(RTCPeerConnectionState state) {
            switch (state) {
                case FAILED -> ended("the network path to the realtime service failed (ICE or DTLS)");
                case CLOSED -> ended("the realtime connection closed");
                default -> { }
            }
        }

        @Override
        public void onTrack(RTCRtpTransceiver transceiver) {
            if (transceiver.getReceiver().getTrack() instanceof AudioTrack remote) {
                remote.addSink(tap);
                remoteAudio = remote;
                if (playbackMuted) {
                    remote.setEnabled(false);
                }
            }
        }
    }

    private final class ChannelObserver implements RTCDataChannelObserver {
        private final RTCDataChannel events;

        ChannelObserver(RTCDataChannel events) {
            this.events = events;
        }

        @Override
        public void onStateChange() {
            RTCDataChannelState state = events.getState();
            if (state == RTCDataChannelState.OPEN) {
                opened.complete(null);
            } else if (state == RTCDataChannelState.CLOSED) {
                ended("the realtime service closed the event channel");
            }
        }

        @Override
        public void onMessage(RTCDataChannelBuffer buffer) {
            ByteBuffer data = buffer.data;
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes); // copied now: the native buffer is gone after this call
            received(new String(bytes, StandardCharsets.UTF_8));
        }

        @Override
        public void onBufferedAmountChange(long previousAmount) {
        }
    }
}
