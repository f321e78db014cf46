package donna.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.UiAssembly;
import donna.app.common.BackgroundTaskExecutor;
import donna.app.dev.InMemoryChatService;
import donna.app.launch.SingleInstance;
import donna.app.settings.FileSettingsStore;
import donna.app.settings.NoSecrets;
import donna.app.settings.Settings;
import donna.app.shell.Page;
import donna.app.shell.WindowStateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.control.CheckBox;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window with the desktop habits wired as DonnaApp wires them: a second launch's hand-off, close to tray. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class DesktopHabitsGuiTest {
    private final AtomicInteger quits = new AtomicInteger();
    private Path data;
    private BackgroundTaskExecutor tasks;
    private UiAssembly app;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        data = Files.createTempDirectory("donna-habits");
        tasks = new BackgroundTaskExecutor(Platform::runLater);
        app = UiAssembly.builder(new InMemoryChatService(Duration.ZERO), tasks, Platform::runLater)
                .settings(new FileSettingsStore(data.resolve("settings.properties")), new NoSecrets(),
                        Settings.defaults(), false)
                .windowStates(new WindowStateStore(data.resolve("window.properties")))
                .demo(true)
                .onQuit(quits::incrementAndGet)
                .build();
        app.show(stage);
    }

    @AfterEach
    void stop() {
        tasks.close();
    }

    @Test
    void aSecondLaunchBringsTheHiddenWindowBack(FxRobot robot) throws Exception {
        try (SingleInstance first = SingleInstance.claimOrActivate(data, Duration.ofSeconds(5)).orElseThrow()) {
            first.onActivate(() -> Platform.runLater(app::bringForward));
            robot.interact(stage::hide);
            assertThat(stage.isShowing()).isFalse();

            assertThat(SingleInstance.claimOrActivate(data, Duration.ofSeconds(5))).as("the second launch exits")
                    .isEmpty();

            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, stage::isShowing);
            assertThat(stage.isIconified()).isFalse();
        }
    }

    @Test
    void closingHidesToTheTrayWhenTheUserChoseItInSettings(FxRobot robot) throws Exception {
        robot.interact(() -> {
            app.tray().trayShown(true);
            app.shell().show(Page.SETTINGS);
        });
        robot.clickOn("#keep-running-in-tray");
        assertThat(robot.lookup("#keep-running-in-tray").queryAs(CheckBox.class).isSelected()).isTrue();

        robot.interact(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));

        assertThat(stage.isShowing()).isFalse();
        assertThat(quits).hasValue(0);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> new FileSettingsStore(
                data.resolve("settings.properties")).load().keepRunningInTray());
    }

    @Test
    void closingQuitsWhenThisDesktopHasNoTray(FxRobot robot) {
        robot.interact(() -> app.shell().show(Page.SETTINGS));
        robot.clickOn("#keep-running-in-tray");

        robot.interact(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));

        assertThat(quits).hasValue(1);
    }
}
