package donna.core.api;

import donna.core.tools.ToolCallResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/tools/call}: the one path a voice engine runs DONNA's tools by. */
class TestBackendClientToolCall {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final StubServer stub;
    private final BackendClient client;

    TestBackendClientToolCall() throws IOException {
        stub = new StubServer();
        client = BackendClient.builder(stub.uri()).token(() -> Optional.of("s3cret")).user("local").build();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void callsAToolWithItsContextAndReadsOutputActionCardAndSummary() throws Exception {
        stub.on("POST /api/tools/call", StubServer.Answer.json(200, """
                {"success":true,"output":{"draft":{"id":"d1"}},"action":"draft_ready",
                 "card":{"id":"d1","to":["ann@example.com"],"subject":"Re: Contract"},"summary":"Drafted a reply"}"""));

        ToolCallResult result = client.callTool("draft_reply", JSON.readTree("{\"message_id\":\"m1\"}"), "chat-7",
                "call_1", "item_u3", false);

        assertThat(result.output()).isEqualTo(JSON.readTree("{\"draft\":{\"id\":\"d1\"}}"));
        assertThat(result.action()).isEqualTo("draft_ready");
        assertThat(result.card().path("subject").asText()).isEqualTo("Re: Contract");
        assertThat(result.summary()).isEqualTo("Drafted a reply");
        assertThat(JSON.readTree(stub.seen.getFirst().body())).isEqualTo(JSON.readTree("""
                {"name":"draft_reply","arguments":{"message_id":"m1"},"chat_id":"chat-7","call_id":"call_1",
                 "user_item_id":"item_u3","client_outbox":false}"""));
        assertThat(stub.seen.getFirst().header("Authorization")).isEqualTo("Bearer s3cret");
    }

    @Test
    void aToolThatFailedInItsWorkIsAnOrdinaryAnswerAndMissingContextIsLeftOut() throws Exception {
        stub.on("POST /api/tools/call", StubServer.Answer.json(200, """
                {"success":true,"output":{"error":{"code":"gmail_not_connected","message":"Connect Gmail first"}}}"""));

        ToolCallResult result = client.callTool("inbox_summary", null, null, null, null, true);

        assertThat(result.output().path("error").path("code").asText()).isEqualTo("gmail_not_connected");
        assertThat(result.action()).isNull();
        assertThat(result.card()).isNull();
        assertThat(JSON.readTree(stub.seen.getFirst().body())).isEqualTo(JSON.readTree("""
                {"name":"inbox_summary","arguments":{},"client_outbox":true}"""));
    }

    @Test
    void anUnknownToolIsTheServiceErrorAndIsNotRetried() {
        stub.on("POST /api/tools/call", StubServer.Answer.json(404, """
                {"success":false,"error":{"code":"unknown_tool","message":"No tool named nope","traceId":"t9"}}"""));

        ServiceException e = catchThrowableOfType(ServiceException.class,
                () -> client.callTool("nope", null, null, "call_1", null, false));

        assertThat(e.error().code()).isEqualTo("unknown_tool");
        assertThat(e.error().status()).isEqualTo(404);
        assertThat(stub.seen).hasSize(1);
    }
}
