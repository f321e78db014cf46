package donna.app.today;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import donna.app.testing.BundledWindow;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Today pane in the real window over the real bundled service: a message DONNA took (the take_message tool, as
 * a spoken turn calls it) shows with who, how to reach them and by when; Done takes it off, in the service too.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class TodayGuiTest {
    private BundledWindow window;

    @TempDir
    Path data;

    @Start
    void start(Stage ignored) {
        // The window is opened by the test, as a launch of the app would.
    }

    @AfterEach
    void stop() throws Exception {
        if (window != null) {
            window.close();
        }
    }

    @Test
    void a_message_donna_took_shows_with_its_caller_and_done_takes_it_off(FxRobot robot) throws Exception {
        window = BundledWindow.open(robot, data, c -> c, connection -> b -> b.today(new BackendTodayService(connection)));
        var arguments = new ObjectMapper().createObjectNode().put("caller_name", "Bob Hale")
                .put("contact", "+1 555 0100").put("message", "The van is ready; call me about the invoice.")
                .put("callback_by", "before 5 pm");
        window.connection().client().callTool("take_message", arguments, null, "call_1", null, true);

        robot.clickOn("#nav-today");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(".today-message").queryAll().size() == 1);
        assertThat(labels(robot, ".today-message-heading")).startsWith("Bob Hale \u00b7 +1 555 0100 \u00b7 taken ")
                .endsWith("call back before 5 pm");
        assertThat(labels(robot, ".today-message-text")).isEqualTo("The van is ready; call me about the invoice.");
        assertThat(robot.lookup("#today-no-follow-ups").query().isVisible()).isTrue();
        BundledWindow.shot("today");

        robot.clickOn(".today-message-done");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(".today-message").queryAll().isEmpty()
                && window.connection().client().today().load().messages().isEmpty());
        assertThat(robot.lookup("#today-no-messages").query().isVisible()).isTrue();
        assertThat(labels(robot, "#today-error")).isEmpty();
    }

    private static String labels(FxRobot robot, String query) {
        return String.join(" | ", robot.lookup(query).queryAllAs(Label.class).stream().map(Label::getText)
                .map(s -> s == null ? "" : s).toList());
    }
}
