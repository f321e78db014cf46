package donna.app.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.testing.BundledWindow;
import donna.core.campaigns.Campaign;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
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
 * The Marketing pane in the real window over the real bundled service: a campaign made from a CSV with one bad
 * row shows the refused row and a preview per recipient; Start asks first, and with no Gmail connected the
 * service starts it but sends nothing: every recipient stays queued, and the pane says exactly that.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class MarketingGuiTest {
    private static final String CSV = """
            email,first_name,company
            ann@example.com,Ann,Acme
            not-an-address,Zed,Nowhere
            bo@example.com,Bo,Bolt
            """;

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
    void a_csv_campaign_shows_its_refused_row_and_preview_and_starting_it_without_gmail_sends_nothing(FxRobot robot)
            throws Exception {
        window = BundledWindow.open(robot, data, c -> c,
                connection -> b -> b.marketing(new BackendMarketingService(connection)));

        robot.clickOn("#nav-marketing");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#marketing-none").query().isVisible());
        robot.clickOn("#marketing-new");
        robot.clickOn("#marketing-name").write("Spring news");
        robot.clickOn("#marketing-subject").write("News for {{first_name}}");
        robot.clickOn("#marketing-body").write("Hi {{first_name}}, the {{company}} order is ready.");
        // As "Read a CSV file..." fills it from the file.
        robot.interact(() -> robot.lookup("#marketing-audience").queryAs(TextArea.class).setText(CSV));
        robot.clickOn("#marketing-create");

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#marketing-detail").query().isVisible()
                && !labels(robot, "#marketing-preview").isEmpty());
        assertThat(labels(robot, "#marketing-error")).isEmpty();
        assertThat(labels(robot, ".marketing-refused-row")).isEqualTo("Row 3: not-an-address (not a valid address)");
        assertThat(labels(robot, "#marketing-notice")).isEqualTo("Draft \u201cSpring news\u201d made for 2 recipients."
                + " Nothing is sent until you start it. 1 row was refused (below).");
        assertThat(labels(robot, "#marketing-progress")).isEqualTo("Draft \u00b7 0 of 2 sent \u00b7 2 queued \u00b7 "
                + "0 failed \u00b7 0 replied \u00b7 0 unsubscribed");
        assertThat(labels(robot, "#marketing-preview")).isEqualTo("To: ann@example.com\nSubject: News for Ann\n\n"
                + "Hi Ann, the Acme order is ready.");

        robot.clickOn("#marketing-preview-for").clickOn("bo@example.com");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> labels(robot, "#marketing-preview")
                .startsWith("To: bo@example.com"));
        assertThat(labels(robot, "#marketing-preview")).endsWith("Subject: News for Bo\n\nHi Bo, the Bolt order is "
                + "ready.");

        // Changing the draft: the form comes back filled; an empty audience keeps its two recipients.
        robot.clickOn("#marketing-change");
        assertThat(robot.lookup("#marketing-name").queryAs(TextField.class).getText()).isEqualTo("Spring news");
        assertThat(robot.lookup("#marketing-create").queryAs(Button.class).getText()).isEqualTo("Save changes");
        robot.interact(() -> robot.lookup("#marketing-name").queryAs(TextField.class).setText("Spring news, final"));
        robot.clickOn("#marketing-create");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> labels(robot, "#marketing-notice")
                .startsWith("Draft \u201cSpring news, final\u201d changed; it goes to 2 recipients."));

        List<Campaign> stored = window.connection().client().campaigns().list();
        assertThat(stored).extracting(Campaign::status).containsExactly("draft");
        assertThat(stored).extracting(Campaign::name).containsExactly("Spring news, final");

        robot.clickOn("#marketing-start");
        assertThat(labels(robot, "#marketing-confirm-question")).isEqualTo("Send \u201cNews for {{first_name}}\u201d "
                + "to 2 recipients from your Gmail, one mail each, paced under Gmail's limits (at most 400 a day)?");
        assertThat(window.connection().client().campaigns().get(stored.getFirst().id()).status())
                .as("nothing starts before the person's yes").isEqualTo("draft");
        robot.clickOn("#marketing-confirm-start");

        // No Gmail is connected: the service runs the campaign but cannot send, so every recipient stays queued.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> labels(robot, "#marketing-progress")
                .startsWith("Running"));
        assertThat(labels(robot, "#marketing-progress")).isEqualTo("Running \u00b7 0 of 2 sent \u00b7 2 queued \u00b7 "
                + "0 failed \u00b7 0 replied \u00b7 0 unsubscribed");
        assertThat(labels(robot, ".marketing-recipient")).isEqualTo("ann@example.com \u00b7 queued | "
                + "bo@example.com \u00b7 queued");
        assertThat(labels(robot, "#marketing-status-note")).contains("not connected");
        Campaign running = window.connection().client().campaigns().get(stored.getFirst().id());
        assertThat(running.status()).isEqualTo("running");
        assertThat(running.counts().sent()).isZero();
        assertThat(robot.lookup("#marketing-pause").query().isVisible()).isTrue();
        BundledWindow.shot("marketing");

        robot.clickOn("#marketing-pause");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> labels(robot, "#marketing-progress")
                .startsWith("Paused"));
        assertThat(window.connection().client().campaigns().get(running.id()).status()).isEqualTo("paused");
        robot.clickOn("#marketing-cancel");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> labels(robot, "#marketing-progress")
                .startsWith("Cancelled"));
        assertThat(labels(robot, "#marketing-progress")).contains("2 skipped");
        assertThat(labels(robot, "#marketing-error")).isEmpty();
    }

    private static String labels(FxRobot robot, String query) {
        return String.join(" | ", robot.lookup(query).queryAllAs(Label.class).stream().map(Label::getText)
                .map(s -> s == null ? "" : s).toList());
    }
}
