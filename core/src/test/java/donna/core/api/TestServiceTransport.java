package donna.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import donna.core.chat.ChatRequest;
import donna.core.mail.OutgoingMail;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.junit.jupiter.api.Test;

/** How calls to the service behave on the wire: no hidden retries, interrupts, timeouts, redirects, TLS choice. */
class TestServiceTransport {
    private static final String HEALTHY = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + "Content-Length: 30\r\n\r\n{\"success\":true,\"status\":\"ok\"}";
    private static final String STREAM_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n";

    private final List<Duration> waits = new ArrayList<>();

    private BackendClient client(URI uri) {
        return BackendClient.builder(uri).token(() -> Optional.of("s3cret")).user("local")
                .retry(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(150)), waits::add).build();
    }

    @Test
    void aPostOnADroppedConnectionIsNeverSentAgain() throws Exception {
        // A first call leaves a pooled connection behind; the send goes out on it and the line drops. OkHttp's own
        // retry would now send it again on a new connection.
        try (RawServer server = new RawServer("", RawServer.Then.DROP, HEALTHY)) {
            BackendClient client = client(server.uri());
            client.health();
            assertThat(server.awaitRequest()).isEqualTo("GET /api/health HTTP/1.1");

            ServiceException e = catchThrowableOfType(ServiceException.class,
                    () -> client.send(OutgoingMail.to("ann@example.com", "Hi", "Body"), "key-12345678"));

            assertThat(e.error().code()).isEqualTo("unreachable");
            assertThat(server.awaitRequest()).isEqualTo("POST /api/gmail/send HTTP/1.1");
            assertThat(server.pending()).as("the send went out once").isZero();
            assertThat(waits).isEmpty();
        }
    }

    @Test
    void aGetOnADroppedConnectionIsRetriedByThePolicy() throws Exception {
        try (RawServer server = new RawServer("", RawServer.Then.DROP)) {
            ServiceException e = catchThrowableOfType(ServiceException.class, () -> client(server.uri()).memory());

            assertThat(e.error().code()).isEqualTo("unreachable");
            for (int i = 0; i < 3; i++) {
                assertThat(server.awaitRequest()).isEqualTo("GET /api/memory HTTP/1.1");
            }
            assertThat(server.pending()).isZero();
            assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(150));
        }
    }

    @Test
    void anInterruptCancelsACallWaitingForItsAnswer() throws Exception {
        try (RawServer server = new RawServer("", RawServer.Then.SILENCE)) {
            Outcome outcome = Outcome.run(() -> client(server.uri()).health());
            assertThat(server.awaitRequest()).isEqualTo("GET /api/health HTTP/1.1");

            outcome.thread.interrupt();

            ServiceException e = outcome.failure();
            assertThat(e.error().status()).isZero();
            assertThat(e.error().code()).isEqualTo("cancelled");
            assertThat(outcome.stillInterrupted).as("the interrupt is kept for the caller").isTrue();
            assertThat(server.pending()).as("a cancelled GET is not retried").isZero();
            assertThat(waits).isEmpty();
        }
    }

    @Test
    void anInterruptCancelsAStreamingReply() throws Exception {
        CountDownLatch firstDelta = new CountDownLatch(1);
        try (RawServer server = new RawServer(STREAM_HEAD + "event: delta\ndata: {\"text\":\"Hel\"}\n\n",
                RawServer.Then.SILENCE)) {
            Outcome outcome = Outcome.run(() -> client(server.uri())
                    .chatStream(new ChatRequest("hi", null, null), d -> firstDelta.countDown()));
            assertThat(firstDelta.await(10, TimeUnit.SECONDS)).isTrue();

            outcome.thread.interrupt();

            assertThat(outcome.failure().error().code()).isEqualTo("cancelled");
        }
    }

    @Test
    void anInterruptBeforeTheCallCancelsIt() throws Exception {
        try (StubServer stub = new StubServer()) {
            stub.on("GET /api/health", StubServer.Answer.json(200, "{\"success\":true,\"status\":\"ok\"}"));
            BackendClient client = client(stub.uri());

            Outcome outcome = Outcome.run(() -> {
                Thread.currentThread().interrupt();
                return client.health();
            });

            assertThat(outcome.failure().error().code()).isEqualTo("cancelled");
            assertThat(stub.seen).isEmpty();
        }
    }

    @Test
    void aSilentServiceTimesOutAsUnreachable() throws Exception {
        try (RawServer server = new RawServer("", RawServer.Then.SILENCE)) {
            BackendClient client = BackendClient.builder(server.uri()).retry(RetryPolicy.none(), waits::add)
                    .requestTimeout(Duration.ofMillis(300)).build();

            ServiceException e = catchThrowableOfType(ServiceException.class, client::health);

            assertThat(e.error().code()).isEqualTo("unreachable");
            assertThat(e.error().message()).contains("timed out");
        }
    }

    @Test
    void aStreamCutOffMidwayIsAConnectionLost() throws Exception {
        try (RawServer server = new RawServer(STREAM_HEAD.replace("\r\n\r\n", "\r\nContent-Length: 500\r\n\r\n")
                + "event: delta\ndata: {\"text\":\"Hel\"}\n\n", RawServer.Then.DROP)) {
            List<String> deltas = new ArrayList<>();

            ServiceException e = catchThrowableOfType(ServiceException.class,
                    () -> client(server.uri()).chatStream(new ChatRequest("hi", null, null), deltas::add));

            assertThat(deltas).containsExactly("Hel");
            assertThat(e.error().code()).isEqualTo("unreachable");
            assertThat(e.error().message()).contains("connection lost while streaming");
        }
    }

    @Test
    void aRedirectIsAnAnswerNotFollowed() throws Exception {
        try (StubServer stub = new StubServer()) {
            stub.on("GET /api/me", new StubServer.Answer(302, "text/plain", "", Map.of("Location", "/elsewhere")));

            ServiceException e = catchThrowableOfType(ServiceException.class, () -> client(stub.uri()).me());

            assertThat(e.error().status()).isEqualTo(302);
            assertThat(stub.seen).hasSize(1);
        }
    }

    @Test
    void theBundledServiceIsReachedInCleartextAndARemoteOneOverTls() {
        OkHttpClient local = ServiceConnections.forBase(URI.create("http://127.0.0.1:8080"));
        OkHttpClient remote = ServiceConnections.forBase(URI.create("https://donna.example.com"));

        assertThat(local.connectionSpecs()).containsExactly(ConnectionSpec.CLEARTEXT);
        assertThat(remote.connectionSpecs()).contains(ConnectionSpec.MODERN_TLS);
        for (OkHttpClient client : List.of(local, remote)) {
            assertThat(client.protocols()).containsExactly(Protocol.HTTP_1_1);
            assertThat(client.retryOnConnectionFailure()).isFalse();
            assertThat(client.connectTimeoutMillis()).isEqualTo(5_000);
        }
    }

    /** A call on its own platform thread (the case a plain socket would not notice an interrupt in). */
    private static final class Outcome {
        private final CompletableFuture<Object> result = new CompletableFuture<>();
        private volatile boolean stillInterrupted;
        private Thread thread;

        static Outcome run(ThrowingCall call) {
            Outcome outcome = new Outcome();
            outcome.thread = Thread.ofPlatform().daemon().start(() -> {
                try {
                    outcome.result.complete(call.call());
                } catch (Throwable t) {
                    outcome.stillInterrupted = Thread.currentThread().isInterrupted();
                    outcome.result.completeExceptionally(t);
                }
            });
            return outcome;
        }

        ServiceException failure() {
            ExecutionException e = catchThrowableOfType(ExecutionException.class,
                    () -> result.get(10, TimeUnit.SECONDS));
            assertThat(e).as("the call failed within 10 s").isNotNull();
            assertThat(e.getCause()).isInstanceOf(ServiceException.class);
            return (ServiceException) e.getCause();
        }
    }

    @FunctionalInterface
    private interface ThrowingCall {
        Object call() throws Exception;
    }
}
