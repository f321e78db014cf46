package donna.app.voice;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.UiAssembly;
import donna.app.common.BackgroundTaskExecutor;
import donna.app.dev.InMemoryChatService;
import donna.app.mail.MailParts;
import donna.app.settings.FileSettingsStore;
import donna.app.settings.NoSecrets;
import donna.app.settings.Settings;
import donna.app.shell.WindowStateStore;
import donna.core.voice.ManualScheduler;
import donna.core.voice.RealtimeToken;
import donna.core.voice.VoiceDevices;
import donna.core.voice.VoiceSession;
import donna.testkit.realtime.InMemoryTransport;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Voice pane in the real window: connect, hold the big button with the mouse, hold Space. The session runs on
 * a manual scheduler the test steps (time only moves when the test says), its brain in memory.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class VoicePaneGuiTest {
    private final ManualScheduler scheduler = new ManualScheduler(Instant.parse("2026-11-22T12:00:00Z"));
    private final List<InMemoryTransport> transports = new ArrayList<>();
    private BackgroundTaskExecutor tasks;

    @Start
    void start(Stage stage) throws Exception {
        Path data = Files.createTempDirectory("donna-voice-gui");
        tasks = new BackgroundTaskExecutor(Platform::runLater);
        VoiceSessions sessions = listener -> VoiceSession.builder().baseUrl(URI.create("http://127.0.0.1:1"))
                .tokens(() -> new RealtimeToken("ek_gui", scheduler.now().plusSeconds(60), "gpt-realtime"))
                .transports(() -> {
                    InMemoryTransport t = new InMemoryTransport();
                    transports.add(t);
                    return t;
                })
                .store((chatId, messages) -> "chat-voice").scheduler(scheduler).io(Runnable::run).listener(listener)
                .build();
        UiAssembly app = new UiAssembly(new InMemoryChatService(Duration.ZERO), MailParts.detached(uri -> { }),
                sessions, VoiceDevices.systemDefault(), tasks, Platform::runLater,
                new FileSettingsStore(data.resolve("settings.properties")), new NoSecrets(), Settings.defaults(),
                false, true, new WindowStateStore(data.resolve("window.properties")), uri -> { }, Optional.empty(),
                () -> { });
        app.show(stage);
    }

    @AfterEach
    void stop() {
        tasks.close();
    }

    /** Lets the session work through what the UI asked, then lets the UI show the outcome. */
    private void settle() {
        WaitForAsyncUtils.waitForFxEvents();
        scheduler.runPending();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String state(FxRobot robot) {
        return robot.lookup("#voice-state").queryAs(Label.class).getText();
    }

    @Test
    void connectThenHoldTheButtonOrSpaceToTalk(FxRobot robot) {
        robot.clickOn("#nav-voice");
        settle();
        assertThat(state(robot)).isEqualTo("Not connected");

        robot.clickOn("#voice-connect");
        settle();
        assertThat(state(robot)).isEqualTo("Ready: hold to talk");

        robot.moveTo("#ptt").press(MouseButton.PRIMARY);
        settle();
        assertThat(state(robot)).isEqualTo("Listening…");
        assertThat(transports.getLast().microphoneLive()).isTrue();
        robot.release(MouseButton.PRIMARY);
        settle();
        assertThat(state(robot)).as("a tap is not a turn").isEqualTo("Ready: hold to talk");
        assertThat(robot.lookup("#voice-notice").queryAs(Label.class).getText()).contains("Hold the button");

        robot.clickOn("#voice-state");
        robot.press(KeyCode.SPACE);
        settle();
        assertThat(state(robot)).isEqualTo("Listening…");
        transports.getLast().speak(500);
        scheduler.advance(Duration.ofMillis(500));
        robot.release(KeyCode.SPACE);
        settle();

        assertThat(state(robot)).isEqualTo("Thinking…");
        assertThat(transports.getLast().conversation().receivedTypes()).contains("input_audio_buffer.commit",
                "response.create");
    }
}
