package donna.standins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeOpenAiResponsesTest {
    private static final String STREAM = """
            {"model":"gpt-4.1-mini","instructions":"Be DONNA","stream":true,
             "input":[{"role":"user","content":"ping"}],
             "tools":[{"type":"function","name":"send_message","parameters":{"type":"object"}}]}""";

    private final FakeOpenAi openai = FakeOpenAi.start();
    private final FakeOpenAiHttp http = new FakeOpenAiHttp(openai.baseUrl());

    @AfterEach
    void stop() {
        http.close();
        openai.close();
    }

    @Test
    void streamsTheRealEventSequenceForText() throws Exception {
        openai.replyWith("Hello there, Ada");
        HttpResponse<String> response = http.post("/v1/responses", STREAM, "sk-test");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/event-stream"));
        List<JsonNode> events = FakeOpenAiHttp.events(response.body());
        assertThat(events).extracting(e -> e.path("type").asText()).containsExactly("response.created",
                "response.in_progress", "response.output_item.added", "response.content_part.added",
                "response.output_text.delta", "response.output_text.delta", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.completed");
        assertThat(events).extracting(e -> e.path("sequence_number").asInt())
                .containsExactlyElementsOf(IntStream.range(0, events.size()).boxed().toList());
        JsonNode delta = events.get(4);
        String itemId = events.get(2).path("item").path("id").asText();
        assertThat(itemId).startsWith("msg_");
        assertThat(delta.path("item_id").asText()).isEqualTo(itemId);
        assertThat(delta.path("output_index").asInt()).isZero();
        assertThat(delta.path("content_index").asInt()).isZero();
        assertThat(events.subList(4, 7)).extracting(e -> e.path("delta").asText())
                .containsExactly("Hello ", "there, ", "Ada");
        assertThat(events.get(7).path("text").asText()).isEqualTo("Hello there, Ada");
        JsonNode completed = events.getLast().path("response");
        assertThat(completed.path("status").asText()).isEqualTo("completed");
        assertThat(completed.path("output").get(0).path("content").get(0).path("text").asText())
                .isEqualTo("Hello there, Ada");
    }

    @Test
    void streamsAScriptedFunctionCall() throws Exception {
        String args = "{\"to\":\"ada@example.com\",\"body\":\"See you at noon\"}";
        openai.replyWithFunctionCall("send_message", args);
        List<JsonNode> events = FakeOpenAiHttp.events(http.post("/v1/responses", STREAM, "sk-test").body());

        JsonNode added = events.get(2);
        assertThat(added.path("type").asText()).isEqualTo("response.output_item.added");
        assertThat(added.path("item").path("type").asText()).isEqualTo("function_call");
        assertThat(added.path("item").path("name").asText()).isEqualTo("send_message");
        StringBuilder joined = new StringBuilder();
        events.stream().filter(e -> e.path("type").asText().equals("response.function_call_arguments.delta"))
                .forEach(e -> joined.append(e.path("delta").asText()));
        assertThat(joined.toString()).isEqualTo(args);
        JsonNode done = events.stream().filter(e -> e.path("type").asText().equals("response.output_item.done"))
                .findFirst().orElseThrow().path("item");
        assertThat(done.path("arguments").asText()).isEqualTo(args);
        assertThat(done.path("call_id").asText()).startsWith("call_");
        assertThat(events.getLast().path("type").asText()).isEqualTo("response.completed");
    }

    @Test
    void streamsSeveralCallsOfOneResponseEachWithItsIdAndShowsTheOutputsSentBack() throws Exception {
        openai.replyWithFunctionCalls(Reply.Call.withId("call_a", "search_mail", "{\"query\":\"from:ann\"}"),
                Reply.Call.of("inbox_summary", "{}"));
        List<JsonNode> events = FakeOpenAiHttp.events(http.post("/v1/responses", STREAM, "sk-test").body());

        List<JsonNode> done = events.stream()
                .filter(e -> e.path("type").asText().equals("response.output_item.done"))
                .map(e -> e.path("item")).toList();
        assertThat(done).extracting(i -> i.path("name").asText()).containsExactly("search_mail", "inbox_summary");
        assertThat(done.get(0).path("call_id").asText()).isEqualTo("call_a");
        assertThat(done.get(1).path("call_id").asText()).startsWith("call_").isNotEqualTo("call_a");
        assertThat(done.get(0).path("id").asText()).isNotEqualTo(done.get(1).path("id").asText());
        assertThat(events.getLast().path("response").path("output")).hasSize(2);

        String followUp = """
                {"model":"m","stream":true,"input":[{"role":"user","content":"ping"},
                 {"type":"function_call","call_id":"call_a","name":"search_mail","arguments":"{}"},
                 {"type":"function_call_output","call_id":"call_a","output":"{\\"messages\\":[]}"}]}""";
        http.post("/v1/responses", followUp, "sk-test");
        RecordedRequest recorded = openai.lastRequest(Endpoint.RESPONSES);
        assertThat(recorded.functionCalls()).containsExactly(
                new RecordedRequest.CallEcho("call_a", "search_mail", "{}"));
        assertThat(recorded.functionCallOutputs()).containsExactly(
                new RecordedRequest.CallOutput("call_a", "{\"messages\":[]}"));
    }

    @Test
    void answersInOnePieceWithoutStreamAndRecordsThePrompt() throws Exception {
        HttpResponse<String> response = http.post("/v1/responses", STREAM.replace("true", "false"), "sk-test");
        JsonNode body = FakeOpenAiHttp.JSON.readTree(response.body());

        assertThat(body.path("object").asText()).isEqualTo("response");
        assertThat(body.path("output").get(0).path("content").get(0).path("text").asText())
                .contains("ping").contains("demo mode");
        RecordedRequest recorded = openai.lastRequest(Endpoint.RESPONSES);
        assertThat(recorded.instructions()).isEqualTo("Be DONNA");
        assertThat(recorded.input().get(0).path("content").asText()).isEqualTo("ping");
        assertThat(recorded.tools().get(0).path("name").asText()).isEqualTo("send_message");
        assertThat(recorded.streaming()).isFalse();
    }
}
