package donna.backend.voiceturn;

import static donna.backend.support.TestService.internalAs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.config.BackendConfig;
import donna.backend.support.TestService;
import donna.standins.openai.Endpoint;
import donna.standins.openai.Failure;
import donna.standins.openai.FakeOpenAi;
import donna.standins.openai.RecordedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/voice/turn} (issue 16, the batch path) against a real service and the fake OpenAI's
 * transcription, Responses and speech endpoints: heard, answered as a typed turn, spoken back sentence by sentence
 * while the text is still coming; and every refusal before anything is spent.
 */
class TestVoiceTurn {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FakeOpenAi openai = FakeOpenAi.start();
    private static final HttpClient http = HttpClient.newHttpClient();
    private static TestService service;

    @BeforeAll
    static void start(@TempDir Path dir) {
        service = TestService.start(dir, c -> c.withOpenAi(new BackendConfig.OpenAi(Optional.of("sk-batch"),
                openai.baseUrl(), "gpt-test", "gpt-realtime-test", Duration.ofSeconds(10))), List.of());
    }

    @AfterAll
    static void stop() {
        service.close();
        openai.close();
    }

    @BeforeEach
    void reset() {
        openai.reset();
    }

    /** One server-sent event of the answer. */
    private record Event(String name, JsonNode data) {}

    private record Answer(int status, List<Event> events, JsonNode error) {
        List<Event> named(String name) {
            return events.stream().filter(e -> e.name().equals(name)).toList();
        }

        int indexOfFirst(String name) {
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).name().equals(name)) {
                    return i;
                }
            }
            return -1;
        }

        int indexOfLast(String name) {
            for (int i = events.size() - 1; i >= 0; i--) {
                if (events.get(i).name().equals(name)) {
                    return i;
                }
            }
            return -1;
        }
    }

    @Test
    void a_recording_is_heard_answered_and_spoken_back_while_the_text_is_still_coming() throws Exception {
        openai.transcribeAs("What is on today?");
        openai.replyWith("You have two meetings. The first one is at ten with Ann about the new contract terms and "
                + "the second one is at three.");
        // Slow text, quick speech: the first sentence must be heard while the rest is being written.
        openai.chunkLatency(Duration.ofMillis(60));

        Answer answer = post(wav(16_000, 1_500, 8_000), "?profile=general", internalAs("batch-user"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.named("transcript")).singleElement()
                .satisfies(e -> assertThat(e.data().path("text").asText()).isEqualTo("What is on today?"));
        assertThat(answer.named("audio")).isNotEmpty().allSatisfy(e -> {
            assertThat(e.data().path("format").asText()).isEqualTo("pcm16");
            assertThat(e.data().path("sample_rate").asInt()).isEqualTo(24_000);
            assertThat(Base64.getDecoder().decode(e.data().path("audio").asText())).isNotEmpty();
        });
        assertThat(answer.indexOfFirst("audio")).as("speech began before the text was complete")
                .isLessThan(answer.indexOfLast("delta"));
        JsonNode done = answer.named("done").getFirst().data();
        assertThat(done.path("reply").asText()).startsWith("You have two meetings.");

        // Two sentences, spoken in order, with the service's voice; the recording went to transcription whole.
        assertThat(openai.requests(Endpoint.SPEECH)).extracting(r -> r.body().path("input").asText())
                .containsExactly("You have two meetings.", "The first one is at ten with Ann about the new contract "
                        + "terms and the second one is at three.");
        assertThat(openai.lastRequest(Endpoint.SPEECH).body().path("voice").asText()).isEqualTo("marin");
        RecordedRequest heard = openai.lastRequest(Endpoint.TRANSCRIPTIONS);
        assertThat(heard.body().path("model").asText()).isEqualTo("gpt-4o-mini-transcribe");
        assertThat(heard.body().path("audio_ms").asLong()).isEqualTo(1_500);
        // A typed turn like any other: the words are in the chat's history.
        String chatId = done.path("metadata").path("chat_id").asText();
        assertThat(service.http().get("/api/chat/sessions/" + chatId + "/messages", internalAs("batch-user")).body())
                .contains("What is on today?").contains("You have two meetings.");
    }

    @Test
    void silence_is_refused_before_anything_is_spent() throws Exception {
        Answer answer = post(wav(16_000, 2_000, 0), "", internalAs("batch-user"));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.error().path("error").path("code").asText()).isEqualTo("no_speech");
        assertThat(openai.requests()).isEmpty();
    }

    @Test
    void a_recording_with_no_words_in_it_is_refused_after_transcription() throws Exception {
        openai.transcribeAs("");

        Answer answer = post(wav(16_000, 1_000, 8_000), "", internalAs("batch-user"));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(openai.requests(Endpoint.RESPONSES)).isEmpty();
    }

    @Test
    void what_is_not_a_pcm_wav_too_long_or_too_large_is_refused_with_its_reason() throws Exception {
        assertThat(post("not audio".getBytes(), "", internalAs("batch-user")).status()).isEqualTo(415);
        Answer tooLong = post(wav(8_000, 61_000, 8_000), "", internalAs("batch-user"));
        assertThat(tooLong.status()).isEqualTo(413);
        assertThat(tooLong.error().path("error").path("code").asText()).isEqualTo("audio_too_long");
        Answer tooLarge = post(wav(48_000, 30_000, 8_000), "", internalAs("batch-user"));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(openai.requests()).isEmpty();
    }

    @Test
    void when_speech_fails_the_answer_still_comes_as_text_and_says_so() throws Exception {
        openai.transcribeAs("Hello?");
        openai.replyWith("Hello, I am here.");
        openai.failNext(Endpoint.SPEECH, 10, Failure.status(400, "voice not available"));

        Answer answer = post(wav(16_000, 800, 8_000), "", internalAs("batch-user"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.named("audio")).isEmpty();
        assertThat(answer.named("speech_error")).singleElement()
                .satisfies(e -> assertThat(e.data().path("message").asText()).contains("in the text"));
        assertThat(answer.named("done").getFirst().data().path("reply").asText()).isEqualTo("Hello, I am here.");
    }

    @Test
    void a_caller_must_act_for_a_user() throws Exception {
        Answer answer = post(wav(16_000, 800, 8_000), "", "Authorization", "Bearer " + TestService.SECRET);
        assertThat(answer.status()).isEqualTo(400);
    }

    // ---- helpers

    private static Answer post(byte[] body, String query, String... headers) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.service().baseUri()
                + VoiceTurnRoutes.PATH + query)).header("Content-Type", "audio/wav")
                // Expect: 100-continue: a refusal by the declared size comes before the body is sent, so a loaded
                // machine cannot reset the connection under a client still writing megabytes (TestErrorEnvelope).
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<java.util.stream.Stream<String>> response = http.send(request.build(),
                HttpResponse.BodyHandlers.ofLines());
        List<String> lines = response.body().toList();
        if (response.statusCode() != 200) {
            return new Answer(response.statusCode(), List.of(), JSON.readTree(String.join("\n", lines)));
        }
        List<Event> events = new ArrayList<>();
        String name = null;
        for (String line : lines) {
            if (line.startsWith("event: ")) {
                name = line.substring("event: ".length());
            } else if (line.startsWith("data: ")) {
                events.add(new Event(name, JSON.readTree(line.substring("data: ".length()))));
            }
        }
        return new Answer(200, events, null);
    }

    /** A 16-bit mono WAV of {@code ms} of a 300 Hz tone at {@code amplitude} (0 is silence). */
    static byte[] wav(int rate, int ms, int amplitude) {
        int samples = rate * ms / 1000;
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) Math.round(amplitude * Math.sin(2 * Math.PI * 300 * i / rate)));
        }
        return b.array();
    }
}
