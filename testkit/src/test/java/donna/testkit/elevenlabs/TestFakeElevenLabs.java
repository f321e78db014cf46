package donna.testkit.elevenlabs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake ElevenLabs answers as the real streaming text-to-speech documents it, and fails when told to. */
class TestFakeElevenLabs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FakeElevenLabs fake = FakeElevenLabs.start();
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final String GEORGE = FakeElevenLabs.VOICES.getFirst();

    @AfterAll
    static void stop() {
        fake.close();
    }

    @BeforeEach
    void reset() {
        fake.reset();
    }

    @Test
    void speaks_pcm_in_chunks_and_records_the_request() throws Exception {
        Streamed answer = speak(GEORGE, "pcm_24000", FakeElevenLabs.KEY, "Hello there.");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.bytes()).isEqualTo(FakeElevenLabs.pcmBytes("Hello there."));
        assertThat(answer.bytes() % 2).as("whole PCM16 samples").isZero();
        assertThat(answer.chunked()).as("streamed as it is made, not sent whole").isTrue();
        assertThat(fake.requests()).singleElement().satisfies(r -> {
            assertThat(r.voiceId()).isEqualTo(GEORGE);
            assertThat(r.outputFormat()).isEqualTo("pcm_24000");
            assertThat(r.text()).isEqualTo("Hello there.");
            assertThat(r.modelId()).isEqualTo("eleven_flash_v2_5");
            assertThat(r.answeredStatus()).isEqualTo(200);
        });
    }

    @Test
    void a_wrong_or_missing_key_is_401_in_elevenlabs_error_shape() throws Exception {
        Streamed wrong = speak(GEORGE, "pcm_24000", "sk_wrong", "Hello.");
        Streamed missing = speak(GEORGE, "pcm_24000", null, "Hello.");

        assertThat(wrong.status()).isEqualTo(401);
        JsonNode detail = JSON.readTree(wrong.body()).path("detail");
        assertThat(detail.path("status").asText()).isEqualTo("invalid_api_key");
        assertThat(detail.path("message").asText()).isNotBlank();
        assertThat(missing.status()).isEqualTo(401);
        assertThat(fake.requests()).extracting(FakeElevenLabs.Received::keyPresent).containsExactly(true, false);
    }

    @Test
    void an_unknown_voice_empty_text_or_other_format_is_refused() throws Exception {
        assertThat(speak("nosuchvoice", "pcm_24000", FakeElevenLabs.KEY, "Hi.").status()).isEqualTo(404);
        assertThat(speak(GEORGE, "pcm_24000", FakeElevenLabs.KEY, " ").status()).isEqualTo(400);
        assertThat(speak(GEORGE, "mp3_44100_128", FakeElevenLabs.KEY, "Hi.").status()).isEqualTo(400);
    }

    @Test
    void fails_the_next_n_calls_when_told_then_speaks_again() throws Exception {
        fake.failNext(2, 429);

        assertThat(speak(GEORGE, "pcm_24000", FakeElevenLabs.KEY, "One.").status()).isEqualTo(429);
        Streamed second = speak(GEORGE, "pcm_24000", FakeElevenLabs.KEY, "Two.");
        assertThat(second.status()).isEqualTo(429);
        assertThat(JSON.readTree(second.body()).path("detail").path("status").asText())
                .isEqualTo("too_many_concurrent_requests");
        assertThat(speak(GEORGE, "pcm_24000", FakeElevenLabs.KEY, "Three.").status()).isEqualTo(200);
        assertThat(fake.requests()).extracting(FakeElevenLabs.Received::answeredStatus)
                .containsExactly(429, 429, 200);
    }

    @Test
    void a_changed_key_refuses_the_old_one() throws Exception {
        fake.acceptKey("sk_rotated");

        assertThat(speak(GEORGE, "pcm_24000", FakeElevenLabs.KEY, "Hi.").status()).isEqualTo(401);
        assertThat(speak(GEORGE, "pcm_24000", "sk_rotated", "Hi.").status()).isEqualTo(200);
    }

    private record Streamed(int status, int bytes, boolean chunked, byte[] body) {}

    private static Streamed speak(String voice, String format, String key, String text) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/v1/text-to-speech/"
                        + voice + "/stream?output_format=" + format))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(JSON.createObjectNode()
                        .put("text", text).put("model_id", "eleven_flash_v2_5"))));
        if (key != null) {
            request.header("xi-api-key", key);
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        List<byte[]> pieces = new ArrayList<>();
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (read > 0) {
                    pieces.add(java.util.Arrays.copyOf(buffer, read));
                }
            }
        }
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        pieces.forEach(all::writeBytes);
        return new Streamed(response.statusCode(), all.size(), response.headers().firstValue("transfer-encoding")
                .filter("chunked"::equalsIgnoreCase).isPresent(), all.toByteArray());
    }
}
