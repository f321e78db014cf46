package donna.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import donna.core.chat.ChatReply;
import donna.core.chat.ChatRequest;
import donna.core.chat.MessagePage;
import donna.core.chat.Profile;
import donna.core.chat.SessionPage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackendClientTest {
    private static final String DONE = "{\"success\":true,\"reply\":\"Hello there\",\"action\":\"chat\","
            + "\"metadata\":{\"profile\":\"sales\",\"abuse_detected\":false,\"chat_id\":\"c1\",\"authenticated\":true}}";

    private final StubServer stub;
    private final List<Duration> waits = new ArrayList<>();

    BackendClientTest() throws IOException {
        stub = new StubServer();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private BackendClient client(URI uri) {
        return BackendClient.builder(uri).token(() -> Optional.of("s3cret")).user("local")
                .retry(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(150)), waits::add).build();
    }

    @Test
    void sendsBearerTokenAndUserHeader() {
        stub.on("GET /api/me", StubServer.Answer.json(200,
                "{\"success\":true,\"auth\":\"internal\",\"user\":{\"id\":\"u1\",\"clerk_id\":\"local\",\"email\":null}}"));

        Me me = client(stub.uri()).me();

        assertThat(me.auth()).isEqualTo("internal");
        assertThat(me.user()).contains(new Me.User("u1", "local", null));
        assertThat(stub.seen.getFirst().header("Authorization")).isEqualTo("Bearer s3cret");
        assertThat(stub.seen.getFirst().header("X-Donna-User")).isEqualTo("local");
    }

    @Test
    void streamsDeltasThenReturnsTheDoneObject() {
        String sse = "event: delta\ndata: {\"text\":\"Hel\"}\n\n"
                + ": comment\n"
                + "event: delta\ndata: {\"text\":\ndata: \"lo there\"}\n\n"
                + "event: done\ndata: " + DONE + "\n\n";
        stub.on("POST /api/chat", new StubServer.Answer(200, "text/event-stream", sse, Map.of()));
        List<String> deltas = new ArrayList<>();

        ChatReply reply = client(stub.uri()).chatStream(new ChatRequest("hi", null, Profile.SALES), deltas::add);

        assertThat(deltas).containsExactly("Hel", "lo there");
        assertThat(reply.reply()).isEqualTo("Hello there");
        assertThat(reply.metadata().chatId()).isEqualTo("c1");
        assertThat(reply.metadata().profile()).isEqualTo(Profile.SALES);
        assertThat(stub.seen.getFirst().header("Accept")).isEqualTo("text/event-stream");
        assertThat(stub.seen.getFirst().body()).contains("\"profile\":\"sales\"").doesNotContain("chat_id");
    }

    @Test
    void anErrorEventInTheStreamThrowsTheEnvelope() {
        String sse = "event: delta\ndata: {\"text\":\"Hel\"}\n\nevent: error\ndata: {\"success\":false,\"error\":"
                + "{\"code\":\"upstream_timeout\",\"message\":\"OpenAI took too long\",\"traceId\":\"t9\"}}\n\n";
        stub.on("POST /api/chat", new StubServer.Answer(200, "text/event-stream", sse, Map.of()));

        ServiceException e = catchThrowableOfType(ServiceException.class,
                () -> client(stub.uri()).chatStream(new ChatRequest("hi", "c1", null), d -> { }));

        assertThat(e.error().code()).isEqualTo("upstream_timeout");
        assertThat(e.error().traceId()).isEqualTo("t9");
    }

    @Test
    void aStreamThatStopsWithoutDoneIsRetryable() {
        stub.on("POST /api/chat", new StubServer.Answer(200, "text/event-stream",
                "event: delta\ndata: {\"text\":\"Hel\"}\n\n", Map.of()));

        ServiceException e = catchThrowableOfType(ServiceException.class,
                () -> client(stub.uri()).chatStream(new ChatRequest("hi", null, null), d -> { }));

        assertThat(e.error().code()).isEqualTo("stream_interrupted");
        assertThat(e.error().retryable()).isTrue();
    }

    @Test
    void mapsTheErrorEnvelopeWithStatus() {
        stub.on("POST /api/chat", new StubServer.Answer(429, "application/json", "{\"success\":false,\"error\":"
                + "{\"code\":\"rate_limited\",\"message\":\"Slow down\",\"traceId\":\"t1\"}}", Map.of("Retry-After", "3")));

        ServiceException e = catchThrowableOfType(ServiceException.class,
                () -> client(stub.uri()).chat(new ChatRequest("hi", null, null)));

        assertThat(e.error()).isEqualTo(new donna.core.ServiceError(429, "rate_limited", "Slow down", "t1"));
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
    }

    @Test
    void aBodyThatIsNoEnvelopeStillMapsWithTheTraceHeader() {
        stub.on("DELETE /api/chat/sessions/c 1", new StubServer.Answer(500, "text/html", "<h1>oops</h1>",
                Map.of("X-Trace-Id", "t-h")));

        ServiceException e = catchThrowableOfType(ServiceException.class,
                () -> client(stub.uri()).deleteSession("c 1"));

        assertThat(e.error().status()).isEqualTo(500);
        assertThat(e.error().code()).isEqualTo("http_500");
        assertThat(e.error().traceId()).isEqualTo("t-h");
        assertThat(stub.seen.getFirst().uri()).isEqualTo("/api/chat/sessions/c%201");
    }

    @Test
    void retriesAGetOn503WithGrowingBackoff() {
        String busy = "{\"success\":false,\"error\":{\"code\":\"upstream_unavailable\",\"message\":\"busy\"}}";
        stub.on("GET /api/chat/sessions", StubServer.Answer.json(503, busy), StubServer.Answer.json(503, busy),
                StubServer.Answer.json(200, "{\"success\":true,\"sessions\":[{\"chat_id\":\"c1\",\"title\":\"Pricing\","
                        + "\"profile\":\"sales\",\"created_at\":\"2026-11-22T12:00:00Z\",\"last_message_at\":"
                        + "\"2026-11-22T12:05:00+00:00\",\"last_message\":\"Sure\"}],\"next_offset\":20}"));

        SessionPage page = client(stub.uri()).sessions(20, 0, "price plan");

        assertThat(page.sessions()).singleElement().satisfies(s -> {
            assertThat(s.title()).isEqualTo("Pricing");
            assertThat(s.lastMessageAt()).hasToString("2026-11-22T12:05:00Z");
        });
        assertThat(page.nextOffset()).hasValue(20);
        assertThat(stub.seen).hasSize(3);
        assertThat(stub.seen.getFirst().uri()).isEqualTo("/api/chat/sessions?limit=20&offset=0&q=price%20plan");
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(150));
    }

    @Test
    void givesUpAfterTheLastAttemptWith503() {
        stub.on("GET /api/memory", StubServer.Answer.json(503, "{\"success\":false,\"error\":"
                + "{\"code\":\"upstream_unavailable\",\"message\":\"busy\"}}"));

        ServiceException e = catchThrowableOfType(ServiceException.class, () -> client(stub.uri()).memory());

        assertThat(e.error().status()).isEqualTo(503);
        assertThat(stub.seen).hasSize(3);
    }

    @Test
    void doesNotRetryAPost() {
        stub.on("POST /api/chat", StubServer.Answer.json(503, "{\"success\":false,\"error\":"
                + "{\"code\":\"upstream_unavailable\",\"message\":\"busy\"}}"));

        catchThrowableOfType(ServiceException.class, () -> client(stub.uri()).chat(new ChatRequest("x", null, null)));

        assertThat(stub.seen).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void anUnreachableServiceIsStatusZeroAfterRetries() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }

        ServiceException e = catchThrowableOfType(ServiceException.class,
                () -> client(URI.create("http://127.0.0.1:" + port)).health());

        assertThat(e.error().status()).isZero();
        assertThat(e.error().code()).isEqualTo("unreachable");
        assertThat(waits).hasSize(2);
    }

    @Test
    void readsMessagesRenamesAndStoresMemory() {
        stub.on("GET /api/chat/sessions/c1/messages", StubServer.Answer.json(200, "{\"success\":true,\"messages\":["
                + "{\"id\":\"m1\",\"role\":\"user\",\"content\":\"hi\",\"source\":\"chat\",\"created_at\":"
                + "\"2026-11-22T12:00:00Z\"},{\"id\":\"m2\",\"role\":\"assistant\",\"content\":\"1 found\","
                + "\"source\":\"chat\",\"tool_steps\":[{\"call_id\":\"c\",\"name\":\"search_mail\",\"status\":"
                + "\"done\",\"summary\":\"1 found\",\"duration_ms\":9}]}],\"has_more\":true}"));
        stub.on("PATCH /api/chat/sessions/c1", StubServer.Answer.json(200, "{\"success\":true,\"session\":"
                + "{\"chat_id\":\"c1\",\"title\":\"New name\",\"profile\":\"general\"}}"));
        stub.on("PUT /api/memory", StubServer.Answer.json(200, "{\"success\":true}"));
        BackendClient client = client(stub.uri());

        MessagePage page = client.messages("c1", 50, "m9");
        assertThat(page.hasMore()).isTrue();
        assertThat(page.messages().getFirst().fromUser()).isTrue();
        assertThat(page.messages().getFirst().toolSteps()).isEmpty();
        assertThat(page.messages().get(1).toolSteps()).singleElement()
                .satisfies(step -> assertThat(step.name()).isEqualTo("search_mail"));
        assertThat(client.renameSession("c1", "New name").title()).isEqualTo("New name");
        client.putMemory("tone", JsonNodeFactory.instance.textNode("formal"));

        assertThat(stub.seen.get(0).uri()).isEqualTo("/api/chat/sessions/c1/messages?limit=50&before=m9");
        assertThat(stub.seen.get(1).body()).isEqualTo("{\"title\":\"New name\"}");
        assertThat(stub.seen.get(2).body()).isEqualTo("{\"key\":\"tone\",\"value\":\"formal\"}");
    }
}
