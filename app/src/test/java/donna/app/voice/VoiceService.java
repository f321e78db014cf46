package donna.app.voice;

import donna.app.bundled.BundledService;
import donna.app.bundled.BundledServiceLauncher;
import donna.app.connection.ServiceEndpoint;
import donna.backend.config.BackendConfig;
import donna.core.api.BackendClient;
import donna.core.chat.ChatMessage;
import donna.core.chat.Profile;
import donna.core.voice.ExecutorVoiceScheduler;
import donna.core.voice.RealtimeTransportFactory;
import donna.core.voice.ToolRunner;
import donna.core.voice.VoiceMeter;
import donna.core.voice.VoiceSession;
import donna.core.voice.VoiceSessionListener;
import donna.standins.openai.FakeOpenAi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real service side of a voice test class, as a JUnit extension: the bundled companion service (embedded
 * Postgres, for the whole class) minting secrets at a fake OpenAI, a client acting as the app's user
 * ({@code local}), and per test the scheduler and I/O threads a session runs on (closed after it with the session).
 */
final class VoiceService implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    private static final OkHttpClient READER = new OkHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FakeOpenAi openAi;
    private final boolean relay;
    private ServiceEndpoint endpoint;
    private BundledServiceLauncher launcher;
    private BackendClient client;
    private VoiceSession session;
    private ExecutorVoiceScheduler scheduler;
    private ExecutorService io;
    private ToolRunner tools = ToolRunner.unavailable();
    /** The voice events log's session ids the sessions reported, in order (they report through the service). */
    private final List<String> eventSessions = new CopyOnWriteArrayList<>();
    /** Sessions whose {@code ended} event the service has stored (its report was answered). */
    private final List<String> ended = new CopyOnWriteArrayList<>();
    /** The metered voice sessions the latest session ended at the service, in order. */
    private final List<String> meteredEnds = new CopyOnWriteArrayList<>();

    VoiceService(FakeOpenAi openAi) {
        this(openAi, false);
    }

    /** @param relay the service relays the Realtime WebSocket ({@code ENABLE_WS_PROXY}) */
    VoiceService(FakeOpenAi openAi, boolean relay) {
        this.openAi = openAi;
        this.relay = relay;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path data = Files.createTempDirectory("donna-voice-test");
        // A generous token rate limit: every test connects, reconnects and mints spares as the user "local".
        launcher = new BundledServiceLauncher(data, () -> new BackendConfig.OpenAi(Optional.of("sk-test"),
                openAi.baseUrl(), "gpt-test", "gpt-realtime-test", Duration.ofSeconds(10))
                .withRealtime(new BackendConfig.Realtime("marin", 60, 1_000)
                        .withRelay(BackendConfig.Relay.off().enabled(relay))), new BundledService());
        endpoint = launcher.start();
        client = BackendClient.builder(endpoint.baseUri()).token(() -> Optional.of(endpoint.apiSecret()))
                .user("local").build();
    }

    /** The app's client of the service: its secret, acting for {@code local}. */
    BackendClient client() {
        return client;
    }

    /** A client of the same service with another bearer (a wrong one, to be refused). */
    BackendClient clientWithSecret(String secret) {
        return BackendClient.builder(endpoint.baseUri()).token(() -> Optional.of(secret)).user("local").build();
    }

    /** The tools the next sessions run (default: none available). */
    void tools(ToolRunner runner) {
        this.tools = runner;
    }

    /** A session as the app builds one (secrets from the service, transcripts saved to its history), connecting. */
    VoiceSession connect(RealtimeTransportFactory transports, VoiceSessionListener listener) {
        scheduler = new ExecutorVoiceScheduler();
        io = Executors.newVirtualThreadPerTaskExecutor();
        eventSessions.clear(); // the previous test's session reported before its io closed
        meteredEnds.clear();
        session = VoiceSession.builder().baseUrl(openAi.baseUrl()).tokens(client::realtimeToken)
                .transports(transports)
                .meter(new VoiceMeter() { // as the app's (BackendVoiceSessions)
                    @Override
                    public void heartbeat(String sessionId) {
                        client.voiceHeartbeat(sessionId);
                    }

                    @Override
                    public void end(String sessionId) {
                        client.endVoiceSession(sessionId);
                        meteredEnds.add(sessionId);
                    }
                })
                .store((chatId, messages) -> client.appendMessages(chatId, Profile.GENERAL, messages))
                .scheduler(scheduler).io(io).listener(listener).tools(tools)
                .events(events -> {
                    events.forEach(e -> {
                        if (!eventSessions.contains(e.sessionId())) {
                            eventSessions.add(e.sessionId());
                        }
                    });
                    client.reportVoiceEvents(events);
                    events.stream().filter(e -> e.type().equals("ended")).forEach(e -> ended.add(e.sessionId()));
                }).build();
        session.connect();
        return session;
    }

    /** The voice events log's session ids the latest session reported so far, first reported first. */
    List<String> eventSessions() {
        return eventSessions;
    }

    /** The metered voice sessions the latest session ended at the service, in order. */
    List<String> meteredEnds() {
        return meteredEnds;
    }

    /** The service stored the {@code ended} event of this session. */
    boolean endedReported(String sessionId) {
        return ended.contains(sessionId);
    }

    /** {@code GET /api/voice/events?session_id=}: the log as the service keeps it, read back as the user. */
    JsonNode voiceEvents(String sessionId) {
        Request request = new Request.Builder()
                .url(endpoint.baseUri() + "/api/voice/events?session_id=" + URLEncoder.encode(sessionId,
                        StandardCharsets.UTF_8))
                .header("Authorization", "Bearer " + endpoint.apiSecret()).header("X-Donna-User", "local").build();
        try (Response response = READER.newCall(request).execute()) {
            if (response.code() != 200) {
                throw new IllegalStateException("GET /api/voice/events answered " + response.code());
            }
            return JSON.readTree(response.body().string()).path("events");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The chat's messages, oldest first; none before the first transcript created the chat. */
    List<ChatMessage> history(String chatId) {
        return chatId == null ? List.of() : client.messages(chatId, 50, null).messages();
    }

    /** Closes the test's session and its threads (again after the test: a no-op then). */
    void closeSession() {
        if (session != null) {
            session.close();
            scheduler.close();
            io.close();
            session = null;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeSession();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        launcher.close();
        openAi.close();
    }
}
