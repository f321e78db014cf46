package donna.app;

import donna.app.bundled.BundledServiceLauncher;
import donna.app.bundled.BundledService;
import donna.app.bundled.DemoOpenAi;
import donna.app.chat.BackendChatService;
import donna.app.chat.ChatService;
import donna.app.common.BackgroundTaskExecutor;
import donna.app.connection.AppMode;
import donna.app.connection.BackendConnection;
import donna.app.connection.ServiceConnector;
import donna.app.connection.ServiceLauncher;
import donna.app.dev.InMemoryChatService;
import donna.app.settings.FileSettingsStore;
import donna.app.settings.KeyringSecretStore;
import donna.app.settings.SecretStore;
import donna.app.settings.Settings;
import donna.app.settings.SettingsStore;
import donna.app.shell.WindowStateStore;
import donna.app.voice.BackendVoiceSessions;
import donna.app.voice.SilentVoiceAudio;
import donna.app.voice.VoiceSessions;
import donna.core.chat.Profile;
import donna.core.voice.ExecutorVoiceScheduler;
import donna.core.voice.RealtimeTransportFactory;
import donna.core.voice.VoiceAudio;
import donna.core.voice.VoiceDevices;
import donna.core.voice.VoiceTransports;
import donna.core.voice.websocket.WebSocketTransport;
import donna.backend.config.BackendConfig;
import donna.backend.config.UserDataFolder;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: every long-lived object of the app is made here, and only here. */
public final class DonnaApp extends Application {
    private static final Logger log = LoggerFactory.getLogger(DonnaApp.class);

    private final Map<String, String> env = System.getenv();
    private Path dataDir;
    private SettingsStore settingsStore;
    private Settings settings;
    private SecretStore keyStore;
    private boolean keyStored;
    private AppMode mode;
    private BackgroundTaskExecutor tasks;
    private ServiceLauncher launcher;
    private final DemoOpenAi demoOpenAi = new DemoOpenAi();
    private final ExecutorVoiceScheduler voiceScheduler = new ExecutorVoiceScheduler();
    /** The WebSocket transport's sound devices: silent until platform-audio provides real ones. */
    private final VoiceAudio voiceAudio = new SilentVoiceAudio();
    private UiAssembly app;

    /** Runs on the launcher thread, not the FX thread: file reads and the keyring probe may block here. */
    @Override
    public void init() throws Exception {
        dataDir = Optional.ofNullable(env.get("DONNA_DATA_DIR")).filter(s -> !s.isBlank()).map(Path::of)
                .orElseGet(() -> UserDataFolder.forThisMachine(env));
        Files.createDirectories(dataDir);
        settingsStore = new FileSettingsStore(dataDir.resolve("settings.properties"));
        settings = settingsStore.load();
        keyStore = KeyringSecretStore.open("openai-api-key", dataDir.resolve("openai-key"));
        keyStored = keyStore.get().isPresent();
        mode = AppMode.resolve(env, settings.backendUrl(), keyStored,
                getParameters().getRaw().contains(AppMode.FAKE_SERVICE_FLAG));
        log.info("DONNA starting: data folder {}, mode {}", dataDir,
                mode.inMemory() ? "in-memory dev service" : mode.remote().map(u -> "remote " + u).orElse("bundled"));
    }

    @Override
    public void start(Stage stage) {
        Executor ui = Platform::runLater;
        tasks = new BackgroundTaskExecutor(ui);
        BackendConnection connection = new BackendConnection();
        ChatService chatService = mode.inMemory() ? InMemoryChatService.withSampleChats(Duration.ofMillis(40))
                : new BackendChatService(connection);
        AtomicReference<Profile> voiceProfile = new AtomicReference<>(Profile.GENERAL);
        VoiceSessions voiceSessions = new BackendVoiceSessions(connection, this::realtimeBaseUrl, voiceTransports(),
                voiceScheduler, tasks, voiceProfile::get);
        app = new UiAssembly(chatService, voiceSessions, VoiceDevices.systemDefault(), tasks, ui, settingsStore,
                keyStore, settings, keyStored, mode.demo(), new WindowStateStore(dataDir.resolve("window.properties")));
        app.chat().profileProperty().addListener((o, was, profile) -> voiceProfile.set(profile));
        app.show(stage);

        // The window is up: now the slow part (embedded Postgres, migrations) may start.
        if (mode.inMemory()) {
            app.shell().connected("connected (in-memory dev service, nothing is saved)");
            app.sessions().refresh();
            chatService.sessions("", 0, 1).sessions().stream().findFirst().ifPresent(app.chat()::open);
            return;
        }
        launcher = new BundledServiceLauncher(dataDir, this::openAiConfig, new BundledService());
        // SIGTERM (logout, `kill`) skips Application.stop(): stop the bundled service and its database anyway.
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::close, "donna-service-shutdown"));
        new ServiceConnector(mode, launcher, connection, tasks).connect(app.shell(), app.sessions()::refresh);
    }

    /**
     * WebRTC when it connects, else the WebSocket ({@code DONNA_VOICE_TRANSPORT=websocket} forces it). The
     * WebSocket carries audio through {@link #voiceAudio}.
     */
    private RealtimeTransportFactory voiceTransports() {
        RealtimeTransportFactory webSocket = WebSocketTransport.factory(voiceAudio);
        Optional<RealtimeTransportFactory> webRtc = Optional.empty(); // platform-audio's WebRTC transport goes here
        try {
            return VoiceTransports.choose(env.get(VoiceTransports.SETTING), webRtc, webSocket);
        } catch (IllegalArgumentException e) {
            log.warn("{}; using the default", e.getMessage());
            return VoiceTransports.choose(null, webRtc, webSocket);
        }
    }

    /** Where voice connects: the OpenAI the bundled service mints at (demo: its fake), else OPENAI_BASE_URL. */
    private URI realtimeBaseUrl() {
        if (mode.bundled()) {
            return openAiConfig().baseUrl();
        }
        return Optional.ofNullable(env.get("OPENAI_BASE_URL")).filter(s -> !s.isBlank()).map(URI::create)
                .orElse(BackendConfig.OpenAi.defaults().baseUrl());
    }

    @Override
    public void stop() {
        if (app != null) {
            app.voice().close();
        }
        voiceScheduler.close();
        voiceAudio.close();
        if (launcher != null) {
            launcher.close();
        }
        if (tasks != null) {
            tasks.close();
        }
        demoOpenAi.close();
    }

    /** Asked when the bundled service starts, so a key saved in Settings a moment earlier still counts. */
    private BackendConfig.OpenAi openAiConfig() {
        BackendConfig.OpenAi defaults = BackendConfig.OpenAi.defaults();
        Optional<String> key = Optional.ofNullable(env.get("OPENAI_API_KEY")).filter(s -> !s.isBlank())
                .or(keyStore::get);
        URI base = Optional.ofNullable(env.get("OPENAI_BASE_URL")).filter(s -> !s.isBlank()).map(URI::create)
                .orElse(defaults.baseUrl());
        Settings current = settingsStore.load();
        if (key.isEmpty()) {
            // Demo mode: the banner says replies are simulated; they come from the fake on loopback.
            return new BackendConfig.OpenAi(Optional.of(DemoOpenAi.KEY), demoOpenAi.baseUrl(), current.chatModel(),
                    current.realtimeModel(), defaults.timeout());
        }
        return new BackendConfig.OpenAi(key, base, current.chatModel(), current.realtimeModel(), defaults.timeout());
    }
}
