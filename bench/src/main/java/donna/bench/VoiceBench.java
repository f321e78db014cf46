package donna.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import donna.audio.check.VoiceCheck;
import donna.audio.check.VoiceCheckResult;
import donna.audio.pcm.PcmFormat;
import donna.audio.pcm.WavRecorder;
import donna.audio.pcm.WavSource;
import donna.audio.webrtc.AudioBackend;
import donna.audio.webrtc.WebRtcRuntime;
import donna.core.voice.RealtimeConnectRequest;
import donna.testkit.openai.FakeOpenAi;
import donna.testkit.realtime.WebRtcPeer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Voice latency over loopback: {@code voice-check}'s push-to-talk turn ({@link VoiceCheck}) run again and again
 * against the fake Realtime API and its WebRTC peer in this process (WebRTC both sides, Opus, DTLS, the data
 * channel, jitter buffers: everything but the network and the model). One warm-up turn, then {@code turns}
 * measured ones; prints connect time and release-to-first-audio (median, p95) and the warm press-to-mic-live time.
 *
 * <p>Usage: {@code ./donna bench voice [--turns 20] [--input IN.wav]}
 */
public final class VoiceBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private VoiceBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        int turns = Integer.parseInt(options.getOrDefault("turns", "20"));
        WavSource input = options.containsKey("input") ? WavSource.open(Path.of(options.get("input")))
                : WavSource.of(speechLikeTone());
        try (FakeOpenAi openai = FakeOpenAi.start()) {
            openai.realtime().callsHandler(new WebRtcPeer()); // its WebRTC stack starts in the background
            long starting = System.nanoTime();
            WebRtcRuntime runtime = WebRtcRuntime.start(AudioBackend.HEADLESS);
            long startMillis = (System.nanoTime() - starting) / 1_000_000;
            VoiceCheck check = new VoiceCheck(runtime, Duration.ofSeconds(15));
            System.out.printf(Locale.ROOT, "voice bench: %d turns (+1 warm-up) of a %d ms input against the fake "
                    + "WebRTC peer on this machine, %d cores%n", turns, input.durationMillis(),
                    Runtime.getRuntime().availableProcessors());
            VoiceCheckResult cold = turn(check, openai, input);
            System.out.printf(Locale.ROOT, "warm-up: WebRTC runtime start %d ms; first connection of the process: "
                    + "connect %d ms, first audio %d ms%n", startMillis, cold.connectMillis(), cold.firstAudioMillis());
            VoiceCheckResult[] results = new VoiceCheckResult[turns];
            for (int i = 0; i < turns; i++) {
                results[i] = turn(check, openai, input);
                VoiceCheckResult r = results[i];
                System.out.printf(Locale.ROOT, "turn %2d: connect %4d ms  release-to-first-audio %4d ms  "
                        + "first transcript %4d ms  press-to-mic-live %.2f ms%n", i + 1, r.connectMillis(),
                        r.firstAudioMillis(), r.firstTranscriptMillis(), r.pressToLiveMicros() / 1000.0);
            }
            List<VoiceCheckResult> all = List.of(results);
            System.out.printf(Locale.ROOT, "connect:                median %4.0f ms  p95 %4.0f ms  (target <= 90)%n",
                    stat(all, VoiceCheckResult::connectMillis, 0.5), stat(all, VoiceCheckResult::connectMillis,
                            0.95));
            System.out.printf(Locale.ROOT, "release-to-first-audio: median %4.0f ms  p95 %4.0f ms  (target <= 75 "
                    + "median)%n", stat(all, VoiceCheckResult::firstAudioMillis, 0.5),
                    stat(all, VoiceCheckResult::firstAudioMillis, 0.95));
            System.out.printf(Locale.ROOT, "first transcript:       median %4.0f ms  p95 %4.0f ms%n",
                    stat(all, VoiceCheckResult::firstTranscriptMillis, 0.5),
                    stat(all, VoiceCheckResult::firstTranscriptMillis, 0.95));
            System.out.printf(Locale.ROOT, "press-to-mic-live:      median %.2f ms  max %.2f ms  (target <= 20)%n",
                    stat(all, VoiceCheckResult::pressToLiveMicros, 0.5) / 1000.0,
                    stat(all, VoiceCheckResult::pressToLiveMicros, 1.0) / 1000.0);
        }
        System.out.flush();
        Runtime.getRuntime().halt(0); // native WebRTC threads would keep a normal exit waiting
    }

    private static VoiceCheckResult turn(VoiceCheck check, FakeOpenAi openai, WavSource input) {
        String secret = openai.realtime().mint(JSON.createObjectNode()).body().path("value").asText();
        VoiceCheckResult result = check.run(new RealtimeConnectRequest(openai.baseUrl(), "gpt-realtime", secret,
                Duration.ofSeconds(15)), input, new WavRecorder());
        if (!result.ok()) {
            throw new IllegalStateException("a turn failed: " + result.reason());
        }
        return result;
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
