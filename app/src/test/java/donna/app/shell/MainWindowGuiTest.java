package donna.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.UiAssembly;
import donna.app.common.BackgroundTaskExecutor;
import donna.app.dev.InMemoryChatService;
import donna.app.settings.FileSettingsStore;
import donna.app.settings.NoSecrets;
import donna.app.settings.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class MainWindowGuiTest {
    private BackgroundTaskExecutor tasks;
    private UiAssembly app;

    @Start
    void start(Stage stage) throws Exception {
        Path data = Files.createTempDirectory("donna-gui");
        tasks = new BackgroundTaskExecutor(Platform::runLater);
        app = UiAssembly.builder(new InMemoryChatService(Duration.ZERO), tasks, Platform::runLater)
                .settings(new FileSettingsStore(data.resolve("settings.properties")), new NoSecrets(),
                        Settings.defaults(), false)
                .windowStates(new WindowStateStore(data.resolve("window.properties")))
                .demo(true)
                .build();
        app.show(stage);
        app.shell().connected("connected");
    }

    @AfterEach
    void stop() {
        tasks.close();
    }

    @Test
    void theWindowIsTitledDonna(FxRobot robot) {
        assertThat(robot.listTargetWindows()).anySatisfy(w ->
                assertThat(((Stage) w).getTitle()).isEqualTo("DONNA"));
        assertThat(robot.lookup("#demo-banner").queryAs(Label.class).isVisible()).isTrue();
    }

    @Test
    void enterSendsAndTheStreamedReplyShowsUp(FxRobot robot) throws TimeoutException {
        robot.clickOn("#composer").write("Draft a follow-up email please");
        robot.type(KeyCode.ENTER);

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> donnaBubble(robot).isPresent()
                && donnaBubble(robot).get().getText().contains("follow-up you could send"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".bubble-user").queryAs(Label.class).getText())
                .isEqualTo("Draft a follow-up email please");
        assertThat(robot.lookup("#composer").queryAs(TextArea.class).getText()).isEmpty();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.sessions().sessions().size() == 1);
    }

    @Test
    void shiftEnterAddsALineInsteadOfSending(FxRobot robot) {
        robot.clickOn("#composer").write("line one");
        robot.press(KeyCode.SHIFT).type(KeyCode.ENTER).release(KeyCode.SHIFT);
        robot.write("line two");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#composer").queryAs(TextArea.class).getText()).isEqualTo("line one\nline two");
        assertThat(robot.lookup(".bubble-user").tryQuery()).isEmpty();
    }

    @Test
    void ctrlNStartsANewChat(FxRobot robot) {
        robot.interact(() -> {
            app.chat().draftProperty().set("hello");
            app.chat().send();
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> app.shell().show(Page.SETTINGS));

        robot.press(KeyCode.CONTROL).type(KeyCode.N).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(app.shell().pageProperty().get()).isEqualTo(Page.CHAT);
        assertThat(app.chat().messages()).isEmpty();
    }

    @Test
    void navigationSwitchesPanes(FxRobot robot) {
        robot.clickOn("#nav-voice");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(visible(robot, "#page-voice")).isTrue();
        assertThat(visible(robot, "#composer")).isFalse();

        robot.clickOn("#nav-settings");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(visible(robot, "#openai-key")).isTrue();
        assertThat(visible(robot, "#page-voice")).isFalse();

        robot.clickOn("#nav-chat");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(visible(robot, "#composer")).isTrue();
    }

    private static Optional<Label> donnaBubble(FxRobot robot) {
        return robot.lookup(".bubble-donna").tryQueryAs(Label.class);
    }

    /** Visible on screen: the node and every ancestor (the panes are stacked and hidden, not removed). */
    private static boolean visible(FxRobot robot, String query) {
        Node n = robot.lookup(query).query();
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
