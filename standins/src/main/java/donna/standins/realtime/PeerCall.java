package donna.standins.realtime;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fake WebRTC call: the answering side of the caller's peer connection, wired to a
 * {@link FakeRealtimeConversation}. Events go both ways on {@code oai-events}; the caller's audio arrives decoded
 * on the remote track's sink and goes into the conversation at 24 kHz; every 10 ms while the conversation speaks,
 * its voice is pulled and pushed into the outgoing track (after an answer, a moment of silence, then nothing). A drop closes the peer
 * connection abruptly, so the caller sees its channel fail rather than a goodbye.
 */
final class PeerCall {
    private static final Logger LOG = LoggerFactory.getLogger(PeerCall.class);
    private static final AtomicLong IDS = new AtomicLong();
    private static final int SPEAKER_FRAME_MILLIS = 10;
    private static final int SPEAKER_SAMPLES = Tone.SAMPLE_RATE / 1000 * SPEAKER_FRAME_MILLIS;
    /** The answer carries this peer's candidates (there is no trickling), so it waits for one, this long at most. */
    private static final long GATHERING_TIMEOUT_MILLIS = 5_000;

    private static final int TRAILING_SILENCE_FRAMES = 20;

    private final long id = IDS.incrementAndGet();
    private int silentFramesLeft;
    private final PeerConversation conversation;
    private final CustomAudioSource voice = new CustomAudioSource();
    private final CompletableFuture<Void> gathered = new CompletableFuture<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final ScheduledExecutorService speaker;
    private volatile RTCPeerConnection connection;
    private volatile RTCDataChannel channel;

    private PeerCall(PeerConversation conversation) {
        this.conversation = conversation;
        this.speaker = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("fake-rtc-voice-" + id).factory());
    }

    /** Sets up the peer for {@code offerSdp} and returns its answer (with candidates). */
    static String answer(PeerConnectionFactory factory, String offerSdp, PeerConversation conversation)
            throws Exception {
        PeerCall call = new PeerCall(conversation);
        try {
            return call.start(factory, offerSdp);
        } catch (Exception e) {
            call.end();
            throw e;
        } catch (Error e) { // webrtc-java reports a bad description as an Error: a failed call, not a dead fake
            call.end();
            throw new IllegalStateException("WebRTC could not answer the offer: " + e.getMessage(), e);
        }
    }

    private String start(PeerConnectionFactory factory, String offerSdp) throws Exception {
        RTCPeerConnection pc = factory.createPeerConnection(new RTCConfiguration(), new Observer());
        connection = pc;
        conversation.onDrop(this::drop);
        this.<Void>await(done -> pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, offerSdp),
                applied(done)));
        AudioTrack voiceTrack = factory.createAudioTrack("fake-voice-" + id, voice);
        for (RTCRtpTransceiver transceiver : pc.getTransceivers()) {
            if (transceiver.getReceiver().getTrack() instanceof AudioTrack) {
                transceiver.getSender().replaceTrack(voiceTrack);
                transceiver.setDirection(RTCRtpTransceiverDirection.SEND_RECV);
            }
        }
        RTCSessionDescription answer = this.<RTCSessionDescription>await(done -> pc.createAnswer(
                new RTCAnswerOptions(), created(done)));
        this.<Void>await(done -> pc.setLocalDescription(answer, applied(done)));
        gathered.get(GATHERING_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        speaker.scheduleAtFixedRate(this::speak, 0, SPEAKER_FRAME_MILLIS, TimeUnit.MILLISECONDS);
        return pc.getLocalDescription().sdp;
    }

    /**
     * Pushes the conversation's next 10 ms while it speaks, then {@link #TRAILING_SILENCE_FRAMES} frames of
     * silence, then nothing until it speaks again. The trailing silence lets the caller's decoder end on real
     * silence rather than on packet-loss concealment (which would sound on for 200 ms and count as played). Sending
     * nothing between answers matters for latency: a stream of silence packets keeps the caller's jitter buffer
     * filled (40 to 60 ms here) and the next answer's first word would wait behind it; after a pause the first
     * packet plays at once.
     */
    private void speak() {
        try {
            if (conversation.speaking()) {
                silentFramesLeft = TRAILING_SILENCE_FRAMES;
            } else if (silentFramesLeft > 0) {
                silentFramesLeft--;
            } else {
                return;
            }
            byte[] pcm = conversation.speak(SPEAKER_SAMPLES * 2);
            voice.pushAudio(pcm, 16, Tone.SAMPLE_RATE, 1, SPEAKER_SAMPLES);
        } catch (RuntimeException e) {
            LOG.warn("fake call {}: voice frame failed", id, e);
        }
    }

    /** The caller's audio, decoded: down to 24 kHz mono for the conversation. */
    private void heard(byte[] data, int bitsPerSample, int sampleRate, int channels, int frames) {
        if (bitsPerSample == 16 && frames > 0 && !ended.get()) {
            conversation.microphone(Resample.toMono(data, sampleRate, channels, frames, Tone.SAMPLE_RATE));
        }
    }

    /** Fault injection: the connection vanishes as if the network failed. */
    private void drop() {
        LOG.debug("fake call {}: dropped", id);
        end();
    }

    private void end() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        speaker.shutdownNow();
        conversation.closed();
        RTCDataChannel events = channel;
        if (events != null) {
            events.unregisterObserver();
        }
        RTCPeerConnection pc = connection;
        if (pc != null) {
            // Off WebRTC's own threads: ending can be triggered from one of its callbacks.
            Thread.ofPlatform().daemon().name("fake-rtc-close-" + id).start(pc::close);
        }
    }

    private void send(String event) {
        RTCDataChannel events = channel;
        if (events == null || events.getState() != RTCDataChannelState.OPEN) {
            return;
        }
        try {
            events.send(new RTCDataChannelBuffer(ByteBuffer.wrap(event.getBytes(StandardCharsets.UTF_8)), false));
        } catch (Exception e) {
            LOG.debug("fake call {}: event not sent: {}", id, e.getMessage());
        }
    }

    private <T> T await(Consumer<CompletableFuture<T>> step) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        step.accept(done);
        return done.get(GATHERING_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static CreateSessionDescriptionObserver created(CompletableFuture<RTCSessionDescription> done) {
        return new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                done.complete(description);
            }

            @Override
            public void onFailure(String error) {
                done.completeExceptionally(new IllegalStateException(error));
            }
        };
    }

    private static SetSessionDescriptionObserver applied(CompletableFuture<Void> done) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                done.complete(null);
            }

            @Override
            public void onFailure(String error) {
                done.completeExceptionally(new IllegalStateException(error));
            }
        };
    }

    private final class Observer implements PeerConnectionObserver {
        @Override
        public void onIceCandidate(RTCIceCandidate candidate) {
            // The answer goes out with the candidates gathered so far: one host candidate is all a caller on this
            // machine needs, and waiting for gathering to finish would add its ~100 ms of allocation steps to
            // every connect (the real API answers at once: its ICE-lite servers know their addresses).
            gathered.complete(null);
        }

        @Override
        public void onIceGatheringChange(RTCIceGatheringState state) {
            if (state == RTCIceGatheringState.COMPLETE) {
                gathered.complete(null);
            }
        }

        @Override
        public void onConnectionChange(RTCPeerConnectionState state) {
            if (state == RTCPeerConnectionState.FAILED || state == RTCPeerConnectionState.CLOSED) {
                end();
            }
        }

        @Override
        public void onTrack(RTCRtpTransceiver transceiver) {
            if (transceiver.getReceiver().getTrack() instanceof AudioTrack caller) {
                caller.addSink(PeerCall.this::heard);
            }
        }

        @Override
        public void onDataChannel(RTCDataChannel events) {
            if (!"oai-events".equals(events.getLabel())) {
                return;
            }
            channel = events;
            events.registerObserver(new RTCDataChannelObserver() {
                @Override
                public void onStateChange() {
                    RTCDataChannelState state = events.getState();
                    if (state == RTCDataChannelState.OPEN) {
                        conversation.open(PeerCall.this::send);
                    } else if (state == RTCDataChannelState.CLOSED) {
                        end();
                    }
                }

                @Override
                public void onMessage(RTCDataChannelBuffer buffer) {
                    byte[] bytes = new byte[buffer.data.remaining()];
                    buffer.data.get(bytes);
                    conversation.receive(new String(bytes, StandardCharsets.UTF_8));
                }

                @Override
                public void onBufferedAmountChange(long previousAmount) {
                }
            });
        }
    }
}
