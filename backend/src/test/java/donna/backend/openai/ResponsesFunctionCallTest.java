package donna.backend.openai;

import static org.assertj.core.api.Assertions.assertThat;

import donna.standins.openai.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResponsesFunctionCallTest {
    private static final String ARGS = "{\"to\":\"bob@example.com\",\"subject\":\"Lunch\",\"body\":\"Noon?\"}";

    private final OpenAiFixture openai = new OpenAiFixture();

    @AfterEach
    void stop() {
        openai.close();
    }

    @Test
    void functionCallIsParsed() {
        openai.fake.replyWithFunctionCall("send_message", ARGS);
        List<String> deltas = new ArrayList<>();

        ResponseResult result = openai.responses.stream(OpenAiFixture.ask("mail Bob"), deltas::add);

        assertThat(deltas).isEmpty();
        assertThat(result.text()).isEmpty();
        assertThat(result.functionCalls()).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("send_message");
            assertThat(call.argumentsJson()).isEqualTo(ARGS);
            assertThat(call.callId()).startsWith("call_");
        });
    }

    @Test
    void severalCallsInOneResponseAreAllReadWithTheirIds() {
        openai.fake.replyWithFunctionCalls(Reply.Call.withId("call_a", "search_mail", "{\"query\":\"from:ann\"}"),
                Reply.Call.withId("call_b", "inbox_summary", "{}"));

        ResponseResult result = openai.responses.stream(OpenAiFixture.ask("two things"), d -> {});

        assertThat(result.functionCalls()).containsExactly(
                new FunctionCall("call_a", "search_mail", "{\"query\":\"from:ann\"}"),
                new FunctionCall("call_b", "inbox_summary", "{}"));
    }

    @Test
    void theCallsAndTheirOutputsGoBackAsInputItems() {
        var request = new ResponseRequest(null, "Be brief.", List.of(InputItem.user("what did Ann write?"),
                new InputItem.Call("call_a", "search_mail", "{\"query\":\"from:ann\"}"),
                new InputItem.CallOutput("call_a", "{\"messages\":[]}")), List.of());

        openai.responses.stream(request, d -> {});

        var sent = openai.fake.lastRequest(donna.standins.openai.Endpoint.RESPONSES);
        assertThat(sent.input().get(1).path("type").asText()).isEqualTo("function_call");
        assertThat(sent.input().get(1).path("name").asText()).isEqualTo("search_mail");
        assertThat(sent.input().get(1).path("arguments").asText()).isEqualTo("{\"query\":\"from:ann\"}");
        assertThat(sent.functionCalls()).extracting(c -> c.callId()).containsExactly("call_a");
        assertThat(sent.functionCallOutputs()).containsExactly(
                new donna.standins.openai.RecordedRequest.CallOutput("call_a", "{\"messages\":[]}"));
    }

    @Test
    void textThenFunctionCallGivesBoth() {
        openai.fake.reply(Reply.textThenFunctionCall("Sending it now.", "send_message", ARGS));

        ResponseResult result = openai.responses.stream(OpenAiFixture.ask("mail Bob"), d -> {});

        assertThat(result.text()).isEqualTo("Sending it now.");
        assertThat(result.functionCall()).map(FunctionCall::name).contains("send_message");
    }
}
