package donna.audio.webrtc;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSink;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Two peer connections of one factory wired to each other in memory: the caller sends a microphone's track, the
 * listener plays what arrives into a {@link PlaybackTap}. Candidates trickle straight across.
 */
final class LoopbackCall implements AutoCloseable {
    final RTCPeerConnection caller;
    final RTCPeerConnection listener;
    final AtomicLong framesHeard = new AtomicLong();
    private final CompletableFuture<Void> connected = new CompletableFuture<>();

    LoopbackCall(PeerConnectionFactory factory, AudioTrack microphone, PlaybackTap tap) throws Exception {
        Side callerSide = new Side();
        Side listenerSide = new Side();
        caller = factory.createPeerConnection(new RTCConfiguration(), callerSide);
        listener = factory.createPeerConnection(new RTCConfiguration(), listenerSide);
        callerSide.other = listener;
        listenerSide.other = caller;
        listenerSide.sinks = List.of(tap, (data, bits, rate, channels, frames) -> framesHeard.incrementAndGet());

        RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
        init.direction = RTCRtpTransceiverDirection.SEND_RECV;
        init.streamIds = List.of("mic");
        caller.addTransceiver(microphone, init);
        RTCSessionDescription offer = Negotiation.offer(caller).get(5, TimeUnit.SECONDS);
        Negotiation.setLocal(caller, offer).get(5, TimeUnit.SECONDS);
        Negotiation.setRemote(listener, offer).get(5, TimeUnit.SECONDS);
        RTCSessionDescription answer = Negotiation.answer(listener).get(5, TimeUnit.SECONDS);
        Negotiation.setLocal(listener, answer).get(5, TimeUnit.SECONDS);
        Negotiation.setRemote(caller, answer).get(5, TimeUnit.SECONDS);
        connected.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        caller.close();
        listener.close();
    }

    private final class Side implements PeerConnectionObserver {
        RTCPeerConnection other;
        List<AudioTrackSink> sinks = List.of();

        @Override
        public void onIceCandidate(RTCIceCandidate candidate) {
            other.addIceCandidate(candidate);
        }

        @Override
        public void onConnectionChange(RTCPeerConnectionState state) {
            if (state == RTCPeerConnectionState.CONNECTED) {
                connected.complete(null);
            }
        }

        @Override
        public void onTrack(RTCRtpTransceiver transceiver) {
            if (transceiver.getReceiver().getTrack() instanceof AudioTrack track) {
                sinks.forEach(track::addSink);
            }
        }
    }
}
