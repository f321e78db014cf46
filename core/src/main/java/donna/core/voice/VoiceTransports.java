package donna.core.voice;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the transport: WebRTC when there is one and it connects, else the WebSocket (UDP blocked, no WebRTC build,
 * or {@code DONNA_VOICE_TRANSPORT=websocket}). Once WebRTC failed to connect, the rest of the run goes straight to
 * the WebSocket, so reconnects do not wait for a doomed attempt first.
 */
public final class VoiceTransports implements RealtimeTransportFactory {
    private static final Logger log = LoggerFactory.getLogger(VoiceTransports.class);
    public static final String SETTING = "DONNA_VOICE_TRANSPORT";

    private final Optional<RealtimeTransportFactory> webRtc;
    private final RealtimeTransportFactory webSocket;
    private final AtomicBoolean webRtcFailed = new AtomicBoolean();

    private VoiceTransports(Optional<RealtimeTransportFactory> webRtc, RealtimeTransportFactory webSocket) {
        this.webRtc = webRtc;
        this.webSocket = webSocket;
    }

    /**
     * @param setting {@code webrtc} (default when null or blank) or {@code websocket}
     * @throws IllegalArgumentException for any other value, naming the setting
     */
    public static VoiceTransports choose(String setting, Optional<RealtimeTransportFactory> webRtc,
            RealtimeTransportFactory webSocket) {
        String value = setting == null || setting.isBlank() ? "webrtc" : setting.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "webrtc" -> new VoiceTransports(webRtc, webSocket);
            case "websocket" -> new VoiceTransports(Optional.empty(), webSocket);
            default -> throw new IllegalArgumentException(SETTING + " must be webrtc or websocket (got \"" + setting
                    + "\")");
        };
    }

    @Override
    public RealtimeTransport create() {
        if (webRtc.isEmpty() || webRtcFailed.get()) {
            return webSocket.create();
        }
        return new FallbackTransport(webRtc.get(), webSocket, () -> webRtcFailed.set(true));
    }

    /** Tries the preferred transport; when it cannot connect, connects the fallback instead. */
    static final class FallbackTransport implements RealtimeTransport {
        private final RealtimeTransportFactory preferred;
        private final RealtimeTransportFactory fallback;
        private final Runnable onFallback;
        private volatile RealtimeTransport active;
        private volatile boolean closed;

        FallbackTransport(RealtimeTransportFactory preferred, RealtimeTransportFactory fallback, Runnable onFallback) {
            this.preferred = preferred;
            this.fallback = fallback;
            this.onFallback = onFallback;
        }

        @Override
        public void connect(RealtimeConnectRequest request, TransportListener listener) {
            RealtimeTransport first = preferred.create();
            try {
                first.connect(request, listener);
                active = first;
                return;
            } catch (RealtimeTransportException e) {
                first.close();
                log.info("WebRTC could not connect ({}); using the WebSocket transport", e.getMessage());
                onFallback.run();
            }
            RealtimeTransport second = fallback.create();
            second.connect(request, listener);
            active = second;
            if (closed) {
                second.close(); // closed while the fallback was connecting
            }
        }

        @Override
        public void send(String eventJson) {
            RealtimeTransport t = active;
            if (t != null) {
                t.send(eventJson);
            }
        }

        @Override
        public void setMicrophoneLive(boolean live) {
            RealtimeTransport t = active;
            if (t != null) {
                t.setMicrophoneLive(live);
            }
        }

        @Override
        public long playedAudioMillis() {
            RealtimeTransport t = active;
            return t == null ? 0 : t.playedAudioMillis();
        }

        @Override
        public double inputLevel() {
            RealtimeTransport t = active;
            return t == null ? 0 : t.inputLevel();
        }

        @Override
        public boolean hasServerOutputBuffer() {
            RealtimeTransport t = active;
            return t != null && t.hasServerOutputBuffer();
        }

        @Override
        public void stopPlayback() {
            RealtimeTransport t = active;
            if (t != null) {
                t.stopPlayback();
            }
        }

        @Override
        public void close() {
            closed = true;
            RealtimeTransport t = active;
            if (t != null) {
                t.close();
            }
        }
    }
}
