package donna.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import donna.audio.check.VoiceCheck;
import donna.audio.check.VoiceCheckResult;
import donna.audio.pcm.PcmFormat;
import donna.audio.pcm.WavRecorder;
import donna.audio.pcm.WavSource;
import donna.audio.webrtc.AudioBackend;
import donna.audio.webrtc.NativeExit;
import donna.audio.webrtc.WebRtcRuntime;
import donna.core.api.BackendClient;
import donna.core.voice.RealtimeConnectRequest;
import donna.core.voice.VoiceMeter;
import donna.core.voice.batch.BatchTransport;
import donna.core.voice.live.LiveTransport;
import donna.core.voice.live.ServiceLiveSessions;
import donna.core.voice.websocket.RelayEndpoint;
import donna.core.voice.websocket.WebSocketTransport;
import donna.standins.openai.FakeOpenAi;
import donna.standins.realtime.WebRtcPeer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Voice latency over loopback, per transport: {@code voice-check}'s push-to-talk turn ({@link VoiceCheck}) run again
 * and again against the fake Realtime API. WebRTC (its peer in this process: Opus, DTLS, the data channel, jitter
 * buffers) and the direct WebSocket go straight to the fake; the relay ({@code /api/realtime/ws}) and the batch path
 * ({@code POST /api/voice/turn}: transcription, a typed turn, speech) and GPT-Live (the service creates the session,
 * WebRTC to the fake Live's peer) go through the shipped service jar in its own process, pointed at the same fake. Per transport one warm-up turn, then {@code turns} measured ones; prints connect
 * and release-to-first-audio (median, p95), and the targets of issue 16 (WebSocket and relay within 1.5x of WebRTC's
 * first audio; batch within 1.2 s plus the fakes' own delays, which are none here).
 *
 * <p>Usage: {@code ./donna bench voice [--turns 20] [--input IN.wav] [--transports webrtc,websocket,relay,batch,live]
 * [--jar backend/target/donna-backend.jar]}
 */
public final class VoiceBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STEP = Duration.ofSeconds(15);

    private VoiceBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        int turns = Integer.parseInt(options.getOrDefault("turns", "20"));
        List<String> transports = List.of(options.getOrDefault("transports", "webrtc,websocket,relay,batch,live")
                .split(","));
        Path jar = Path.of(options.getOrDefault("jar", "backend/target/donna-backend.jar"));
        WavSource input = options.containsKey("input") ? WavSource.open(Path.of(options.get("input")))
                : WavSource.of(speechLikeTone());
        Map<String, List<VoiceCheckResult>> figures = new LinkedHashMap<>();
        try (FakeOpenAi openai = FakeOpenAi.start()) {
            openai.realtime().callsHandler(new WebRtcPeer()); // its WebRTC stack starts in the background
            openai.transcribeAs("What is on my calendar today?");
            openai.realtime().acceptProjectKey("bench-key"); // the relay connects with the service's own key
            openai.live().projectKey("bench-key").peer(new WebRtcPeer()); // and so does GPT-Live's session
            long starting = System.nanoTime();
            WebRtcRuntime runtime = WebRtcRuntime.start(AudioBackend.HEADLESS);
            long startMillis = (System.nanoTime() - starting) / 1_000_000;
            VoiceCheck check = new VoiceCheck(runtime, STEP);
            System.out.printf(Locale.ROOT, "voice bench: %s, %d turns (+1 warm-up) each, a %d ms input, fake "
                    + "Realtime API on this machine, %d cores, load average %s; WebRTC runtime start %d ms%n",
                    String.join(", ", transports), turns, input.durationMillis(),
                    Runtime.getRuntime().availableProcessors(), loadAverage(), startMillis);
            ServiceProcess service = null;
            BackendClient client = null;
            try {
                if (transports.contains("relay") || transports.contains("batch") || transports.contains("live")) {
                    Path data = Files.createTempDirectory("donna-voice-bench");
                    service = new ServiceProcess(jar, data, Map.of("OPENAI_API_KEY", "bench-key",
                            "OPENAI_BASE_URL", openai.baseUrl().toString(), "ENABLE_WS_PROXY", "true",
                            "RATE_LIMIT_PER_MINUTE", "1000000", "REALTIME_RATE_LIMIT_PER_MINUTE", "1000",
                            "DONNA_LOG_LEVEL", "WARN"), "");
                    client = BackendClient.builder(service.baseUri())
                            .token(() -> Optional.of(ServiceProcess.SECRET)).user("voice-bench").build();
                }
                for (String transport : transports) {
                    BackendClient through = client;
                    URI serviceBase = service == null ? null : service.baseUri();
                    Supplier<VoiceCheckResult> turn = switch (transport.strip()) {
                        case "webrtc" -> () -> check.run(minted(openai), input, new WavRecorder());
                        case "websocket" -> () -> check.runOverWebSocket(minted(openai), input, new WavRecorder());
                        case "relay" -> () -> check.runOverEvents("relay", unminted(serviceBase), input,
                                new WavRecorder(), audio -> WebSocketTransport.factory(audio,
                                        RelayEndpoint.of(() -> through, () -> null)).create());
                        case "batch" -> () -> check.runOverEvents("batch", unminted(serviceBase), input,
                                new WavRecorder(), audio -> new BatchTransport((wav, chatId, onEvent) ->
                                        through.voiceTurn(wav, chatId, null, false, onEvent), audio));
                        // GPT-Live: the service creates the session with its own key; WebRTC to the fake's peer.
                        case "live" -> () -> check.runOverLive(unminted(serviceBase), input, new WavRecorder(),
                                peers -> new LiveTransport(peers, new ServiceLiveSessions(() -> through, () -> null),
                                        new VoiceMeter() {
                                            @Override
                                            public void heartbeat(String sessionId) {
                                                through.voiceHeartbeat(sessionId);
                                            }

                                            @Override
                                            public void end(String sessionId) {
                                                through.endVoiceSession(sessionId);
                                            }
                                        }));
                        default -> throw new IllegalArgumentException("no such transport: " + transport
                                + " (webrtc, websocket, relay, batch, live)");
                    };
                    ok(turn.get(), transport);
                    List<VoiceCheckResult> results = new ArrayList<>();
                    for (int i = 0; i < turns; i++) {
                        results.add(ok(turn.get(), transport));
                    }
                    figures.put(transport.strip(), results);
                    report(transport.strip(), results);
                }
            } finally {
                if (service != null) {
                    service.close();
                }
            }
            summary(figures);
        }
        System.out.flush();
        NativeExit.halt(0); // native WebRTC threads cannot be stopped; they would print on a normal exit
    }

    private static RealtimeConnectRequest minted(FakeOpenAi openai) {
        String secret = openai.realtime().mint(JSON.createObjectNode()).body().path("value").asText();
        return new RealtimeConnectRequest(openai.baseUrl(), "gpt-realtime", secret, STEP);
    }

    /** The relay and the batch path connect with the service's own credentials: nothing is minted. */
    private static RealtimeConnectRequest unminted(URI service) {
        return new RealtimeConnectRequest(service, "", "", STEP);
    }

    private static VoiceCheckResult ok(VoiceCheckResult result, String transport) {
        if (!result.ok()) {
            throw new IllegalStateException("a " + transport + " turn failed: " + result.reason());
        }
        return result;
    }

    private static void report(String transport, List<VoiceCheckResult> all) {
        System.out.printf(Locale.ROOT, "%-9s connect median %5.0f ms p95 %5.0f ms | release-to-first-audio median "
                        + "%5.0f ms p95 %5.0f ms | first transcript median %5.0f ms%n", transport,
                stat(all, VoiceCheckResult::connectMillis, 0.5), stat(all, VoiceCheckResult::connectMillis, 0.95),
                stat(all, VoiceCheckResult::firstAudioMillis, 0.5), stat(all, VoiceCheckResult::firstAudioMillis, 0.95),
                stat(all, VoiceCheckResult::firstTranscriptMillis, 0.5));
    }

    private static void summary(Map<String, List<VoiceCheckResult>> figures) {
        List<VoiceCheckResult> webrtc = figures.get("webrtc");
        if (webrtc != null) {
            System.out.printf(Locale.ROOT, "press-to-mic-live (webrtc): median %.2f ms, max %.2f ms (target <= 20)%n",
                    stat(webrtc, VoiceCheckResult::pressToLiveMicros, 0.5) / 1000.0,
                    stat(webrtc, VoiceCheckResult::pressToLiveMicros, 1.0) / 1000.0);
        }
        double base = webrtc == null ? Double.NaN : stat(webrtc, VoiceCheckResult::firstAudioMillis, 0.5);
        for (String t : List.of("websocket", "relay")) {
            if (figures.containsKey(t) && webrtc != null) {
                double ratio = stat(figures.get(t), VoiceCheckResult::firstAudioMillis, 0.5) / base;
                System.out.printf(Locale.ROOT, "%s first audio / webrtc's: %.2fx (target <= 1.5x: %s)%n", t, ratio,
                        ratio <= 1.5 ? "met" : "not met");
            }
        }
        if (figures.containsKey("batch")) {
            double batch = stat(figures.get("batch"), VoiceCheckResult::firstAudioMillis, 0.5);
            System.out.printf(Locale.ROOT, "batch first audio median %.0f ms (target <= 1,200 ms plus the fakes' "
                    + "delays, none here: %s)%n", batch, batch <= 1200 ? "met" : "not met");
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static double stat(List<VoiceCheckResult> results, ToLongFunction<VoiceCheckResult> metric, double p) {
        long[] values = results.stream().mapToLong(metric).sorted().toArray();
        return Percentiles.of(values, p);
    }

    /** 800 ms of a 200 Hz tone with a syllable-like envelope: sound the fake hears as speech. */
    private static short[] speechLikeTone() {
        int n = PcmFormat.SAMPLE_RATE * 800 / 1000;
        short[] pcm = new short[n];
        for (int i = 0; i < n; i++) {
            double t = (double) i / PcmFormat.SAMPLE_RATE;
            double envelope = 0.35 + 0.25 * Math.sin(2 * Math.PI * 4 * t);
            pcm[i] = (short) (envelope * 32767 * Math.sin(2 * Math.PI * 200 * t));
        }
        return pcm;
    }
}
