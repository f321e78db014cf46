package donna.backend.relay;

import static donna.backend.support.TestService.internalAs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.config.BackendConfig;
import donna.backend.support.Await;
import donna.backend.support.TestService;
import donna.standins.openai.FakeOpenAi;
import donna.standins.realtime.FakeRealtimeConversation;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/realtime/ws} (issue 16, the relay) against a real service and the fake OpenAI's Realtime
 * WebSocket: events both ways with the service's key, and every refusal (credential, origin, caps, time limits).
 */
class TestRealtimeRelay {
    private static final String SERVER_KEY = "sk-relay-test-key";
    private static final String APP_ORIGIN = "https://app.example.com";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final FakeOpenAi openai = FakeOpenAi.start();
    private static final OkHttpClient http = new OkHttpClient();
    private static TestService service;
    private static TestService idleService;
    private static TestService meteredService;
    private final List<Client> clients = new ArrayList<>();

    @BeforeAll
    static void start(@TempDir Path dir, @TempDir Path idleDir, @TempDir Path meteredDir) {
        service = TestService.start(dir, relay(new BackendConfig.Relay(true, 3, 2, Duration.ofMinutes(2),
                Duration.ofMinutes(30))), List.of());
        idleService = TestService.start(idleDir, relay(new BackendConfig.Relay(true, 3, 2, Duration.ofMillis(700),
                Duration.ofMinutes(30))), List.of());
        // One live voice session per user, held in PostgreSQL: what a shared deployment's instances agree on.
        meteredService = TestService.start(meteredDir, relay(new BackendConfig.Relay(true, 3, 2,
                Duration.ofMinutes(2), Duration.ofMinutes(30)), 1), List.of());
    }

    private static UnaryOperator<BackendConfig> relay(BackendConfig.Relay relay) {
        return relay(relay, 0);
    }

    /** @param liveSessions the voice budget's cap on one user's live sessions (0: none) */
    private static UnaryOperator<BackendConfig> relay(BackendConfig.Relay relay, int liveSessions) {
        return c -> c.withAllowedOrigins(List.of(APP_ORIGIN)).withOpenAi(new BackendConfig.OpenAi(
                Optional.of(SERVER_KEY), openai.baseUrl(), "gpt-test", "gpt-realtime-test", Duration.ofSeconds(5),
                new BackendConfig.Realtime("cedar", 60, 1_000, 0, liveSessions).withRelay(relay)));
    }

    @AfterAll
    static void stop() {
        service.close();
        idleService.close();
        meteredService.close();
        openai.close();
        http.dispatcher().executorService().shutdown();
    }

    @BeforeEach
    void script() {
        openai.reset();
        openai.requireApiKey(SERVER_KEY);
        openai.realtime().acceptProjectKey(SERVER_KEY);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(c -> c.socket.cancel());
    }

    @Test
    void events_go_both_ways_over_the_services_key_in_a_session_configured_like_a_minted_one() throws Exception {
        openai.realtime().hear("What's on today?").answer("Two meetings.");
        Client app = connect(service, internalAs("relay-user"));

        FakeRealtimeConversation call = openai.realtime().awaitConversation(1, WAIT);
        call.awaitReceived("session.update", WAIT);
        // The instructions, voice and tools the service would have minted; push-to-talk.
        JsonNode session = call.session();
        assertThat(session.path("audio").path("output").path("voice").asText()).isEqualTo("cedar");
        assertThat(session.path("audio").path("input").get("turn_detection").isNull()).isTrue();
        assertThat(session.path("tools").size()).isGreaterThanOrEqualTo(10);
        assertThat(session.path("instructions").asText()).contains("confirm_action");

        byte[] pcm = new byte[24_000 / 10 * 2 * 5]; // half a second of 24 kHz PCM16 (silence is audio too)
        for (int i = 0; i < pcm.length; i += 2) {
            pcm[i] = (byte) (i % 64);
        }
        app.send("{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + Base64.getEncoder().encodeToString(pcm)
                + "\"}");
        app.send("{\"type\":\"input_audio_buffer.commit\"}");
        app.send("{\"type\":\"response.create\"}");

        call.awaitReceived("response.create", WAIT);
        assertThat(call.microphoneMillis()).as("the app's audio reached OpenAI").isGreaterThanOrEqualTo(500);
        assertThat(app.awaitType("response.output_audio.delta").path("delta").asText()).isNotEmpty();
        assertThat(app.awaitType("response.done")).isNotNull();
        assertThat(app.awaitType("conversation.item.input_audio_transcription.completed").path("transcript")
                .asText()).isEqualTo("What's on today?");
        assertThat(app.received).as("OpenAI's events reach the app").anyMatch(e -> e.contains("session.updated"));
    }

    @Test
    void a_missing_or_bad_credential_closes_with_1008_and_nothing_reaches_openai() throws Exception {
        Client none = connect(service);
        Client bad = connect(service, "Authorization", "Bearer not-a-token");

        assertThat(none.closeCode()).isEqualTo(1008);
        assertThat(bad.closeCode()).isEqualTo(1008);
        assertThat(openai.realtime().conversations()).isEmpty();
    }

    @Test
    void a_foreign_origin_is_refused_before_the_upgrade_and_the_apps_own_is_let_in() throws Exception {
        Client foreign = connect(service, merge(internalAs("origin-user"), "Origin", "https://evil.example"));
        assertThat(foreign.refusedStatus()).isEqualTo(403);

        Client own = connect(service, merge(internalAs("origin-user"), "Origin", APP_ORIGIN));
        assertThat(own.awaitType("session.updated")).isNotNull();
    }

    @Test
    void past_the_per_user_cap_a_connection_is_told_to_try_later_and_a_freed_place_is_reused() throws Exception {
        Client first = connect(service, internalAs("capped-user"));
        Client second = connect(service, internalAs("capped-user"));
        first.awaitType("session.updated");
        second.awaitType("session.updated");

        Client third = connect(service, internalAs("capped-user"));
        assertThat(third.closeCode()).isEqualTo(1013);
        assertThat(third.reason).contains("Too many relayed voice sessions");

        first.socket.close(1000, "done");
        first.closeCode();
        Client again = awaitAdmitted(internalAs("capped-user"));
        assertThat(again.awaitType("session.updated")).isNotNull();
    }

    @Test
    void a_relayed_connection_is_a_voice_session_under_the_users_budget() throws Exception {
        Client first = connect(meteredService, internalAs("metered-user"));
        first.awaitType("session.updated");

        Client second = connect(meteredService, internalAs("metered-user"));
        assertThat(second.closeCode()).isEqualTo(1013);
        assertThat(second.reason).contains("voice session");
        // A minted secret is refused the same way while the relayed session lives: one budget for both paths.
        assertThat(meteredService.http().post("/api/realtime/token", "", internalAs("metered-user")).status())
                .isEqualTo(429);
    }

    @Test
    void a_connection_without_frames_from_the_app_is_closed_as_idle_and_its_openai_side_too() throws Exception {
        Client quiet = connect(idleService, internalAs("quiet-user"));
        FakeRealtimeConversation call = openai.realtime().awaitConversation(1, WAIT);

        assertThat(quiet.closeCode()).isEqualTo(1000);
        assertThat(quiet.reason).contains("without a frame from the app");
        Await.until(WAIT, "the OpenAI side closed too", call::isClosed);
    }

    @Test
    void binary_frames_are_refused() throws Exception {
        Client app = connect(service, internalAs("binary-user"));
        app.awaitType("session.updated");
        app.socket.send(okio.ByteString.of(new byte[] {1, 2, 3}));

        assertThat(app.closeCode()).isEqualTo(1003);
    }

    // ---- helpers

    /** After a close, the service gives the place back a moment later: connect until it admits (bounded). */
    private Client awaitAdmitted(String... headers) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Client c = connect(service, headers);
            String first = c.next();
            if (first != null && first.contains("session.created")) {
                return c;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never admitted again; last close " + c.code.getNow(null) + " " + c.reason);
            }
        }
    }

    private static String[] merge(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private Client connect(TestService target, String... headers) {
        URI base = target.service().baseUri();
        Request.Builder request = new Request.Builder().url(base.resolve(RealtimeRelay.PATH).toString());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        Client client = new Client();
        client.socket = http.newWebSocket(request.build(), client);
        clients.add(client);
        return client;
    }

    /** The app's side: every event it receives, and how its socket ended. */
    private static final class Client extends WebSocketListener {
        final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
        final List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> code = new CompletableFuture<>();
        final CompletableFuture<Integer> refused = new CompletableFuture<>();
        volatile String reason = "";
        WebSocket socket;

        void send(String text) {
            assertThat(socket.send(text)).isTrue();
        }

        String next() throws InterruptedException {
            return inbox.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }

        JsonNode awaitType(String type) throws Exception {
            long deadline = System.nanoTime() + WAIT.toNanos();
            for (String seen : received) {
                JsonNode event = JSON.readTree(seen);
                if (event.path("type").asText().equals(type)) {
                    return event;
                }
            }
            while (System.nanoTime() < deadline) {
                String text = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (text == null) {
                    break;
                }
                JsonNode event = JSON.readTree(text);
                if (event.path("type").asText().equals(type)) {
                    return event;
                }
            }
            throw new AssertionError("no " + type + " event; received " + received.stream()
                    .map(t -> t.length() > 80 ? t.substring(0, 80) : t).toList() + "; closed " + code.getNow(null));
        }

        int closeCode() throws Exception {
            return code.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }

        int refusedStatus() throws Exception {
            return refused.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            received.add(text);
            inbox.add(text);
        }

        @Override
        public void onClosing(WebSocket webSocket, int status, String why) {
            reason = why;
            code.complete(status);
            webSocket.close(1000, null);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            if (response != null) {
                refused.complete(response.code());
            }
            code.complete(-1);
        }
    }
}
