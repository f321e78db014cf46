package donna.backend.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import donna.standins.openai.Endpoint;
import donna.standins.openai.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResponsesStreamingTest {
    private final OpenAiFixture openai = new OpenAiFixture();

    @AfterEach
    void stop() {
        openai.close();
    }

    @Test
    void deltasArriveInOrderAndMakeTheWholeText() {
        openai.fake.replyWith("Good morning, Ada. Your inbox is quiet today.");
        List<String> deltas = new CopyOnWriteArrayList<>();

        ResponseResult result = openai.responses.stream(OpenAiFixture.ask("morning"), deltas::add);

        assertThat(deltas).containsExactly("Good ", "morning, ", "Ada. ", "Your ", "inbox ", "is ", "quiet ",
                "today.");
        assertThat(result.text()).isEqualTo("Good morning, Ada. Your inbox is quiet today.");
        assertThat(result.functionCall()).isEmpty();
    }

    @Test
    void eachDeltaIsHandedOverAsItArrivesNotAtTheEnd() {
        Duration gap = Duration.ofMillis(60);
        openai.fake.replyWith("one two three four").chunkLatency(gap);
        List<Long> arrivals = new CopyOnWriteArrayList<>();

        openai.responses.stream(OpenAiFixture.ask("count"), d -> arrivals.add(System.nanoTime()));

        // The fake waits `gap` before each delta: delivered at the end, they would arrive together.
        assertThat(arrivals).hasSize(4);
        assertThat(arrivals.getLast() - arrivals.getFirst()).isGreaterThanOrEqualTo(gap.toNanos() * 3 * 8 / 10);
    }

    @Test
    void sendsModelInstructionsInputToolsAndKey() throws Exception {
        var schema = new ObjectMapper().readTree("{\"type\":\"object\",\"properties\":{\"to\":{\"type\":\"string\"}}}");
        var request = new ResponseRequest("gpt-other", "Be brief.",
                List.of(InputItem.user("hi"), InputItem.assistant("hello"), InputItem.user("mail Bob")),
                List.of(new FunctionTool("send_message", "Send an email", schema)));

        openai.responses.stream(request, d -> {});

        RecordedRequest sent = openai.fake.lastRequest(Endpoint.RESPONSES);
        assertThat(sent.authorization()).isEqualTo("Bearer " + OpenAiFixture.KEY);
        assertThat(sent.body().path("model").asText()).isEqualTo("gpt-other");
        assertThat(sent.instructions()).isEqualTo("Be brief.");
        assertThat(sent.streaming()).isTrue();
        assertThat(sent.input()).hasSize(3);
        assertThat(sent.input().get(1).path("role").asText()).isEqualTo("assistant");
        assertThat(sent.input().get(2).path("content").asText()).isEqualTo("mail Bob");
        assertThat(sent.tools().get(0).path("type").asText()).isEqualTo("function");
        assertThat(sent.tools().get(0).path("name").asText()).isEqualTo("send_message");
        assertThat(sent.tools().get(0).path("parameters")).isEqualTo(schema);
    }

    @Test
    void nullModelMeansTheConfiguredChatModel() {
        openai.responses.stream(OpenAiFixture.ask("x"), d -> {});
        assertThat(openai.fake.lastRequest(Endpoint.RESPONSES).body().path("model").asText()).isEqualTo("gpt-test");
    }
}
