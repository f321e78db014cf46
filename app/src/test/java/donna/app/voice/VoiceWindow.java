package donna.app.voice;

import donna.app.UiAssembly;
import donna.app.common.BackgroundTaskExecutor;
import donna.app.dev.InMemoryChatService;
import donna.app.settings.FileSettingsStore;
import donna.app.settings.NoSecrets;
import donna.app.settings.Settings;
import donna.app.shell.WindowStateStore;
import donna.core.voice.ManualScheduler;
import donna.core.voice.RealtimeToken;
import donna.core.voice.VoiceDevices;
import donna.core.voice.VoiceSession;
import donna.standins.realtime.InMemoryTransport;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window for the voice UI tests, built as {@code DonnaApp} builds it: a voice session on a manual scheduler
 * the test steps (time only moves when the test says), its brain in memory, settings in a temporary folder, and the
 * global hotkey behind the hook the test passes.
 */
final class VoiceWindow implements AutoCloseable {
    final ManualScheduler scheduler = new ManualScheduler(Instant.parse("2026-11-22T12:00:00Z"));
    final List<InMemoryTransport> transports = new ArrayList<>();
    final Path data;
    final UiAssembly app;
    private final BackgroundTaskExecutor tasks = new BackgroundTaskExecutor(Platform::runLater);

    VoiceWindow(Stage stage, HotkeyHook hotkeys) throws IOException {
        data = Files.createTempDirectory("donna-voice-gui");
        VoiceSessions sessions = listener -> VoiceSession.builder().baseUrl(URI.create("http://127.0.0.1:1"))
                .tokens(() -> new RealtimeToken("ek_gui", scheduler.now().plusSeconds(60), "gpt-realtime"))
                .transports(() -> {
                    InMemoryTransport t = new InMemoryTransport();
                    transports.add(t);
                    return t;
                })
                .store((chatId, messages) -> "chat-voice").scheduler(scheduler).io(Runnable::run).listener(listener)
                .build();
        app = UiAssembly.builder(new InMemoryChatService(Duration.ZERO), tasks, Platform::runLater)
                .settings(settingsFile(), new NoSecrets(), Settings.defaults(), false)
                .windowStates(new WindowStateStore(data.resolve("window.properties")))
                .demo(true)
                .voice(sessions, VoiceDevices.systemDefault())
                .hotkey(hotkeys, Optional.empty())
                .build();
        app.show(stage);
    }

    FileSettingsStore settingsFile() {
        return new FileSettingsStore(data.resolve("settings.properties"));
    }

    /** Lets the session work through what the UI asked, then lets the UI show the outcome. */
    void settle() {
        WaitForAsyncUtils.waitForFxEvents();
        scheduler.runPending();
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Override
    public void close() {
        tasks.close();
    }
}
