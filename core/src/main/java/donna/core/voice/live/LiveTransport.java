package donna.core.voice.live;

import donna.core.voice.RealtimeConnectRequest;
import donna.core.voice.RealtimeTransport;
import donna.core.voice.ToolAction;
import donna.core.voice.ToolStep;
import donna.core.voice.TransportListener;
import donna.core.voice.VoiceMeter;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A GPT-Live connection: the app's WebRTC peer (made by {@code webrtc} with an SDP exchange through the companion
 * service, which creates the session with its own key) carrying Live's events, translated by a
 * {@link LiveEventCodec} so the {@link donna.core.voice.VoiceSession} drives it like a Realtime connection. It opens
 * with no client secret. The service's metered session is reported by the caller ({@link #meteredSessionId()}: the
 * voice session, so a reconnect continues it) or, given a meter, by this transport for its own lifetime.
 */
public final class LiveTransport implements RealtimeTransport {
    private final Function<SdpExchange, RealtimeTransport> webrtc;
    private final LiveSessionApi api;
    /** Null: the caller reports the metered session. */
    private final VoiceMeter meter;
    private final LiveEventCodec codec = new LiveEventCodec();
    private volatile RealtimeTransport inner;
    private volatile TransportListener listener;
    private volatile LiveSessionApi.Created created;
    private volatile MeteredSession metered;
    /** Barge-in silenced DONNA's audio here; it plays again at her next answer. Guarded by {@code this}. */
    private boolean silenced;
    private long answersWhenSilenced;

    /**
     * A connection whose metered session this transport reports itself, ending it when the connection ends (a
     * connection on its own, as the voice check's).
     *
     * @param webrtc a WebRTC transport whose SDP goes through the given exchange (instead of OpenAI's calls route)
     * @param api    the service's Live route
     * @param meter  reports the service's metered session
     */
    public LiveTransport(Function<SdpExchange, RealtimeTransport> webrtc, LiveSessionApi api, VoiceMeter meter) {
        this.webrtc = Objects.requireNonNull(webrtc);
        this.api = Objects.requireNonNull(api);
        this.meter = Objects.requireNonNull(meter);
    }

    /**
     * A connection of a voice session, which reports the metered session ({@link #meteredSessionId()}) and names it
     * as {@link RealtimeConnectRequest#continuing()} when it reconnects.
     */
    public LiveTransport(Function<SdpExchange, RealtimeTransport> webrtc, LiveSessionApi api) {
        this.webrtc = Objects.requireNonNull(webrtc);
        this.api = Objects.requireNonNull(api);
        this.meter = null;
    }

    @Override
    public void connect(RealtimeConnectRequest request, TransportListener sessionListener) {
        listener = sessionListener;
        RealtimeTransport peer = webrtc.apply((offer, timeout) -> {
            LiveSessionApi.Created made = api.create(offer, request.continuing());
            created = made;
            return made.answerSdp();
        });
        inner = peer;
        peer.connect(request, new Translating(sessionListener));
        LiveSessionApi.Created made = created;
        if (meter != null) {
            metered = MeteredSession.start(meter, made == null ? null : made.voiceSessionId());
        }
        sessionListener.onPath("GPT-Live over WebRTC (session " + (made == null ? "?" : made.liveSessionId())
                + "), created by the service; DONNA's tools run through Live's client delegation.");
    }

    @Override
    public void send(String eventJson) {
        LiveEventCodec.Outgoing out = codec.outgoing(eventJson);
        RealtimeTransport peer = inner;
        if (out.turnEnded()) {
            resumeIfSilenced(false); // the person's turn is over: what Live says now answers it
        }
        if (peer != null) {
            out.toLive().forEach(peer::send);
        }
        TransportListener l = listener;
        if (l != null) {
            out.toSession().forEach(l::onEvent);
        }
    }

    @Override
    public void setMicrophoneLive(boolean live) {
        RealtimeTransport peer = inner;
        if (peer != null) {
            peer.setMicrophoneLive(live);
        }
    }

    @Override
    public long playedAudioMillis() {
        RealtimeTransport peer = inner;
        return peer == null ? 0 : peer.playedAudioMillis();
    }

    @Override
    public double inputLevel() {
        RealtimeTransport peer = inner;
        return peer == null ? 0 : peer.inputLevel();
    }

    /**
     * Barge-in: Live documents no event that stops its output at once (it stops when it hears the person), so DONNA's
     * audio is silenced here, at once, and plays again when her next answer starts (or the person's turn ends).
     */
    @Override
    public void stopPlayback() {
        RealtimeTransport peer = inner;
        if (peer == null) {
            return;
        }
        synchronized (this) { // muted and unmuted in the order decided
            silenced = true;
            answersWhenSilenced = codec.answers();
            peer.mutePlayback(true);
        }
        peer.stopPlayback();
    }

    /** Plays DONNA's audio again after a barge-in: now, or ({@code newAnswerOnly}) once a new answer began. */
    private void resumeIfSilenced(boolean newAnswerOnly) {
        synchronized (this) {
            if (!silenced || (newAnswerOnly && codec.answers() <= answersWhenSilenced)) {
                return;
            }
            silenced = false;
            RealtimeTransport peer = inner;
            if (peer != null) {
                peer.mutePlayback(false);
            }
        }
    }

    /** The session is the service's, opened with its key: nothing minted is used here. */
    @Override
    public boolean usesClientSecret() {
        return false;
    }

    @Override
    public boolean supportsServerTurnDetection() {
        return false; // no follow-up window here (docs/voice.md, "The follow-up window")
    }

    @Override
    public String transportName() {
        return "live";
    }

    /** OpenAI's id for the session ({@code live_...}), once connected. */
    public String liveSessionId() {
        LiveSessionApi.Created made = created;
        return made == null ? null : made.liveSessionId();
    }

    /** The service's metered session, once created, when the caller reports it (else null: reported here). */
    @Override
    public String meteredSessionId() {
        LiveSessionApi.Created made = created;
        return meter != null || made == null ? null : made.voiceSessionId();
    }

    @Override
    public void close() {
        RealtimeTransport peer = inner;
        if (peer != null) {
            peer.close();
        }
        MeteredSession m = metered;
        if (m != null) {
            m.end();
        }
    }

    /** Live's events in, the session's events out. */
    private final class Translating implements TransportListener {
        private final TransportListener session;

        Translating(TransportListener session) {
            this.session = session;
        }

        @Override
        public void onEvent(String eventJson) {
            List<String> events = codec.incoming(eventJson);
            resumeIfSilenced(true); // her next answer began: it is heard
            events.forEach(session::onEvent);
        }

        @Override
        public void onFirstAudioFrame() {
            session.onFirstAudioFrame();
        }

        @Override
        public void onClosed(String reason, boolean failure) {
            MeteredSession m = metered;
            if (m != null) {
                m.end();
            }
            session.onClosed(reason, failure);
        }

        @Override
        public String chatId() {
            return session.chatId();
        }

        @Override
        public void onChatSession(String chatId) {
            session.onChatSession(chatId);
        }

        @Override
        public void onToolStep(ToolStep step) {
            session.onToolStep(step);
        }

        @Override
        public void onToolAction(ToolAction action) {
            session.onToolAction(action);
        }

        @Override
        public void onNotice(String message) {
            session.onNotice(message);
        }

        @Override
        public void onPath(String description) {
            session.onPath(description);
        }
    }
}
