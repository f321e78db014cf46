package donna.app.today;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import donna.app.testing.BundledWindow;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import donna.app.bundled.DemoGmailLink;
import donna.app.shell.Page;
import donna.backend.config.BackendConfig;
import donna.core.api.BackendClient;
import donna.core.mail.AutopilotSettings;
import donna.standins.google.FakeGoogle;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
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
 * a spoken turn calls it) shows with who, how to reach them and by when; Done takes it off, in the service too. With
 * Gmail linked (the fake Google's demo inbox, the fake OpenAI's demo triage): unread mail sorted by bucket with its
 * reasons, autopilot's draft approved by keyboard (the one mail sent), and a follow-up drafted into the composer
 * with nothing sent.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class TodayGuiTest {
    private BundledWindow window;
    private FakeGoogle google;

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
        if (google != null) {
            google.close();
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
        assertThat(labels(robot, "#today-triage-note")).startsWith("Connect Gmail");

        robot.clickOn(".today-message-done");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(".today-message").queryAll().isEmpty()
                && window.connection().client().today().load().messages().isEmpty());
        assertThat(robot.lookup("#today-no-messages").query().isVisible()).isTrue();
        assertThat(labels(robot, "#today-error")).isEmpty();
    }

    @Test
    void unread_mail_is_sorted_by_bucket_the_review_queue_and_follow_ups_work_by_keyboard(FxRobot robot)
            throws Exception {
        google = FakeGoogle.start().seedDemoInbox();
        window = BundledWindow.open(robot, data, c -> c.withGoogle(BackendConfig.Google.defaults().withClient(
                google.clientId(), google.clientSecret(), google.authUrl(), google.tokenUrl(), google.rootUrl())),
                connection -> b -> b.today(new BackendTodayService(connection)));
        BackendClient client = window.connection().client();
        assertThat(DemoGmailLink.connect(client, google.authUrl()).connected()).isTrue();
        client.callTool("take_message", new ObjectMapper().createObjectNode().put("caller_name", "Bob Hale")
                .put("contact", "+1 555 0100").put("message", "The van is ready; call me about the invoice.")
                .put("callback_by", "before 5 pm"), null, "call_1", null, true);
        // Autopilot drafts a reply to Ann's routine question; it waits in the review queue for the person.
        // A day's cap of one: the pass asked for here or a scheduled one (whichever comes first) drafts it, no more.
        client.putAutopilotSettings(new AutopilotSettings(true, false, 1, 1));
        client.autopilotRun();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> client.autopilotDrafts().size() == 1);
        String answered = client.autopilotDrafts().getFirst().to().getFirst();

        robot.clickOn("#nav-today");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup(".today-triage-row").queryAll().size() == 3
                && !window.app().today().sortingProperty().get());
        assertThat(labels(robot, "#today-bucket-needs_reply .today-triage-mail"))
                .isEqualTo("Ann Lee \u00b7 Lunch on Thursday?");
        assertThat(labels(robot, "#today-bucket-needs_reply .today-triage-reason")).startsWith("Ann asks");
        assertThat(labels(robot, "#today-bucket-waiting_on_someone .today-triage-mail"))
                .isEqualTo("Dana Ortiz \u00b7 Venue list");
        assertThat(labels(robot, "#today-bucket-can_wait .today-triage-mail"))
                .isEqualTo("Product News \u00b7 What's new this month");
        assertThat(robot.lookup(".today-draft").queryAll()).hasSize(1);
        assertThat(labels(robot, ".today-follow-up")).startsWith("To Bo Park \u00b7 Quote for the new website");
        assertThat(labels(robot, ".today-message-heading")).startsWith("Bob Hale");
        BundledWindow.shot("today");

        // Draft a follow-up, by keyboard: the composer opens with DONNA's draft to Bo; nothing is sent.
        Button draft = robot.lookup(".today-follow-up-draft").queryAs(Button.class);
        robot.interact(draft::requestFocus);
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> window.app().shell().pageProperty().get() == Page.MAIL
                        && String.valueOf(window.app().mail().compose().toProperty().get()).contains("bo@"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.app().mail().compose().toProperty().get()).contains("bo@studio.example");
        assertThat(window.app().mail().compose().bodyProperty().get()).containsIgnoringCase("following up");
        assertThat(google.sent()).as("a draft only").isEmpty();

        // Approve, by keyboard: the person's yes sends autopilot's reply, and it leaves the queue.
        robot.clickOn("#nav-today");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(".today-draft-approve").tryQuery()
                .isPresent() && !window.app().today().loadingProperty().get());
        Button approve = robot.lookup(".today-draft-approve").queryAs(Button.class);
        robot.interact(approve::requestFocus);
        robot.type(KeyCode.SPACE);
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> google.sent().size() == 1
                    && robot.lookup(".today-draft").queryAll().isEmpty());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("not sent: " + google.sent().size() + " sent, error "
                    + labels(robot, "#today-error") + ", focus " + approve.isFocused(), e);
        }
        assertThat(answered).contains(google.sent().getFirst().to().getFirst());
        assertThat(labels(robot, "#today-error")).isEmpty();
    }

    private static String labels(FxRobot robot, String query) {
        return String.join(" | ", robot.lookup(query).queryAllAs(Labeled.class).stream().map(Labeled::getText)
                .map(s -> s == null ? "" : s).toList());
    }
}
