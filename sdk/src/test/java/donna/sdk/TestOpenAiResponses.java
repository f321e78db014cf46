package donna.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An OpenAI Responses call recorded as messages, from its JSON alone. */
class TestOpenAiResponses {
    private static final Instant SENT = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant ANSWERED = SENT.plusMillis(1_250);

    private static final String RESPONSE = """
            {"id":"resp_1","object":"response","status":"completed","model":"gpt-5-mini",
             "output":[
               {"type":"reasoning","id":"rs_1","summary":[]},
               {"type":"function_call","name":"get_order","arguments":"{\\"id\\":4711}","call_id":"call_1"},
               {"type":"message","role":"assistant","content":[{"type":"output_text","text":"It ships "},
                 {"type":"output_text","text":"tomorrow."}]}],
             "usage":{"input_tokens":42,"output_tokens":7,"total_tokens":49}}""";

    @Test
    void a_first_turn_records_instructions_input_and_output() {
        String request = """
                {"model":"gpt-5-mini","instructions":"You are a shop assistant.","input":"Where is my order?"}""";
        List<Message> messages = OpenAiResponses.messages(request, RESPONSE, SENT, ANSWERED);

        assertThat(messages).extracting(Message::role).containsExactly(Role.SYSTEM, Role.USER, Role.TOOL,
                Role.ASSISTANT);
        assertThat(messages).extracting(Message::content).containsExactly("You are a shop assistant.",
                "Where is my order?", "get_order({\"id\":4711})", "It ships tomorrow.");
        assertThat(messages.get(0).timestamp()).isEqualTo(SENT);
        assertThat(messages.get(1).timestamp()).isEqualTo(SENT.plusNanos(1_000));
        assertThat(messages.get(2).timestamp()).isEqualTo(ANSWERED);
        assertThat(messages.get(2).metadata()).containsEntry("call_id", "call_1").containsEntry("name", "get_order");
        assertThat(messages.get(3).metadata()).containsEntry("latency_ms", 1_250L)
                .containsEntry("model", "gpt-5-mini").containsEntry("response_id", "resp_1")
                .containsEntry("input_tokens", 42L).containsEntry("output_tokens", 7L);
    }

    @Test
    void resending_the_history_records_only_what_is_new() {
        String request = """
                {"model":"gpt-5-mini","instructions":"You are a shop assistant.","input":[
                  {"role":"developer","content":"Be brief."},
                  {"role":"user","content":[{"type":"input_text","text":"Where is my order?"}]},
                  {"type":"function_call","name":"get_order","arguments":"{}","call_id":"call_1"},
                  {"type":"function_call_output","call_id":"call_1","output":"{\\"status\\":\\"packed\\"}"},
                  {"role":"assistant","content":"It ships tomorrow."},
                  {"role":"user","content":[{"type":"input_text","text":"Can it be faster?"},
                    {"type":"input_image","image_url":"https://example.com/x.png"}]}]}""";
        String response = """
                {"id":"resp_2","status":"completed","model":"gpt-5-mini","output":[
                  {"type":"message","role":"assistant","content":[{"type":"refusal","refusal":"I can't change that."}]}]}""";
        List<Message> messages = OpenAiResponses.messages(request, response, SENT, ANSWERED);
        assertThat(messages).extracting(Message::role).containsExactly(Role.USER, Role.ASSISTANT);
        assertThat(messages.get(0).content()).isEqualTo("Can it be faster?\n[image]");
        assertThat(messages.get(1).metadata()).containsEntry("refusal", true);
    }

    @Test
    void tool_outputs_after_a_function_call_are_tool_messages() {
        String request = """
                {"model":"m","previous_response_id":"resp_1","instructions":"ignored on later turns","input":[
                  {"type":"function_call_output","call_id":"call_1","output":"error: no such order"}]}""";
        List<Message> messages = OpenAiResponses.messages(request, "{\"status\":\"completed\",\"output\":[]}", SENT,
                ANSWERED);
        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.role()).isEqualTo(Role.TOOL);
            assertThat(m.content()).isEqualTo("error: no such order");
            assertThat(m.metadata()).containsEntry("call_id", "call_1");
        });
    }

    @Test
    void a_failed_response_is_an_assistant_error() {
        String response = """
                {"id":"resp_3","status":"failed","error":{"code":"server_error","message":"The model crashed"},
                 "output":[]}""";
        List<Message> messages = OpenAiResponses.messages("{\"input\":\"hi\"}", response, SENT, ANSWERED);
        assertThat(messages.getLast().role()).isEqualTo(Role.ASSISTANT);
        assertThat(messages.getLast().content()).isEqualTo("Error: The model crashed");
        assertThat(messages.getLast().metadata()).containsEntry("error", "server_error");
    }

    @Test
    void record_times_the_call_and_tracks_it_and_a_call_that_throws_is_tracked_as_an_error() throws IOException {
        try (StandInService service = new StandInService();
                Insights insights = Insights.builder().apiKey("dk_x_y").baseUrl(service.base()).build()) {
            String answer = OpenAiResponses.record(insights, "chat-1",
                    "{\"model\":\"m\",\"input\":\"Where is my order?\"}", req -> RESPONSE);
            assertThat(answer).isEqualTo(RESPONSE);
            assertThatThrownBy(() -> OpenAiResponses.record(insights, "chat-2",
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"input\":\"hi\"}"),
                    req -> { throw new IllegalStateException("secret detail"); }))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(insights.flush(Duration.ofSeconds(20))).isTrue();

            var requests = service.requests();
            assertThat(requests).extracting(StandInService.Request::externalId).containsExactly("chat-1", "chat-2");
            assertThat(requests.get(0).messages()).isEqualTo(3);
            var failed = requests.get(1).body().path("messages");
            assertThat(failed.get(1).path("metadata").path("error").asText()).isEqualTo("IllegalStateException");
            assertThat(failed.toString()).doesNotContain("secret detail");
        }
    }
}
