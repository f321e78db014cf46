package donna.app.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.audio.pcm.WavSource;
import donna.standins.live.FakeLive;
import donna.standins.live.FakeLiveConversation;
import donna.standins.openai.FakeOpenAi;
import donna.standins.realtime.FakeRealtime;
import donna.standins.realtime.FakeRealtimeConversation;
import donna.standins.realtime.WebRtcPeer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code voice-check} as a user runs it: its own process, the bundled service it starts (embedded Postgres in a data
 * folder of its own), a key and base URL from the environment pointing at the fake OpenAI with its WebRTC peer.
 */
class TestVoiceCheckCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FakeOpenAi openAi = FakeOpenAi.start();
    private static final WebRtcPeer PEER = new WebRtcPeer();
    private static final FakeRealtime realtime = openAi.realtime().callsHandler(PEER);

    @TempDir
    static Path dir;

    @BeforeAll
    static void input() throws IOException {
        // 22.05 kHz stereo, 0.7 s of a 200 Hz tone: not what WebRTC runs at, on purpose.
        int rate = 22_050;
        byte[] pcm = new byte[rate * 7 / 10 * 4];
        for (int i = 0; i < pcm.length / 4; i++) {
            short s = (short) (10_000 * Math.sin(2 * Math.PI * 200 * i / rate));
            for (int channel = 0; channel < 2; channel++) {
                pcm[i * 4 + channel * 2] = (byte) s;
                pcm[i * 4 + channel * 2 + 1] = (byte) (s >> 8);
            }
        }
        AudioFormat format = new AudioFormat(rate, 16, 2, true, false);
        try (AudioInputStream in = new AudioInputStream(new java.io.ByteArrayInputStream(pcm), format,
                pcm.length / 4)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, dir.resolve("in.wav").toFile());
        }
    }

    @AfterAll
    static void stop() {
        openAi.close();
    }

    @Test
    void aFullTurnPrintsOneJsonLineAndRecordsDonna() throws Exception {
        realtime.reset();
        realtime.hear("Testing, one two.").answer("I hear you fine.");

        Run run = voiceCheck("--input", dir.resolve("in.wav").toString(), "--output",
                dir.resolve("out/answer.wav").toString(), "--json");

        assertThat(run.exit).as("exit code; stderr: %s", run.stderr).isZero();
        assertThat(run.stdout).as("exactly one line on standard output").hasSize(1);
        JsonNode line = JSON.readTree(run.stdout.getFirst());
        assertThat(line.path("ok").asBoolean()).isTrue();
        assertThat(line.path("transport").asText()).isEqualTo("webrtc");
        assertThat(line.path("connect_ms").asLong()).isBetween(0L, 10_000L);
        assertThat(line.path("first_audio_ms").asLong()).isBetween(0L, 5_000L);
        assertThat(line.path("first_transcript_ms").asLong()).isBetween(0L, 5_000L);

        FakeRealtimeConversation call = realtime.conversations().getLast();
        assertThat(call.audioPath()).hasToString("MEDIA");
        // 700 ms of tone; a loaded machine's jitter buffer conceals late packets as more (920 ms seen in a run).
        assertThat(call.voiceMillis()).as("IN.wav was the microphone").isBetween(600L, 1_100L);
        assertThat(call.receivedTypes()).containsSubsequence("input_audio_buffer.commit", "response.create");
        assertThat(realtime.lastSecret().value()).as("the service minted the secret").startsWith("ek_");
        long spoken = "I hear you fine.".length() * 55L;
        assertThat(WavSource.open(dir.resolve("out/answer.wav")).soundMillis()).as("OUT.wav holds her answer")
                .isBetween(spoken - 100, spoken + 150);
    }

    @Test
    void aRefusedCallExitsOneWithTheReason() throws Exception {
        realtime.reset();
        realtime.refuseConnections(1, 503);

        Run run = voiceCheck("--input", dir.resolve("in.wav").toString(), "--output",
                dir.resolve("refused.wav").toString(), "--json");

        assertThat(run.exit).as("stderr: %s", run.stderr).isEqualTo(1);
        JsonNode line = JSON.readTree(run.stdout.getFirst());
        assertThat(line.path("ok").asBoolean()).isFalse();
        assertThat(line.path("error").asText()).contains("refused the call (HTTP 503");
        assertThat(line.path("connect_ms").asLong()).isEqualTo(-1);
    }

    @Test
    void donnaVoiceTransportWebsocketRunsTheTurnOverTheWebSocketWithTheWavAsMicrophone() throws Exception {
        realtime.reset();
        realtime.hear("Testing, one two.").answer("I hear you fine.");

        Run run = voiceCheck(Map.of("DONNA_VOICE_TRANSPORT", "websocket"), "--input", dir.resolve("in.wav").toString(),
                "--output", dir.resolve("out/ws-answer.wav").toString(), "--json");

        assertThat(run.exit).as("exit code; stdout %s stderr: %s", run.stdout, run.stderr).isZero();
        JsonNode line = JSON.readTree(run.stdout.getFirst());
        assertThat(line.path("ok").asBoolean()).isTrue();
        assertThat(line.path("transport").asText()).isEqualTo("websocket");
        assertThat(line.path("first_audio_ms").asLong()).isBetween(0L, 5_000L);
        FakeRealtimeConversation call = realtime.conversations().getLast();
        assertThat(call.audioPath()).as("audio went in events, not media").hasToString("EVENTS");
        assertThat(call.receivedTypes()).contains("input_audio_buffer.append");
        // 700 ms of tone; a loaded machine's jitter buffer conceals late packets as more (920 ms seen in a run).
        assertThat(call.voiceMillis()).as("IN.wav was the microphone").isBetween(600L, 1_100L);
        long spoken = "I hear you fine.".length() * 55L;
        assertThat(WavSource.open(dir.resolve("out/ws-answer.wav")).soundMillis()).as("OUT.wav holds her answer")
                .isBetween(spoken - 100, spoken + 150);
    }

    @Test
    void relayRunsTheTurnThroughTheServiceWithTheWavAsMicrophone() throws Exception {
        realtime.reset();
        realtime.acceptProjectKey("sk-test-voice-check"); // the check's service relays with its own key
        realtime.hear("Testing, one two.").answer("Relayed fine.");

        Run run = voiceCheck(Map.of(), "--transport", "relay", "--input", dir.resolve("in.wav").toString(),
                "--output", dir.resolve("out/relay-answer.wav").toString(), "--json");

        assertThat(run.exit).as("exit code; stdout %s stderr: %s", run.stdout, run.stderr).isZero();
        JsonNode line = JSON.readTree(run.stdout.getFirst());
        assertThat(line.path("ok").asBoolean()).isTrue();
        assertThat(line.path("transport").asText()).isEqualTo("relay");
        assertThat(line.path("first_audio_ms").asLong()).isBetween(0L, 5_000L);
        assertThat(realtime.secrets()).as("nothing minted").isEmpty();
        FakeRealtimeConversation call = realtime.conversations().getLast();
        assertThat(call.audioPath()).hasToString("EVENTS");
        // 700 ms of tone; a loaded machine's jitter buffer conceals late packets as more (920 ms seen in a run).
        assertThat(call.voiceMillis()).as("IN.wav was the microphone").isBetween(600L, 1_100L);
        long spoken = "Relayed fine.".length() * 55L;
        assertThat(WavSource.open(dir.resolve("out/relay-answer.wav")).soundMillis()).as("OUT.wav holds her answer")
                .isBetween(spoken - 100, spoken + 150);
    }

    @Test
    void batchSendsTheWavToTheServiceAndRecordsHerSpokenAnswer() throws Exception {
        openAi.reset();
        openAi.transcribeAs("Testing, one two.").replyWith("Batch heard you.");

        Run run = voiceCheck(Map.of("DONNA_VOICE_TRANSPORT", "batch"), "--input", dir.resolve("in.wav").toString(),
                "--output", dir.resolve("out/batch-answer.wav").toString(), "--json");

        assertThat(run.exit).as("exit code; stdout %s stderr: %s", run.stdout, run.stderr).isZero();
        JsonNode line = JSON.readTree(run.stdout.getFirst());
        assertThat(line.path("ok").asBoolean()).isTrue();
        assertThat(line.path("transport").asText()).isEqualTo("batch");
        assertThat(line.path("first_audio_ms").asLong()).isBetween(0L, 10_000L);
        assertThat(realtime.conversations()).as("no realtime connection").isEmpty();
        long spoken = "Batch heard you.".length() * 55L;
        assertThat(WavSource.open(dir.resolve("out/batch-answer.wav")).soundMillis()).as("OUT.wav holds her answer")
                .isBetween(spoken - 150, spoken + 150);
    }

    @Test
    void liveRunsTheTurnOverGptLiveThroughTheServiceWithTheWavAsMicrophone() throws Exception {
        openAi.reset();
        FakeLive live = openAi.live().peer(PEER);
        live.hear("Testing, one two.").answer("Live hears you.");

        Run run = voiceCheck(Map.of(), "--transport", "live", "--input", dir.resolve("in.wav").toString(),
                "--output", dir.resolve("out/live-answer.wav").toString(), "--json");

        assertThat(run.exit).as("exit code; stdout %s stderr: %s", run.stdout, run.stderr).isZero();
        JsonNode line = JSON.readTree(run.stdout.getFirst());
        assertThat(line.path("ok").asBoolean()).isTrue();
        assertThat(line.path("transport").asText()).isEqualTo("live");
        assertThat(line.path("first_audio_ms").asLong()).isBetween(0L, 5_000L);
        assertThat(realtime.secrets()).as("nothing minted").isEmpty();
        FakeLiveConversation call = live.conversations().getLast();
        assertThat(live.requests().getLast().path("session").path("delegation").path("type").asText())
                .isEqualTo("client");
        assertThat(call.receivedTypes()).as("the release ended the turn").contains("session.input_audio.mute");
        assertThat(call.voiceMillis()).as("IN.wav was the microphone").isBetween(600L, 1_100L);
        long spoken = "Live hears you.".length() * 55L;
        assertThat(WavSource.open(dir.resolve("out/live-answer.wav")).soundMillis()).as("OUT.wav holds her answer")
                .isBetween(spoken - 100, spoken + 150);
    }

    @Test
    void anUnknownTransportIsAUsageErrorWithoutTryingAnything() throws Exception {
        realtime.reset();

        Run run = voiceCheck(Map.of(), "--transport", "pigeon", "--input", dir.resolve("in.wav").toString(),
                "--output", dir.resolve("pigeon.wav").toString(), "--json");

        assertThat(run.exit).as("stderr: %s", run.stderr).isEqualTo(2);
        JsonNode line = JSON.readTree(run.stdout.getFirst());
        assertThat(line.path("ok").asBoolean()).isFalse();
        assertThat(line.path("transport").asText()).isEqualTo("pigeon");
        assertThat(line.path("error").asText()).isEqualTo("--transport must be one of webrtc, websocket, relay, "
                + "batch, live, not \"pigeon\"");
        assertThat(realtime.conversations()).as("nothing connected").isEmpty();
        assertThat(dir.resolve("pigeon.wav")).doesNotExist();
    }

    private record Run(int exit, List<String> stdout, String stderr) {}

    private static Run voiceCheck(String... args) throws Exception {
        return voiceCheck(Map.of(), args);
    }

    private static Run voiceCheck(Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                VoiceCheckCommand.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("DONNA_BACKEND_URL");
        builder.environment().put("DONNA_DATA_DIR", dir.resolve("data").toString());
        builder.environment().put("OPENAI_API_KEY", "sk-test-voice-check");
        builder.environment().put("OPENAI_BASE_URL", openAi.baseUrl().toString());
        builder.environment().remove("DONNA_VOICE_TRANSPORT");
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        boolean done = process.waitFor(3, TimeUnit.MINUTES);
        if (!done) {
            process.destroyForcibly();
        }
        assertThat(done).as("voice-check finished; stderr: %s", Files.readString(err)).isTrue();
        return new Run(process.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
