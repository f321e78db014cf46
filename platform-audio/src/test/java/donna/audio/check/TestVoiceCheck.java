package donna.audio.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.audio.pcm.PcmFormat;
import donna.audio.pcm.Signals;
import donna.audio.pcm.WavRecorder;
import donna.audio.pcm.WavSource;
import donna.audio.webrtc.AudioBackend;
import donna.audio.webrtc.WebRtcRuntime;
import donna.core.voice.RealtimeConnectRequest;
import donna.standins.openai.FakeOpenAi;
import donna.standins.realtime.FakeRealtimeConversation;
import donna.standins.realtime.WebRtcPeer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestVoiceCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeOpenAi openai = FakeOpenAi.start();
    private final VoiceCheck check = new VoiceCheck(WebRtcRuntime.start(AudioBackend.HEADLESS), Duration.ofSeconds(10));

    @AfterEach
    void stop() {
        openai.close();
    }

    @Test
    void aFullTurnIsMeasuredAndDonnasAnswerRecorded(@TempDir Path dir) throws Exception {
        openai.realtime().callsHandler(new WebRtcPeer()).hear("Is this thing on?").answer("Loud and clear.");
        WavSource input = WavSource.open(Signals.toneWav(dir.resolve("in.wav"), 220, 16_000, 2, 700));
        WavRecorder output = new WavRecorder();

        VoiceCheckResult result = check.run(request(), input, output);

        assertThat(result.ok()).as(result.toText()).isTrue();
        assertThat(result.heard()).isEqualTo("Is this thing on?");
        assertThat(result.said()).isEqualTo("Loud and clear.");
        assertThat(result.connectMillis()).isBetween(0L, 5_000L);
        assertThat(result.firstAudioMillis()).isBetween(0L, 5_000L);
        assertThat(result.firstTranscriptMillis()).isBetween(0L, 5_000L);
        // Measured (how fast is `./donna bench voice`'s figure, not a test's: a loaded machine stretches it).
        assertThat(result.pressToLiveMicros()).isNotNegative();
        assertThat(output.millis()).isEqualTo(result.playedMillis()).isGreaterThan(600);
        assertThat(openai.realtime().conversations().getLast().voiceMillis()).isBetween(600L, 900L);

        output.writeTo(dir.resolve("out.wav"));
        assertThat(WavSource.open(dir.resolve("out.wav")).soundMillis()).isGreaterThan(600);
        JsonNode line = JSON.readTree(result.toJson());
        assertThat(line.path("ok").asBoolean()).isTrue();
        assertThat(line.path("transport").asText()).isEqualTo("webrtc");
        assertThat(line.path("connect_ms").asLong()).isEqualTo(result.connectMillis());
        assertThat(line.path("first_audio_ms").asLong()).isEqualTo(result.firstAudioMillis());
        assertThat(line.path("first_transcript_ms").asLong()).isEqualTo(result.firstTranscriptMillis());
        assertThat(line.has("error")).isFalse();
    }

    @Test
    void theSameTurnRunsOverTheWebSocketWithTheFileAsTheMicrophone(@TempDir Path dir) throws Exception {
        openai.realtime().hear("Is this thing on?").answer("Loud and clear.");
        WavSource input = WavSource.open(Signals.toneWav(dir.resolve("in.wav"), 220, 16_000, 2, 700));
        WavRecorder output = new WavRecorder();

        VoiceCheckResult result = check.runOverWebSocket(request(), input, output);

        assertThat(result.ok()).as(result.toText()).isTrue();
        assertThat(result.transport()).isEqualTo("websocket");
        assertThat(result.heard()).isEqualTo("Is this thing on?");
        assertThat(result.said()).isEqualTo("Loud and clear.");
        assertThat(result.pressToLiveMicros()).as("not measured over the WebSocket").isEqualTo(-1);
        FakeRealtimeConversation call = openai.realtime().conversations().getLast();
        assertThat(call.audioPath()).hasToString("EVENTS");
        assertThat(call.voiceMillis()).as("the whole file, once, only while the key was down").isBetween(680L, 720L);
        assertThat(call.microphoneMillis() - call.voiceMillis()).as("little silence sent around it").isLessThan(100);
        long spoken = "Loud and clear.".length() * 55L;
        assertThat(result.playedMillis()).isBetween(spoken - 10, spoken + 10);
        output.writeTo(dir.resolve("out.wav"));
        assertThat(WavSource.open(dir.resolve("out.wav")).soundMillis()).isBetween(spoken - 20, spoken + 20);
        assertThat(JSON.readTree(result.toJson()).path("transport").asText()).isEqualTo("websocket");
    }

    @Test
    void aTurnThatCannotConnectSaysWhyInsteadOfThrowing() throws Exception {
        openai.realtime().callsHandler(new WebRtcPeer()).refuseConnections(1, 503);
        WavSource input = WavSource.of(Signals.tone(220, PcmFormat.SAMPLE_RATE, 200, 0.5));

        VoiceCheckResult result = check.run(request(), input, new WavRecorder());

        assertThat(result.ok()).isFalse();
        assertThat(result.reason()).contains("refused the call (HTTP 503");
        JsonNode line = JSON.readTree(result.toJson());
        assertThat(line.path("ok").asBoolean()).isFalse();
        assertThat(line.path("error").asText()).isEqualTo(result.reason());
        assertThat(line.path("connect_ms").asLong()).isEqualTo(-1);
        assertThat(result.toText()).startsWith("voice check: FAILED: ");
    }

    private RealtimeConnectRequest request() {
        String secret = openai.realtime().mint(JSON.createObjectNode()).body().path("value").asText();
        return new RealtimeConnectRequest(openai.baseUrl(), "gpt-realtime", secret, Duration.ofSeconds(10));
    }
}
