package donna.core.voice.live;

import donna.core.voice.RealtimeConnectRequest;
import donna.core.voice.RealtimeToken;
import donna.core.voice.RealtimeTransport;
import donna.core.voice.RealtimeTransportFactory;
import donna.core.voice.TokenSource;
import donna.core.voice.TransportListener;
import donna.core.voice.VoiceMeter;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine chosen in Settings, asked at each connection: Realtime (the default) through {@code realtime} (WebRTC
 * with its fallbacks), or GPT-Live through a {@link LiveTransport}. When the service says its account has no Live
 * access, the person is told so and the same connection goes on with Realtime (a secret minted here), and so does
 * every later one in this run: no second refusal to wait for. Either way the voice session reports the connection's
 * metered session ({@link RealtimeTransport#meteredSessionId()}), so a reconnect continues it as with Realtime.
 */
public final class EngineTransports implements RealtimeTransportFactory {
    private static final Logger log = LoggerFactory.getLogger(EngineTransports.class);
    /** What the Voice pane shows when Live is refused. */
    public static final String LIVE_REFUSED = "GPT-Live is not available for this account, so DONNA uses the "
            + "Realtime engine.";

    private final Supplier<VoiceEngine> engine;
    private final RealtimeTransportFactory realtime;
    private final Function<SdpExchange, RealtimeTransport> webrtc;
    private final LiveSessionApi api;
    private final TokenSource tokens;
    private final VoiceMeter meter;
    private volatile boolean liveRefused;

    /**
     * @param engine   the Settings choice, asked at each connection
     * @param realtime the Realtime transports (also the fallback)
     * @param webrtc   a WebRTC transport exchanging its SDP through the given exchange (Live's)
     * @param api      the service's Live route
     * @param tokens   mints a Realtime secret when Live is refused mid-connect
     * @param meter    ends a metered session a fallback's secret opened for nothing
     */
    public EngineTransports(Supplier<VoiceEngine> engine, RealtimeTransportFactory realtime,
            Function<SdpExchange, RealtimeTransport> webrtc, LiveSessionApi api, TokenSource tokens, VoiceMeter meter) {
        this.engine = Objects.requireNonNull(engine);
        this.realtime = Objects.requireNonNull(realtime);
        this.webrtc = Objects.requireNonNull(webrtc);
        this.api = Objects.requireNonNull(api);
        this.tokens = Objects.requireNonNull(tokens);
        this.meter = Objects.requireNonNull(meter);
    }

    private boolean live() {
        return engine.get() == VoiceEngine.LIVE && !liveRefused;
    }

    @Override
    public boolean needsClientSecret() {
        return live() ? false : realtime.needsClientSecret();
    }

    @Override
    public RealtimeTransport create() {
        return live() ? new LiveOrRealtime() : realtime.create();
    }

    /** True once the service refused Live in this run. */
    public boolean liveRefused() {
        return liveRefused;
    }

    /** Live, or, when Live is refused while connecting, Realtime on the same connection. */
    private final class LiveOrRealtime implements RealtimeTransport {
        private volatile RealtimeTransport active;
        /** The fallback secret's metered session, for the voice session to report. */
        private volatile String fallbackSession;

        @Override
        public void connect(RealtimeConnectRequest request, TransportListener listener) {
            LiveTransport live = new LiveTransport(webrtc, api);
            active = live;
            try {
                live.connect(request, listener);
                return;
            } catch (LiveUnavailableException e) {
                live.close();
                liveRefused = true;
                log.info("GPT-Live refused ({}); using the Realtime engine", e.getMessage());
                listener.onNotice(LIVE_REFUSED);
            }
            RealtimeToken token = tokens.mint(request.continuing());
            RealtimeTransport fallback = realtime.create();
            active = fallback;
            try {
                fallback.connect(new RealtimeConnectRequest(request.baseUrl(), token.model(), token.value(),
                        request.timeout()), listener);
            } catch (RuntimeException e) {
                endUnlessContinued(token, request); // the secret opened nothing
                throw e;
            }
            if (fallback.usesClientSecret()) {
                fallbackSession = token.sessionId();
            } else {
                endUnlessContinued(token, request); // fell through to a path that needs none
            }
        }

        /** A secret's new session is over; the one it continued is the voice session's, which ends it. */
        private void endUnlessContinued(RealtimeToken token, RealtimeConnectRequest request) {
            if (token.sessionId() != null && !token.sessionId().equals(request.continuing())) {
                MeteredSession.start(meter, token.sessionId()).end();
            }
        }

        private RealtimeTransport active() {
            RealtimeTransport a = active;
            if (a == null) {
                throw new IllegalStateException("not connected");
            }
            return a;
        }

        @Override
        public void send(String eventJson) {
            RealtimeTransport a = active;
            if (a != null) {
                a.send(eventJson);
            }
        }

        @Override
        public void setMicrophoneLive(boolean on) {
            RealtimeTransport a = active;
            if (a != null) {
                a.setMicrophoneLive(on);
            }
        }

        @Override
        public long playedAudioMillis() {
            RealtimeTransport a = active;
            return a == null ? 0 : a.playedAudioMillis();
        }

        @Override
        public double inputLevel() {
            RealtimeTransport a = active;
            return a == null ? 0 : a.inputLevel();
        }

        @Override
        public boolean hasServerOutputBuffer() {
            RealtimeTransport a = active;
            return a != null && a.hasServerOutputBuffer();
        }

        @Override
        public void stopPlayback() {
            RealtimeTransport a = active;
            if (a != null) {
                a.stopPlayback();
            }
        }

        @Override
        public void mutePlayback(boolean muted) {
            RealtimeTransport a = active;
            if (a != null) {
                a.mutePlayback(muted);
            }
        }

        /** Neither branch uses the session's secret: Live needs none, the fallback mints its own here. */
        @Override
        public boolean usesClientSecret() {
            return false;
        }

        @Override
        public String meteredSessionId() {
            RealtimeTransport a = active;
            return a instanceof LiveTransport live ? live.meteredSessionId() : fallbackSession;
        }

        @Override
        public boolean savesTranscripts() {
            return active().savesTranscripts();
        }

        @Override
        public String transportName() {
            RealtimeTransport a = active;
            return a == null ? "live" : a.transportName();
        }

        @Override
        public void close() {
            RealtimeTransport a = active;
            if (a != null) {
                a.close();
            }
        }
    }
}
