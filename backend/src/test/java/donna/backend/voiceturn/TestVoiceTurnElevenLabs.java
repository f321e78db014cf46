package donna.backend.voiceturn;

import static donna.backend.support.TestService.internalAs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.config.BackendConfig;
import donna.backend.support.TestService;
import donna.testkit.elevenlabs.FakeElevenLabs;
import donna.standins.openai.Endpoint;
import donna.standins.openai.FakeOpenAi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * {@code POST /api/voice/turn} with {@code ELEVENLABS_API_KEY} set, against a real service, the fake OpenAI (hearing,
 * thinking) and the fake ElevenLabs (speaking): ElevenLabs speaks each sentence, and a refusal falls back to OpenAI
 * speech for the turn, which still succeeds.
 */
class TestVoiceTurnElevenLabs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FakeOpenAi openai = FakeOpenAi.start();
    private static final FakeElevenLabs elevenLabs = FakeElevenLabs.start();
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final String VOICE = "21m00Tcm4TlvDq8ikWAM";
    private static TestService service;

    @BeforeAll
    static void start(@TempDir Path dir) {
        service = TestService.start(dir, c -> c.withOpenAi(new BackendConfig.OpenAi(Optional.of("sk-batch"),
                        openai.baseUrl(), "gpt-test", "gpt-realtime-test", Duration.ofSeconds(10)))
                .withElevenLabs(new BackendConfig.ElevenLabs(Optional.of(FakeElevenLabs.KEY), VOICE,
                        "eleven_flash_v2_5", URI.create(elevenLabs.baseUrl()))), List.of());
    }

    @AfterAll
    static void stop() {
        service.close();
        openai.close();
        elevenLabs.close();
    }

    @BeforeEach
    void reset() {
        openai.reset();
        elevenLabs.reset();
    }

    private record Event(String name, JsonNode data) {}

    @Test
    void elevenlabs_speaks_each_sentence_of_the_answer_with_its_voice_and_model() throws Exception {
        openai.transcribeAs("Who is first today?");
        openai.replyWith("Ann is first. She wants to talk about the contract.");

        List<Event> events = post();

        List<Event> audio = named(events, "audio");
        assertThat(audio).isNotEmpty().allSatisfy(e -> {
            assertThat(e.data().path("format").asText()).isEqualTo("pcm16");
            assertThat(e.data().path("sample_rate").asInt()).isEqualTo(24_000);
            assertThat(e.data().path("engine").asText()).isEqualTo("elevenlabs");
        });
        int bytes = audio.stream().mapToInt(e -> Base64.getDecoder().decode(e.data().path("audio").asText()).length)
                .sum();
        assertThat(bytes).isEqualTo(FakeElevenLabs.pcmBytes("Ann is first.")
                + FakeElevenLabs.pcmBytes("She wants to talk about the contract."));
        assertThat(elevenLabs.requests()).extracting(FakeElevenLabs.Received::text)
                .containsExactly("Ann is first.", "She wants to talk about the contract.");
        assertThat(elevenLabs.requests()).allSatisfy(r -> {
            assertThat(r.voiceId()).isEqualTo(VOICE);
            assertThat(r.modelId()).isEqualTo("eleven_flash_v2_5");
            assertThat(r.outputFormat()).isEqualTo("pcm_24000");
        });
        assertThat(openai.requests(Endpoint.SPEECH)).as("OpenAI did not speak").isEmpty();
        assertThat(named(events, "speech_error")).isEmpty();
        assertThat(named(events, "done").getFirst().data().path("reply").asText())
                .isEqualTo("Ann is first. She wants to talk about the contract.");
    }

    @Test
    void a_refused_key_falls_back_to_openai_speech_and_the_turn_still_succeeds() throws Exception {
        elevenLabs.acceptKey("sk_some_other_key");
        openai.transcribeAs("Hello?");
        openai.replyWith("Hello, I am here. What can I do?");

        List<Event> events = post();

        assertThat(named(events, "audio")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.data().path("engine").asText()).isEqualTo("openai"));
        assertThat(elevenLabs.requests()).singleElement()
                .satisfies(r -> assertThat(r.answeredStatus()).isEqualTo(401));
        assertThat(openai.requests(Endpoint.SPEECH)).extracting(r -> r.body().path("input").asText())
                .containsExactly("Hello, I am here.", "What can I do?");
        assertThat(named(events, "speech_error")).isEmpty();
        assertThat(named(events, "done").getFirst().data().path("reply").asText())
                .isEqualTo("Hello, I am here. What can I do?");
    }

    @Test
    void an_outage_falls_back_for_that_turn_and_the_next_turn_tries_elevenlabs_again() throws Exception {
        elevenLabs.failNext(1, 503);
        openai.transcribeAs("Hello?");
        openai.replyWith("Hello.");
        assertThat(named(post(), "audio")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.data().path("engine").asText()).isEqualTo("openai"));

        openai.transcribeAs("Again?");
        openai.replyWith("Again.");
        assertThat(named(post(), "audio")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.data().path("engine").asText()).isEqualTo("elevenlabs"));
        assertThat(elevenLabs.requests()).extracting(FakeElevenLabs.Received::answeredStatus)
                .containsExactly(503, 200);
    }

    private static List<Event> named(List<Event> events, String name) {
        return events.stream().filter(e -> e.name().equals(name)).toList();
    }

    private static List<Event> post() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.service().baseUri() + VoiceTurnRoutes.PATH))
                .header("Content-Type", "audio/wav").headers(internalAs("eleven-user"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestVoiceTurn.wav(16_000, 1_000, 8_000))).build();
        HttpResponse<java.util.stream.Stream<String>> response = http.send(request,
                HttpResponse.BodyHandlers.ofLines());
        List<String> lines = response.body().toList();
        assertThat(response.statusCode()).as(String.join("\n", lines)).isEqualTo(200);
        List<Event> events = new ArrayList<>();
        String name = null;
        for (String line : lines) {
            if (line.startsWith("event: ")) {
                name = line.substring("event: ".length());
            } else if (line.startsWith("data: ")) {
                events.add(new Event(name, JSON.readTree(line.substring("data: ".length()))));
            }
        }
        return events;
    }
}
