package donna.app;

import donna.app.account.SecretTokenVault;
import donna.app.actions.BackendActionService;
import donna.app.integrations.BackendIntegrationsService;
import donna.app.today.BackendTodayService;
import donna.app.memory.BackendMemoryService;
import donna.app.insights.BackendInsightsService;
import donna.app.marketing.BackendMarketingService;
import donna.app.sales.BackendSalesService;
import donna.app.bundled.BundledServiceLauncher;
import donna.app.bundled.BundledGoogle;
import donna.app.bundled.BundledService;
import donna.app.bundled.DemoGmailLink;
import donna.app.bundled.DemoGoogle;
import donna.app.bundled.DemoOpenAi;
import donna.app.bundled.OpenAiChoice;
import donna.audio.AudioUnavailableException;
import donna.audio.hotkey.GlobalHotkey;
import donna.audio.webrtc.AudioBackend;
import donna.audio.webrtc.WebRtcRuntime;
import donna.audio.webrtc.WebRtcTransport;
import donna.audio.webrtc.WebRtcVoiceAudio;
import donna.audio.webrtc.WebRtcVoiceDevices;
import donna.app.chat.BackendChatService;
import donna.app.chat.ChatService;
import donna.app.common.BackgroundTaskExecutor;
import donna.app.connection.AppMode;
import donna.app.connection.BackendConnection;
import donna.app.connection.ServiceConnector;
import donna.app.connection.ServiceLauncher;
import donna.app.desktop.LoginItems;
import donna.app.desktop.SystemTrayIcon;
import donna.app.dev.InMemoryChatService;
import donna.app.launch.FirstFrame;
import donna.app.launch.HeapCompaction;
import donna.app.launch.Launch;
import donna.app.launch.LaunchOptions;
import donna.app.launch.PaneTour;
import donna.app.launch.QuitOnSignal;
import donna.app.launch.ThreadCpu;
import donna.app.mail.MailParts;
import donna.app.settings.FileSettingsStore;
import donna.app.settings.HotkeyFieldViewModel;
import donna.app.settings.KeyringSecretStore;
import donna.app.settings.SecretStore;
import donna.app.settings.Settings;
import donna.app.settings.SettingsStore;
import donna.app.shell.Page;
import donna.app.shell.ShellViewModel;
import donna.app.shell.WindowStateStore;
import donna.app.voice.BackendVoiceSessions;
import donna.app.voice.VoiceTransportWiring;
import donna.app.voice.VoiceSessions;
import donna.core.chat.Profile;
import donna.core.voice.ExecutorVoiceScheduler;
import donna.core.voice.RealtimeTransportFactory;
import donna.core.voice.VoiceAudio;
import donna.core.voice.VoiceTransports;
import donna.backend.config.BackendConfig;
import donna.core.mail.local.InboxCache;
import donna.core.mail.local.MailDatabase;
import donna.core.oauth.Browser;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: every long-lived object of the app is made here, and only here. Start-up order: read the
 * settings (init), show the window, and only after its first frame start the heavy parts (bundled service and
 * embedded Postgres, tray icon; later the WebRTC factory and the hotkey hook) in the background.
 */
public final class DonnaApp extends Application {
    private static final Logger log = LoggerFactory.getLogger(DonnaApp.class);
    private static final Duration SMOKE_LIMIT = Duration.ofMinutes(3);
    private static final Duration OUTBOX_CHECK = Duration.ofSeconds(15);

    /** Set by {@link #launch(Launch, String[])}: JavaFX makes this object itself and takes no arguments. */
    private static volatile Launch pending;

    private final Map<String, String> env = System.getenv();
    private Launch launch;
    private Path dataDir;
    private SettingsStore settingsStore;
    private Settings settings;
    private SecretStore keyStore;
    private boolean keyStored;
    private AppMode mode;
    private BackgroundTaskExecutor tasks;
    private ServiceLauncher launcher;
    private SystemTrayIcon trayIcon;
    private Instant initStarted;
    private Instant initDone;
    private Instant startCalled;
    private Duration initStartedCpu;
    private Duration initDoneCpu;
    private Duration startCalledCpu;
    private final DemoOpenAi demoOpenAi = new DemoOpenAi();
    private final ExecutorVoiceScheduler voiceScheduler = new ExecutorVoiceScheduler();
    /** The WebSocket transport's sound devices: WebRTC's platform audio, opened at the first WebSocket connection. */
    private final VoiceAudio voiceAudio = WebRtcVoiceAudio.system();
    private UiAssembly assembly;
    private OpenAiChoice openAi;
    private final DemoGoogle demoGoogle = new DemoGoogle();
    private MailDatabase mailDb;
    private MailParts mail;

    /** Runs the app until it quits. */
    static void launch(Launch launch, String[] args) {
        pending = launch;
        Application.launch(DonnaApp.class, args);
    }

    /** Runs on the launcher thread, not the FX thread: file reads and the keyring probe may block here. */
    @Override
    public void init() throws Exception {
        initStarted = Instant.now();
        initStartedCpu = Launch.cpuNow();
        launch = pending;
        QuitOnSignal.install(Platform::exit, Duration.ofSeconds(20));
        LaunchOptions options = launch.options();
        if (!options.unknown().isEmpty()) {
            log.warn("Ignoring unknown arguments {}", options.unknown());
        }
        dataDir = launch.folders().data();
        Files.createDirectories(dataDir);
        settingsStore = new FileSettingsStore(dataDir.resolve("settings.properties"));
        settings = settingsStore.load();
        keyStore = KeyringSecretStore.open("openai-api-key", dataDir.resolve("openai-key"));
        keyStored = keyStore.get().isPresent();
        openAi = new OpenAiChoice(env, keyStore, settingsStore::load, demoOpenAi);
        mode = AppMode.resolve(env, settings.backendUrl(), keyStored, options.fakeService());
        mailDb = MailDatabase.openLazily(dataDir.resolve(MailDatabase.FILE_NAME));
        log.info("DONNA starting: data folder {}, logs in {}, mode {}", dataDir, launch.folders().logs(),
                mode.inMemory() ? "in-memory dev service" : mode.remote().map(u -> "remote " + u).orElse("bundled"));
        initDone = Instant.now();
        initDoneCpu = Launch.cpuNow();
    }

    @Override
    public void start(Stage stage) {
        startCalled = Instant.now();
        startCalledCpu = Launch.cpuNow();
        // The tray may keep DONNA running with no window; quitting is always explicit (Quit, or close without tray).
        Platform.setImplicitExit(false);
        Executor ui = Platform::runLater;
        tasks = new BackgroundTaskExecutor(ui);
        BackendConnection connection = new BackendConnection();
        ChatService chatService = mode.inMemory() ? InMemoryChatService.withSampleChats(Duration.ofMillis(40))
                : new BackendChatService(connection);
        Browser browser = uri -> getHostServices().showDocument(uri.toString());
        mail = MailParts.over(mailDb, connection, browser, Clock.systemUTC(), () -> googleConfig().authUrl());
        AtomicReference<Profile> voiceProfile = new AtomicReference<>(Profile.GENERAL);
        VoiceSessions voiceSessions = new BackendVoiceSessions(connection, this::realtimeBaseUrl,
                voiceTransports(connection, voiceProfile::get),
                voiceScheduler, tasks, voiceProfile::get);
        UiAssembly app = UiAssembly.builder(chatService, tasks, ui)
                .settings(settingsStore, keyStore, settings, keyStored)
                .openAiKeyFrom(AppMode.openAiKey(env).map(key -> AppMode.OPENAI_KEY_ENV))
                .windowStates(new WindowStateStore(dataDir.resolve("window.properties")))
                .demo(mode.demo())
                .browser(browser)
                .loginItem(LoginItems.forThisMachine(env))
                .mail(mail)
                .actions(new BackendActionService(connection))
                .memory(new BackendMemoryService(connection))
                .integrations(new BackendIntegrationsService(connection))
                .today(new BackendTodayService(connection))
                .sales(new BackendSalesService(connection))
                .marketing(new BackendMarketingService(connection))
                .insights(new BackendInsightsService(connection))
                .voice(voiceSessions, new WebRtcVoiceDevices())
                .hotkey(GlobalHotkey::register, Optional.ofNullable(env.get(HotkeyFieldViewModel.OVERRIDE_VARIABLE)))
                .onQuit(Platform::exit)
                .build();
        assembly = app;
        app.chat().profileProperty().addListener((o, was, profile) -> voiceProfile.set(profile));
        launch.instance().ifPresent(claim -> claim.onActivate(() -> Platform.runLater(app::bringForward)));
        if (launch.smoke().active()) {
            watchSmokeRun();
        }
        FirstFrame.whenShown(stage, at -> afterFirstFrame(app, connection, chatService, at));
        app.window().show(stage, launch.options().background());
    }

    /** The window is up: now the slow parts may start, none of them on the FX thread. */
    private void afterFirstFrame(UiAssembly app, BackendConnection connection, ChatService chatService, Instant at) {
        Duration cpu = Launch.cpuNow();
        logStartup(at, cpu);
        // The first frame showed the shell; the current pane joins now, on the next frame.
        app.showPages();
        if (launch.smoke().firstFrame(at, cpu)) {
            // Every pane shown and drawn once, then the end (the AOT cache's training run is a smoke run).
            PaneTour.run(app.window().scene(), Stream.concat(Stream.of(Page.values()), Stream.of(Page.CHAT))
                    .map(page -> (Runnable) () -> app.shell().show(page)).toList(), Platform::exit);
            return;
        }
        app.window().addIcons();
        startVoiceNatives(app);
        // Load SQLite (it unpacks its library first) and read the saved inbox once, so the Mail pane paints it at
        // once: after the first frame, which it would otherwise compete with for the CPU.
        Thread.ofVirtual().name("donna-mail-warmup").start(() -> warmUpMail(mailDb));
        // The saved inbox and the outbox paint at once; the watcher sends what waits whenever Gmail is (back) up.
        app.mail().show();
        mail.watcher().start(OUTBOX_CHECK);
        tasks.submit(() -> Optional.ofNullable(SystemTrayIcon.install(app.tray(),
                        DonnaApp.class.getResource("/donna/app/icons/donna-64.png"), Platform::runLater)),
                icon -> {
                    trayIcon = icon.orElse(null);
                    app.tray().trayShown(icon.isPresent());
                }, failure -> log.warn("No tray icon", failure));
        if (launch.smoke().active()) {
            app.shell().statusKindProperty().addListener((o, old, now) -> smokeServiceState(app.shell(), now));
        }
        if (mode.inMemory()) {
            app.account().local();
            app.shell().connected("connected (in-memory dev service, nothing is saved)");
            app.sessions().refresh();
            chatService.sessions("", 0, 1).sessions().stream().findFirst().ifPresent(app.chat()::open);
            return;
        }
        launcher = new BundledServiceLauncher(dataDir, openAi, this::googleConfig, new BundledService());
        // An exit that skips Application.stop() (QuitOnSignal's fallback when the toolkit does not end, System.exit
        // elsewhere) still stops the bundled service and its database.
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::close, "donna-service-shutdown"));
        new ServiceConnector(mode, launcher, connection, tasks,
                () -> new SecretTokenVault(KeyringSecretStore.open("sign-in", dataDir.resolve("sign-in"))))
                .connect(app.shell(), connected -> {
                    app.connected(connected);
                    HeapCompaction.afterStartUp();
                    if (mode.demo() && !BundledGoogle.fromEnvironment(env).configured()) {
                        // Demo mode: the demo inbox is connected from the start, so DONNA can act on it at once.
                        tasks.submit(() -> DemoGmailLink.connect(connection.client(), googleConfig().authUrl()), status -> app.mail().connected(),
                                failure -> log.warn("Demo inbox not connected: {}", failure.toString()));
                    }
                });
    }

    /** Where the time to the first frame went, for anyone chasing start-up (docs/performance.md). */
    private void logStartup(Instant firstFrame, Duration firstFrameCpu) {
        Instant process = launch.smoke().processStart();
        log.info("First frame {} ms after the process started (CPU {} ms); wall/CPU ms: JVM start {}/{}, main to init "
                + "(folders, single instance, JavaFX toolkit) {}/{}, init {}/{}, init to start {}/{}, start to first "
                + "frame {}/{}", ms(process, firstFrame), firstFrameCpu.toMillis(),
                ms(process, launch.mainStarted()), launch.mainCpu().toMillis(),
                ms(launch.mainStarted(), initStarted), initStartedCpu.minus(launch.mainCpu()).toMillis(),
                ms(initStarted, initDone), initDoneCpu.minus(initStartedCpu).toMillis(),
                ms(initDone, startCalled), startCalledCpu.minus(initDoneCpu).toMillis(),
                ms(startCalled, firstFrame), firstFrameCpu.minus(startCalledCpu).toMillis());
        log.info("CPU by thread at the first frame: {}", ThreadCpu.busiest(8));
    }

    private static long ms(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }

    private void smokeServiceState(ShellViewModel shell, ShellViewModel.StatusKind kind) {
        boolean done = switch (kind) {
            case OK -> launch.smoke().serviceReady(Instant.now());
            case ERROR -> launch.smoke().serviceFailed(shell.statusProperty().get());
            case PENDING -> false;
        };
        if (done) {
            Platform.exit();
        }
    }

    /** A check must end even when the window or the service never comes: then it reports what is missing. */
    private void watchSmokeRun() {
        Thread.ofPlatform().daemon().name("donna-smoke-limit").start(() -> {
            try {
                if (!launch.smoke().awaitDone(SMOKE_LIMIT)) {
                    log.error("Smoke run incomplete after {}", SMOKE_LIMIT);
                    Platform.exit();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * WebRTC, the WebSocket, the service's relay, the batch path, in that order unless
     * {@code DONNA_VOICE_TRANSPORT} forces one (docs/voice.md). All but WebRTC carry audio through {@link #voiceAudio}.
     */
    private RealtimeTransportFactory voiceTransports(BackendConnection connection, Supplier<Profile> profile) {
        RealtimeTransportFactory realtime = VoiceTransportWiring.transports(env.get(VoiceTransports.SETTING),
                WebRtcTransport.factory(), voiceAudio, connection::client, profile);
        // The engine chosen in Settings (issue 16), read at each connection: Realtime, or GPT-Live.
        return VoiceTransportWiring.withEngine(() -> settingsStore.load().voiceEngine(), realtime,
                WebRtcTransport.liveFactory(), connection::client, profile);
    }

    /** Where voice connects: the OpenAI the bundled service mints at (demo: its fake), else OPENAI_BASE_URL. */
    private URI realtimeBaseUrl() {
        return openAi.realtimeBase(mode);
    }

    /**
     * The voice parts that touch native code, off the FX thread: the WebRTC stack (a second or so the first time,
     * so the first connect does not wait for it) and the global push-to-talk hotkey (the one Settings shows), which
     * presses and releases the Voice pane's button. Where the hotkey cannot work the pane says why and Space in the
     * pane remains.
     */
    private void startVoiceNatives(UiAssembly app) {
        tasks.run(() -> {
            try {
                WebRtcRuntime.start(AudioBackend.SYSTEM);
            } catch (AudioUnavailableException e) {
                log.warn("Voice over WebRTC is unavailable: {}", e.getMessage());
            }
        });
        app.hotkey().start();
    }

    @Override
    public void stop() {
        if (assembly != null) {
            assembly.hotkey().close();
            assembly.voice().close();
        }
        voiceScheduler.close();
        voiceAudio.close();
        if (trayIcon != null) {
            trayIcon.close();
        }
        if (mail != null) {
            mail.close();
        }
        if (launcher != null) {
            launcher.close();
        }
        if (tasks != null) {
            tasks.close();
        }
        demoOpenAi.close();
        demoGoogle.close();
        launch.instance().ifPresent(claim -> claim.close());
    }

    private static void warmUpMail(MailDatabase db) {
        try {
            new InboxCache(db, Clock.systemUTC()).page();
        } catch (RuntimeException e) {
            log.warn("The mail database could not be read: {}", e.toString());
        }
    }

    /** Google from the environment; in demo mode (and without a Google client of one's own) the fake one. */
    private BackendConfig.Google googleConfig() {
        BackendConfig.Google google = BundledGoogle.fromEnvironment(env);
        return !google.configured() && mode.demo() ? demoGoogle.config() : google;
    }
}
