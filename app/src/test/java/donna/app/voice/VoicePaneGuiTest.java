package donna.app.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToggleButton;
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
    private VoiceWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = new VoiceWindow(stage, HotkeyHook.none());
    }

    @AfterEach
    void stop() {
        window.close();
    }

    private static String state(FxRobot robot) {
        return robot.lookup("#voice-state").queryAs(Label.class).getText();
    }

    @Test
    void connectThenHoldTheButtonOrSpaceToTalk(FxRobot robot) {
        robot.clickOn("#nav-voice");
        window.settle();
        assertThat(state(robot)).isEqualTo("Not connected");

        robot.clickOn("#voice-connect");
        window.settle();
        assertThat(state(robot)).isEqualTo("Ready: hold to talk");

        robot.moveTo("#ptt").press(MouseButton.PRIMARY);
        window.settle();
        assertThat(state(robot)).isEqualTo("Listening…");
        assertThat(window.transports.getLast().microphoneLive()).isTrue();
        robot.release(MouseButton.PRIMARY);
        window.settle();
        assertThat(state(robot)).as("a tap is not a turn").isEqualTo("Ready: hold to talk");
        assertThat(robot.lookup("#voice-notice").queryAs(Label.class).getText()).contains("Hold the button");

        robot.clickOn("#voice-state");
        robot.press(KeyCode.SPACE);
        window.settle();
        assertThat(state(robot)).isEqualTo("Listening…");
        window.transports.getLast().speak(500);
        window.scheduler.advance(Duration.ofMillis(500));
        robot.release(KeyCode.SPACE);
        window.settle();

        assertThat(state(robot)).isEqualTo("Thinking…");
        assertThat(window.transports.getLast().conversation().receivedTypes()).contains("input_audio_buffer.commit",
                "response.create");
    }

    @Test
    void theMeterFollowsTheMicrophoneOnceConnected(FxRobot robot) throws Exception {
        robot.clickOn("#nav-voice");
        window.settle();
        ProgressBar meter = robot.lookup("#level").queryAs(ProgressBar.class);
        assertThat(meter.getProgress()).isZero();

        robot.clickOn("#voice-connect");
        window.settle();
        window.transports.getLast().speak(20);
        // The meter samples on the frames it asks for: only while the pane is shown and connected.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> meter.getProgress() > 0.1);
    }

    @Test
    void spaceTalksAsSoonAsThePaneIsOpenedWhereverTheFocusIs(FxRobot robot) {
        robot.clickOn("#nav-voice");
        robot.interact(window.app.voice()::connect);
        window.settle();
        ToggleButton nav = robot.lookup("#nav-voice").queryAs(ToggleButton.class);
        // The pane, built when first shown, takes the focus itself; the navigation button keeping it (as it did when
        // the pane was built before the window showed) is the case where Space used to click the button instead.
        robot.interact(nav::requestFocus);
        assertThat(nav.isFocused()).as("the focus is on the navigation").isTrue();

        robot.press(KeyCode.SPACE);
        window.settle();
        assertThat(state(robot)).isEqualTo("Listening…");
        robot.release(KeyCode.SPACE);
        window.settle();

        assertThat(state(robot)).isEqualTo("Ready: hold to talk");
        assertThat(nav.isSelected()).as("Space did not click the navigation button").isTrue();
    }
}
