package donna.app.voice;

import donna.core.voice.RealtimeTransportFactory;
import donna.core.voice.VoiceAudio;
import donna.core.voice.VoiceTransports;
import donna.core.voice.websocket.WebSocketTransport;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the app carries its voice: WebRTC first, the WebSocket when WebRTC cannot connect or when
 * {@code DONNA_VOICE_TRANSPORT=websocket}, and on the WebSocket the microphone and speaker come from {@code audio}
 * (in the app {@link donna.audio.webrtc.WebRtcVoiceAudio#system()}: the same platform audio as WebRTC's). One place,
 * used by the app's composition root and by the tests that check its sound end to end.
 */
public final class VoiceTransportWiring {
    private static final Logger log = LoggerFactory.getLogger(VoiceTransportWiring.class);

    private VoiceTransportWiring() {}

    /**
     * @param setting the value of {@code DONNA_VOICE_TRANSPORT} (null for the default); an unknown value is logged and
     *                the default used
     */
    public static RealtimeTransportFactory transports(String setting, RealtimeTransportFactory webRtc,
            VoiceAudio audio) {
        RealtimeTransportFactory webSocket = WebSocketTransport.factory(audio);
        try {
            return VoiceTransports.choose(setting, Optional.of(webRtc), webSocket);
        } catch (IllegalArgumentException e) {
            log.warn("{}; using the default", e.getMessage());
            return VoiceTransports.choose(null, Optional.of(webRtc), webSocket);
        }
    }
}
