package donna.backend.openai;

import static org.assertj.core.api.Assertions.assertThat;

import donna.testkit.openai.Reply;
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
        assertThat(result.functionCall()).contains(new FunctionCall("send_message", ARGS));
    }

    @Test
    void textThenFunctionCallGivesBoth() {
        openai.fake.reply(Reply.textThenFunctionCall("Sending it now.", "send_message", ARGS));

        ResponseResult result = openai.responses.stream(OpenAiFixture.ask("mail Bob"), d -> {});

        assertThat(result.text()).isEqualTo("Sending it now.");
        assertThat(result.functionCall()).map(FunctionCall::name).contains("send_message");
    }
}
