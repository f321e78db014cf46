package donna.app.voice;

import donna.core.api.BackendClient;
import donna.core.chat.Profile;
import donna.core.voice.RealtimeTransport;
import donna.core.voice.RealtimeTransportFactory;
import donna.core.voice.TokenSource;
import donna.core.voice.VoiceAudio;
import donna.core.voice.VoiceMeter;
import donna.core.voice.VoiceTransports;
import donna.core.voice.batch.BatchTransport;
import donna.core.voice.live.EngineTransports;
import donna.core.voice.live.SdpExchange;
import donna.core.voice.live.ServiceLiveSessions;
import donna.core.voice.live.VoiceEngine;
import donna.core.voice.websocket.RelayEndpoint;
import donna.core.voice.websocket.WebSocketTransport;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the app carries its voice (docs/voice.md): WebRTC first, then the WebSocket directly to OpenAI, then the
 * relay through the companion service (when the service offers it), then the batch path; or the one
 * {@code DONNA_VOICE_TRANSPORT} forces ({@code websocket}, {@code relay}, {@code batch}). Every path but WebRTC
 * plays and records through {@code audio} (in the app {@link donna.audio.webrtc.WebRtcVoiceAudio#system()}: the
 * same platform audio as WebRTC's). One place, used by the app's composition root, {@code voice-check} and the
 * tests that check its sound end to end.
 */
public final class VoiceTransportWiring {
    private static final Logger log = LoggerFactory.getLogger(VoiceTransportWiring.class);

    private VoiceTransportWiring() {}

    /**
     * WebRTC and the direct WebSocket only (no service paths).
     *
     * @param setting the value of {@code DONNA_VOICE_TRANSPORT} (null for the default); an unknown value is logged and
     *                the default used
     */
    public static RealtimeTransportFactory transports(String setting, RealtimeTransportFactory webRtc,
            VoiceAudio audio) {
        return choose(setting, VoiceTransports.Candidates.direct(Optional.of(webRtc),
                WebSocketTransport.factory(audio)));
    }

    /**
     * Every path: WebRTC, the direct WebSocket, and through the service at {@code client} (its own credentials:
     * the bundled service's secret, or the signed-in token) the relay and the batch path, DONNA speaking as
     * {@code profile}.
     *
     * @param client  asked at each connection, off the UI thread (it may start the service)
     * @param profile asked at each connection, off the UI thread
     */
    public static RealtimeTransportFactory transports(String setting, RealtimeTransportFactory webRtc,
            VoiceAudio audio, Supplier<BackendClient> client, Supplier<Profile> profile) {
        return choose(setting, candidates(Optional.of(webRtc), audio, client, profile));
    }

    /**
     * The engine chosen in Settings over {@code realtime} (the paths above): GPT-Live through the service's
     * {@code /api/voice/live/sessions} and WebRTC peers made by {@code livePeers}, or Realtime. When the service's
     * account has no Live access, the person is told and Realtime is used (a secret minted through {@code client}).
     */
    public static RealtimeTransportFactory withEngine(Supplier<VoiceEngine> engine, RealtimeTransportFactory realtime,
            Function<SdpExchange, RealtimeTransport> livePeers, Supplier<BackendClient> client,
            Supplier<Profile> profile) {
        VoiceMeter meter = new VoiceMeter() {
            @Override
            public void heartbeat(String sessionId) {
                client.get().voiceHeartbeat(sessionId);
            }

            @Override
            public void end(String sessionId) {
                client.get().endVoiceSession(sessionId);
            }
        };
        return new EngineTransports(engine, realtime, livePeers, new ServiceLiveSessions(client, profile),
                TokenSource.continuing(session -> client.get().realtimeToken(profile.get(), session)), meter);
    }

    /** The paths of {@link #transports(String, RealtimeTransportFactory, VoiceAudio, Supplier, Supplier)}. */
    static VoiceTransports.Candidates candidates(Optional<RealtimeTransportFactory> webRtc, VoiceAudio audio,
            Supplier<BackendClient> client, Supplier<Profile> profile) {
        RealtimeTransportFactory relay = WebSocketTransport.factory(audio,
                RelayEndpoint.of(client, profile));
        // client_outbox: a confirmed send goes into this app's outbox, as from the chat and a spoken turn's cards.
        RealtimeTransportFactory batch = BatchTransport.factory(
                (wav, chatId, onEvent) -> client.get().voiceTurn(wav, chatId, profile.get(), true, onEvent), audio);
        return new VoiceTransports.Candidates(webRtc, WebSocketTransport.factory(audio), Optional.of(relay),
                () -> relayOffered(client), Optional.of(batch));
    }

    /** The service's answer at the relay's path (404 when ENABLE_WS_PROXY is off); unreachable counts as no. */
    private static boolean relayOffered(Supplier<BackendClient> client) {
        try {
            boolean offered = client.get().offersRealtimeRelay();
            log.info("The service {} the voice relay", offered ? "offers" : "does not offer");
            return offered;
        } catch (RuntimeException e) {
            log.info("Could not ask the service about the voice relay: {}", e.getMessage());
            return false;
        }
    }

    private static RealtimeTransportFactory choose(String setting, VoiceTransports.Candidates candidates) {
        try {
            return VoiceTransports.choose(setting, candidates);
        } catch (IllegalArgumentException e) {
            log.warn("{}; using the default", e.getMessage());
            return VoiceTransports.choose(null, candidates);
        }
    }
}
