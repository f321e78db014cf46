package donna.core.voice.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import donna.core.voice.RealtimeConnectRequest;
import donna.core.voice.RealtimeToken;
import donna.core.voice.RealtimeTransport;
import donna.core.voice.RealtimeTransportException;
import donna.core.voice.TokenSource;
import donna.core.voice.TransportListener;
import donna.core.voice.VoiceMeter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The engine choice per connection, and Live refused: told, Realtime on the same connection and after it. */
class TestEngineTransports {
    private static final RealtimeConnectRequest NO_SECRET = new RealtimeConnectRequest(URI.create("http://127.0.0.1:1"),
            "", "", Duration.ofSeconds(1));

    private final AtomicReference<VoiceEngine> engine = new AtomicReference<>(VoiceEngine.REALTIME);
    private final List<Stub> realtimeMade = new CopyOnWriteArrayList<>();
    private final List<String> offers = new CopyOnWriteArrayList<>();
    private final List<String> continued = new CopyOnWriteArrayList<>();
    private final List<String> mints = new CopyOnWriteArrayList<>();
    private final List<String> ended = new CopyOnWriteArrayList<>();
    private final CountDownLatch endReported = new CountDownLatch(1);
    private volatile boolean refuse;
    private volatile boolean failRealtime;

    private final LiveSessionApi api = (offer, continuing) -> {
        offers.add(offer);
        continued.add(String.valueOf(continuing));
        if (refuse) {
            throw new LiveUnavailableException("no Live here");
        }
        return new LiveSessionApi.Created("v=0 answer", "live_1", continuing != null ? continuing : "voice-live-1");
    };
    private final VoiceMeter meter = new VoiceMeter() {
        @Override
        public void heartbeat(String sessionId) {
        }

        @Override
        public void end(String sessionId) {
            ended.add(sessionId);
            endReported.countDown();
        }
    };
    private final EngineTransports transports = new EngineTransports(engine::get, () -> {
        Stub s = new Stub(null);
        s.fail = failRealtime;
        realtimeMade.add(s);
        return s;
    }, Stub::new, api, TokenSource.continuing(session -> {
        mints.add(String.valueOf(session));
        return new RealtimeToken("ek_fallback", Instant.now().plusSeconds(60), "gpt-realtime", "voice-7");
    }), meter);

    @Test
    void realtimeIsTheDefaultAndNeedsAClientSecret() {
        assertThat(transports.needsClientSecret()).isTrue();
        assertThat(transports.create()).isInstanceOf(Stub.class);
        assertThat(realtimeMade).hasSize(1);
    }

    @Test
    void liveConnectsThroughTheServiceWithNoSecretAndTranslatesItsEvents() {
        engine.set(VoiceEngine.LIVE);
        assertThat(transports.needsClientSecret()).isFalse();
        Listener listener = new Listener();

        RealtimeTransport transport = transports.create();
        transport.connect(NO_SECRET, listener);

        assertThat(offers).containsExactly("v=0 offer");
        assertThat(transport.transportName()).isEqualTo("live");
        assertThat(transport.usesClientSecret()).isFalse();
        assertThat(listener.paths).singleElement().asString().contains("GPT-Live", "live_1");
        Stub peer = Stub.last;
        peer.listener.onEvent("{\"type\":\"session.started\",\"session\":{\"id\":\"live_1\"}}");
        assertThat(listener.events).singleElement().asString().contains("session.created");
        transport.send("{\"type\":\"input_audio_buffer.commit\"}");
        assertThat(peer.sent).singleElement().asString().contains("session.input_audio.mute");
    }

    @Test
    void liveNamesTheSessionItContinuesAndLeavesItsMeteringToTheVoiceSession() {
        engine.set(VoiceEngine.LIVE);
        RealtimeTransport first = transports.create();
        first.connect(NO_SECRET, new Listener());
        RealtimeTransport second = transports.create();
        second.connect(new RealtimeConnectRequest(NO_SECRET.baseUrl(), "", "", NO_SECRET.timeout(), "voice-live-1"),
                new Listener());

        assertThat(continued).containsExactly("null", "voice-live-1");
        assertThat(first.meteredSessionId()).isEqualTo("voice-live-1");
        assertThat(second.meteredSessionId()).isEqualTo("voice-live-1");
        Stub.last.listener.onClosed("ICE failed", true);
        first.close();
        second.close();
        assertThat(ended).as("the voice session ends it, once, when the conversation is over").isEmpty();
    }

    @Test
    void aBargeInSilencesLiveAtOnceUntilHerNextAnswerBegins() {
        engine.set(VoiceEngine.LIVE);
        RealtimeTransport transport = transports.create();
        transport.connect(NO_SECRET, new Listener());
        Stub peer = Stub.last;
        peer.listener.onEvent("{\"type\":\"session.output_transcript.delta\",\"delta\":\"Once upon \"}");

        transport.stopPlayback();
        transport.send("{\"type\":\"input_audio_buffer.clear\"}");
        peer.listener.onEvent("{\"type\":\"session.output_transcript.delta\",\"delta\":\"a time\"}");
        assertThat(peer.muted).as("silenced at the press; the rest of her answer stays silent").containsExactly(true);

        peer.listener.onEvent("{\"type\":\"session.input_transcript.delta\",\"delta\":\"Stop\"}");
        assertThat(peer.muted).as("not while the person speaks").containsExactly(true);
        peer.listener.onEvent("{\"type\":\"session.output_transcript.delta\",\"delta\":\"Okay.\"}");
        assertThat(peer.muted).as("her next answer is heard").containsExactly(true, false);

        transport.stopPlayback();
        transport.send("{\"type\":\"input_audio_buffer.commit\"}");
        assertThat(peer.muted).as("a push-to-talk turn's end: what comes next answers it")
                .containsExactly(true, false, true, false);
    }

    @Test
    void liveRefusedIsToldAndTheSameConnectionGoesOnWithRealtimeAsDoLaterOnes() throws InterruptedException {
        engine.set(VoiceEngine.LIVE);
        refuse = true;
        Listener listener = new Listener();

        RealtimeTransport transport = transports.create();
        transport.connect(NO_SECRET, listener);

        assertThat(listener.notices).containsExactly(EngineTransports.LIVE_REFUSED);
        assertThat(mints).as("a secret minted for the fallback").hasSize(1);
        assertThat(realtimeMade).hasSize(1);
        assertThat(realtimeMade.getFirst().request.clientSecret()).isEqualTo("ek_fallback");
        assertThat(transport.usesClientSecret()).as("minted here, not by the session").isFalse();
        assertThat(transport.meteredSessionId()).as("metered by the session").isEqualTo("voice-7");
        assertThat(transports.liveRefused()).isTrue();
        assertThat(transports.needsClientSecret()).as("later connections: Realtime, minted by the session").isTrue();
        assertThat(transports.create()).isInstanceOf(Stub.class);
        assertThat(offers).as("Live is not asked again").hasSize(1);

        transport.close();
        assertThat(ended).as("the voice session ends it").isEmpty();
    }

    @Test
    void aFallbackThatOpensNothingEndsItsSecretsSessionAtOnce() throws InterruptedException {
        engine.set(VoiceEngine.LIVE);
        refuse = true;
        failRealtime = true;
        RealtimeTransport transport = transports.create();

        assertThatThrownBy(() -> transport.connect(NO_SECRET, new Listener()))
                .isInstanceOf(RealtimeTransportException.class);

        assertThat(endReported.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ended).containsExactly("voice-7");
        assertThat(transport.meteredSessionId()).isNull();
    }

    /** A peer: its connect runs the SDP exchange (when it has one), as WebRTC's does. */
    static final class Stub implements RealtimeTransport {
        static volatile Stub last;
        final SdpExchange exchange;
        final List<String> sent = new CopyOnWriteArrayList<>();
        final List<Boolean> muted = new CopyOnWriteArrayList<>();
        RealtimeConnectRequest request;
        TransportListener listener;
        boolean fail;

        Stub(SdpExchange exchange) {
            this.exchange = exchange;
            last = this;
        }

        @Override
        public void connect(RealtimeConnectRequest connectRequest, TransportListener transportListener) {
            request = connectRequest;
            listener = transportListener;
            if (exchange != null) {
                exchange.answer("v=0 offer", Duration.ofSeconds(1));
            }
            if (fail) {
                throw new RealtimeTransportException("no route");
            }
        }

        @Override
        public void send(String eventJson) {
            sent.add(eventJson);
        }

        @Override
        public void setMicrophoneLive(boolean live) {
        }

        @Override
        public void mutePlayback(boolean on) {
            muted.add(on);
        }

        @Override
        public long playedAudioMillis() {
            return 0;
        }

        @Override
        public double inputLevel() {
            return 0;
        }

        @Override
        public void close() {
        }
    }

    private static final class Listener implements TransportListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<String> notices = new CopyOnWriteArrayList<>();
        final List<String> paths = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(String eventJson) {
            events.add(eventJson);
        }

        @Override
        public void onFirstAudioFrame() {
        }

        @Override
        public void onClosed(String reason, boolean failure) {
        }

        @Override
        public void onNotice(String message) {
            notices.add(message);
        }

        @Override
        public void onPath(String description) {
            paths.add(description);
        }
    }
}
