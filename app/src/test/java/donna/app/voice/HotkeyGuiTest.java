package donna.app.voice;

import static org.assertj.core.api.Assertions.assertThat;

import donna.audio.hotkey.HotkeyCombo;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.control.Label;
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

/**
 * The push-to-talk hotkey through the real Settings pane: captured from the keyboard, saved, registered at once in
 * place of the old one, and then pressing the Voice pane's button; where the hook is unavailable, the note and Space.
 * The hook is a fake (the real one needs a desktop that lets apps watch keys; {@code TestGlobalHotkey} covers it).
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class HotkeyGuiTest {
    private final FakeHotkeyHook hook = new FakeHotkeyHook();
    private VoiceWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = new VoiceWindow(stage, hook);
    }

    @AfterEach
    void stop() {
        window.close();
    }

    /** What {@code DonnaApp} does after the first frame. */
    private void startHotkey(FxRobot robot) throws Exception {
        robot.interact(window.app.hotkey()::start);
        await(() -> hook.registered() || !hook.calls.isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void await(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition::getAsBoolean);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryLabeled().getText();
    }

    @Test
    void aHotkeyPressedInSettingsIsSavedRegisteredAtOnceAndTalks(FxRobot robot) throws Exception {
        startHotkey(robot);
        robot.clickOn("#nav-settings");
        assertThat(text(robot, "#ptt-hotkey")).isEqualTo("Ctrl+Alt+Space");
        assertThat(text(robot, "#ptt-hotkey-status")).isEqualTo("Works anywhere on the desktop.");

        robot.clickOn("#ptt-hotkey");
        assertThat(text(robot, "#ptt-hotkey")).isEqualTo("Press the keys… (Esc cancels)");
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT);
        assertThat(text(robot, "#ptt-hotkey")).isEqualTo("Ctrl+Shift+…");
        robot.press(KeyCode.F).release(KeyCode.F, KeyCode.SHIFT, KeyCode.CONTROL);

        assertThat(text(robot, "#ptt-hotkey")).isEqualTo("Ctrl+Shift+F");
        await(() -> hook.calls.contains("register Ctrl+Shift+F"));
        assertThat(hook.calls).containsExactly("register Ctrl+Alt+Space", "close Ctrl+Alt+Space",
                "register Ctrl+Shift+F");
        await(() -> window.settingsFile().load().pushToTalkHotkey().equals(HotkeyCombo.parse("Ctrl+Shift+F")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#ptt-hotkey-status")).isEqualTo("Works anywhere on the desktop.");

        robot.clickOn("#nav-voice");
        robot.clickOn("#voice-connect");
        window.settle();
        assertThat(text(robot, "#voice-keys")).startsWith("Hold Ctrl+Shift+F anywhere");
        hook.pressAndRelease(() -> {
            window.settle();
            assertThat(text(robot, "#voice-state")).isEqualTo("Listening…");
        });
        window.settle();
        assertThat(text(robot, "#voice-state")).as("a tap is not a turn").isEqualTo("Ready: hold to talk");
    }

    @Test
    void aModifierAloneIsRefusedEscapeCancelsAndResetGoesBackToTheDefault(FxRobot robot) throws Exception {
        startHotkey(robot);
        robot.clickOn("#nav-settings");
        robot.clickOn("#ptt-hotkey");
        robot.press(KeyCode.CONTROL).release(KeyCode.CONTROL);
        assertThat(text(robot, "#ptt-hotkey-error")).startsWith("Cannot use Ctrl: a hotkey needs a key");
        robot.press(KeyCode.SPACE).release(KeyCode.SPACE);
        assertThat(text(robot, "#ptt-hotkey-error")).startsWith("Cannot use Space: a hotkey needs Ctrl, Alt");

        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        assertThat(text(robot, "#ptt-hotkey")).isEqualTo("Ctrl+Alt+Space");
        assertThat(robot.lookup("#ptt-hotkey-error").queryAs(Label.class).isVisible()).isFalse();
        assertThat(Files.exists(window.data.resolve("settings.properties"))).as("nothing saved").isFalse();

        robot.clickOn("#ptt-hotkey");
        robot.press(KeyCode.ALT, KeyCode.F9).release(KeyCode.F9, KeyCode.ALT);
        await(() -> hook.calls.contains("register Alt+F9"));
        robot.clickOn("#ptt-hotkey-reset");

        assertThat(text(robot, "#ptt-hotkey")).isEqualTo("Ctrl+Alt+Space");
        await(() -> hook.calls.getLast().equals("register Ctrl+Alt+Space") && hook.calls.size() == 5);
        await(() -> window.settingsFile().load().pushToTalkHotkey().equals(HotkeyCombo.DEFAULT));
    }

    @Test
    void whereTheHookIsUnavailableBothPanesSaySoAndSpaceInTheVoicePaneTalks(FxRobot robot) throws Exception {
        hook.refuse("this Wayland session gives apps no global keys (no X11 display)");
        startHotkey(robot);

        robot.clickOn("#nav-settings");
        assertThat(text(robot, "#ptt-hotkey-status")).startsWith("Not available: this Wayland session");
        robot.clickOn("#nav-voice");
        robot.clickOn("#voice-connect");
        window.settle();
        Label note = robot.lookup("#hotkey-note").queryAs(Label.class);
        assertThat(note.isVisible()).isTrue();
        assertThat(note.getText()).startsWith("The global hotkey is unavailable: this Wayland session")
                .endsWith("Hold Space in this pane (or the button) to talk.");

        robot.press(KeyCode.SPACE);
        window.settle();
        assertThat(text(robot, "#voice-state")).isEqualTo("Listening…");
        robot.release(KeyCode.SPACE);
        window.settle();
        assertThat(note.isVisible()).as("talking does not hide it").isTrue();
    }
}
