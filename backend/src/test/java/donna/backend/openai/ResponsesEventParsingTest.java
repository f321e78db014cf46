package donna.backend.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** The event stream read as bytes with the streaming parser: only the fields that matter, in any order. */
class ResponsesEventParsingTest {
    private final List<String> deltas = new ArrayList<>();
    private final SseStream sse = new SseStream(new JsonFactory(), deltas::add);

    private ResponseResult read(String stream) throws IOException {
        return sse.read(new Buffer().writeUtf8(stream));
    }

    @Test
    void fieldsAreFoundInAnyOrderAndNestedObjectsAreSkipped() throws IOException {
        ResponseResult result = read("""
                event: response.created
                data: {"response":{"id":"r1","output":[{"type":"message","content":[{"text":"x"}]}]},"type":"response.created"}

                data: {"delta":"Hé ","item_id":"m1","type":"response.output_text.delta"}

                data: {"type":"response.output_text.delta","obfuscation":{"a":[1,2,{"b":null}]},"delta":"there"}

                data: {"item":{"arguments":"{\\"to\\":\\"Bob\\"}","id":"f1","call_id":"c1","name":"send_message","type":"function_call"},"type":"response.output_item.done"}

                data: {"type":"response.output_item.done","item":{"type":"function_call","name":"read_mail","call_id":"c2","arguments":"{}"}}

                data: {"type":"response.completed","response":{"status":"completed","usage":{"total_tokens":9}}}
                """);

        assertThat(deltas).containsExactly("Hé ", "there");
        assertThat(result.text()).isEqualTo("Hé there");
        assertThat(result.functionCalls()).containsExactly(new FunctionCall("c1", "send_message", "{\"to\":\"Bob\"}"),
                new FunctionCall("c2", "read_mail", "{}"));
    }

    @Test
    void crLfLinesDataSplitOverSeveralLinesAndALastEventWithoutItsBlankLine() throws IOException {
        ResponseResult result = read("data: {\"type\":\"response.output_text.delta\",\r\ndata: \"delta\":\"ok\"}\r\n\r\n"
                + "data: {\"type\":\"response.completed\"}");
        assertThat(result.text()).isEqualTo("ok");
    }

    @Test
    void aFailedResponseCarriesItsNestedMessage() {
        assertThatThrownBy(() -> read("""
                data: {"type":"response.failed","response":{"id":"r","error":{"code":"server_error","message":"overloaded"}}}

                """)).isInstanceOf(RetryableFailure.class).hasMessageContaining("overloaded");
    }

    @Test
    void anErrorEventAfterTextIsNotRetryable() {
        assertThatThrownBy(() -> read("""
                data: {"type":"response.output_text.delta","delta":"half"}

                data: {"type":"error","error":{"message":"stream reset"}}

                """)).isExactlyInstanceOf(OpenAiUnavailableException.class).hasMessageContaining("stream reset");
        assertThat(deltas).containsExactly("half");
    }

    @Test
    void anEventThatIsNotJsonIsUnreadable() {
        assertThatThrownBy(() -> read("data: [1,2]\n\n")).isInstanceOf(OpenAiUnavailableException.class)
                .hasMessageContaining("unreadable");
    }

    @Test
    void aStreamThatStopsBeforeCompletedIsCutOff() {
        assertThatThrownBy(() -> read("data: {\"type\":\"response.output_text.delta\",\"delta\":\"a\"}\n\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("response.completed");
    }
}
