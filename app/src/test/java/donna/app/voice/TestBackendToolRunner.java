package donna.app.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import donna.core.api.BackendClient;
import donna.core.api.ServiceException;
import donna.core.voice.ToolResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A spoken turn's tool call goes to {@code POST /api/tools/call} (a stub of the service on loopback). */
class TestBackendToolRunner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer = "{\"success\":true,\"output\":{}}";
    private final BackendToolRunner runner;

    TestBackendToolRunner() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/tools/call", exchange -> {
            requests.add(JSON.readTree(exchange.getRequestBody()));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        BackendClient client = BackendClient.builder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .token(() -> Optional.of("s3cret")).user("local").build();
        runner = new BackendToolRunner(() -> client, false);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void callsTheServiceWithTheCallsContextAndHandsBackWhatItAnswered() throws Exception {
        answer = """
                {"success":true,"output":{"draft":{"id":"d1"}},"action":"draft_ready",
                 "card":{"id":"d1","subject":"Re: Contract"},"summary":"Drafted a reply to Ann"}""";

        ToolResult result = runner.run("draft_reply", "{\"message_id\":\"m1\"}", "call_1", "chat-7", "item_u2")
                .join();

        assertThat(JSON.readTree(result.outputJson())).isEqualTo(JSON.readTree("{\"draft\":{\"id\":\"d1\"}}"));
        assertThat(result.action()).isEqualTo("draft_ready");
        assertThat(JSON.readTree(result.cardJson()).path("subject").asText()).isEqualTo("Re: Contract");
        assertThat(result.summary()).isEqualTo("Drafted a reply to Ann");
        assertThat(requests).containsExactly(JSON.readTree("""
                {"name":"draft_reply","arguments":{"message_id":"m1"},"chat_id":"chat-7","call_id":"call_1",
                 "user_item_id":"item_u2","client_outbox":false}"""));
    }

    @Test
    void argumentsThatAreNoObjectAreRefusedWithoutAsking() {
        ToolResult result = runner.run("search_mail", "[\"from:ann\"", "call_1", null, null).join();

        assertThat(result.failed()).isTrue();
        assertThat(result.outputJson()).contains("invalid_arguments");
        assertThat(requests).isEmpty();
    }

    @Test
    void anUnknownToolIsThrownForTheSessionToAnswerAsAnError() {
        status = 404;
        answer = """
                {"success":false,"error":{"code":"unknown_tool","message":"No tool named nope","traceId":"t1"}}""";

        ServiceException e = catchThrowableOfType(ServiceException.class,
                () -> runner.run("nope", "{}", "call_1", null, null));

        assertThat(e.error().code()).isEqualTo("unknown_tool");
    }
}
