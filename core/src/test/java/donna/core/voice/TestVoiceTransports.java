package donna.core.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestVoiceTransports {
    private static final RealtimeConnectRequest REQUEST = new RealtimeConnectRequest(URI.create("https://x"),
            "gpt-realtime", "ek_1", Duration.ofSeconds(1));
    private static final TransportListener IGNORE = new TransportListener() {
        @Override
        public void onEvent(String eventJson) {
        }

        @Override
        public void onFirstAudioFrame() {
        }

        @Override
        public void onClosed(String reason, boolean failure) {
        }
    };

    private final List<FakeTransport> webRtc = new ArrayList<>();
    private final List<FakeTransport> webSocket = new ArrayList<>();
    private boolean webRtcFails;

    private RealtimeTransportFactory webRtcFactory() {
        return () -> {
            FakeTransport t = new FakeTransport(true);
            if (webRtcFails) {
                t.failConnect = new RealtimeTransportException("ICE failed: UDP blocked");
            }
            webRtc.add(t);
            return t;
        };
    }

    private RealtimeTransportFactory webSocketFactory() {
        return () -> {
            FakeTransport t = new FakeTransport(false);
            webSocket.add(t);
            return t;
        };
    }

    @Test
    void webRtcIsPreferredWhenItConnects() {
        RealtimeTransport t = VoiceTransports.choose(null, Optional.of(webRtcFactory()), webSocketFactory()).create();
        t.connect(REQUEST, IGNORE);
        t.send("{\"type\":\"response.create\"}");

        assertThat(webRtc).hasSize(1);
        assertThat(webRtc.getFirst().sentTypes()).containsExactly("response.create");
        assertThat(webSocket).isEmpty();
        assertThat(t.hasServerOutputBuffer()).isTrue();
    }

    @Test
    void whenWebRtcCannotConnectTheWebSocketTakesOverForTheRestOfTheRun() {
        webRtcFails = true;
        VoiceTransports transports = VoiceTransports.choose("webrtc", Optional.of(webRtcFactory()),
                webSocketFactory());

        RealtimeTransport first = transports.create();
        first.connect(REQUEST, IGNORE);
        first.setMicrophoneLive(true);

        assertThat(webRtc.getFirst().closed).isTrue();
        assertThat(webSocket.getFirst().request).isEqualTo(REQUEST);
        assertThat(webSocket.getFirst().micLive).isTrue();
        assertThat(first.hasServerOutputBuffer()).isFalse();

        transports.create().connect(REQUEST, IGNORE);
        assertThat(webRtc).as("no second doomed WebRTC attempt").hasSize(1);
        assertThat(webSocket).hasSize(2);
    }

    @Test
    void configuredWebSocketOrNoWebRtcBuildUseTheWebSocket() {
        VoiceTransports.choose(" WebSocket ", Optional.of(webRtcFactory()), webSocketFactory()).create()
                .connect(REQUEST, IGNORE);
        VoiceTransports.choose("webrtc", Optional.empty(), webSocketFactory()).create().connect(REQUEST, IGNORE);

        assertThat(webRtc).isEmpty();
        assertThat(webSocket).hasSize(2);
    }

    @Test
    void anUnknownSettingIsRefusedByName() {
        assertThatThrownBy(() -> VoiceTransports.choose("carrier-pigeon", Optional.empty(), webSocketFactory()))
                .hasMessage("DONNA_VOICE_TRANSPORT must be webrtc or websocket (got \"carrier-pigeon\")");
    }
}
