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
import donna.core.voice.VoiceSession;
import donna.core.voice.VoiceSessionListener;
import donna.testkit.openai.FakeOpenAi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    private final FakeOpenAi openAi;
    private final boolean relay;
    private ServiceEndpoint endpoint;
    private BundledServiceLauncher launcher;
    private BackendClient client;
    private VoiceSession session;
    private ExecutorVoiceScheduler scheduler;
    private ExecutorService io;
    private ToolRunner tools = ToolRunner.unavailable();

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
        session = VoiceSession.builder().baseUrl(openAi.baseUrl()).tokens(client::realtimeToken)
                .transports(transports)
                .store((chatId, messages) -> client.appendMessages(chatId, Profile.GENERAL, messages))
                .scheduler(scheduler).io(io).listener(listener).tools(tools).build();
        session.connect();
        return session;
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
