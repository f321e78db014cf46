package donna.app.sales;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.actions.BackendActionService;
import donna.app.bundled.DemoGmailLink;
import donna.app.connection.BackendConnection;
import donna.app.mail.MailParts;
import donna.app.testing.BundledWindow;
import donna.backend.config.BackendConfig;
import donna.core.leads.Lead;
import donna.core.leads.LeadFilter;
import donna.core.mail.local.MailDatabase;
import donna.standins.google.FakeGoogle;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
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
 * "Find leads in my inbox" and a lead's detail in the real window over the real bundled service, in demo mode: the
 * fake OpenAI answers with its demo brain (no scripted replies) and the fake Gmail holds the seeded demo inbox.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class SalesInboxGuiTest {
    private final FakeGoogle google = FakeGoogle.start().seedDemoInbox();
    private BundledWindow window;
    private MailParts mail;

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
        if (mail != null) {
            mail.close();
        }
        google.close();
    }

    /** The window over the bundled service with the fake Google's demo inbox linked, as the demo links it. */
    private BackendConnection open(FxRobot robot) throws Exception {
        window = BundledWindow.open(robot, data, c -> c.withGoogle(BackendConfig.Google.defaults().withClient(
                google.clientId(), google.clientSecret(), google.authUrl(), google.tokenUrl(), google.rootUrl())),
                connection -> b -> {
                    mail = MailParts.over(MailDatabase.open(data.resolve(MailDatabase.FILE_NAME)), connection,
                            uri -> { throw new AssertionError("no browser: Gmail is linked as the demo links it"); },
                            Clock.systemUTC());
                    return b.mail(mail).actions(new BackendActionService(connection))
                            .sales(new BackendSalesService(connection));
                });
        assertThat(DemoGmailLink.connect(window.connection().client(), google.authUrl()).connected()).isTrue();
        return window.connection();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).tryQueryAs(Label.class).map(Label::getText).orElse("");
    }

    @SuppressWarnings("unchecked")
    private static TableView<Lead> table(FxRobot robot) {
        return robot.lookup("#sales-leads").queryAs(TableView.class);
    }

    @Test
    void find_leads_proposes_the_buyers_adds_the_ticked_one_and_drafts_a_follow_up_that_waits(FxRobot robot)
            throws Exception {
        BackendConnection connection = open(robot);
        robot.clickOn("#nav-sales");
        robot.clickOn("#sales-find-leads");

        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> text(robot, "#sales-scan-status").startsWith("Looked at"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.app().sales().scan().runningProperty().get()).isFalse();
        assertThat(text(robot, "#sales-scan-status")).isEqualTo(
                "Looked at 6 mails from 4 new senders \u00b7 2 possible leads. Tick the ones to add.");
        List<CheckBox> boxes = robot.lookup(".sales-proposal").queryAllAs(CheckBox.class).stream().toList();
        assertThat(boxes.get(0).getText()).startsWith("Sam Reed, Northwind <sam@northwind.example.com> \u00b7 hot");
        assertThat(boxes.get(1).getText()).startsWith("Priya Nair, Brightlabs <priya@brightlabs.example.org>"
                + " \u00b7 warm");
        assertThat(connection.client().leads(new LeadFilter(null, null, null, false)))
                .as("nothing is a lead before the person adds it").isEmpty();

        // By keyboard: untick Priya (Space), then Add.
        robot.interact(() -> boxes.get(1).requestFocus());
        robot.type(KeyCode.SPACE);
        assertThat(boxes.get(1).isSelected()).isFalse();
        robot.interact(() -> robot.lookup("#sales-add-leads").query().requestFocus());
        robot.type(KeyCode.ENTER);

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 1);
        Lead sam = table(robot).getItems().getFirst();
        assertThat(sam.name()).isEqualTo("Sam Reed");
        assertThat(sam.source()).isEqualTo("mail");
        assertThat(sam.threads()).hasSize(1);
        assertThat(text(robot, "#sales-scan-status")).isEqualTo("Added 1 lead to Sales. 1 more proposed.");

        robot.interact(() -> table(robot).getSelectionModel().select(0));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> robot.lookup("#lead-threads").queryAs(ListView.class).getItems().size() == 1);
        assertThat(LeadDetailPane.line((LeadThread) robot.lookup("#lead-threads").queryAs(ListView.class).getItems()
                .getFirst())).contains("Pricing for 25 seats \u2014 Hello, we're comparing assistants");

        robot.clickOn("#lead-notes").write("Wants it before the end of the month.");
        LocalDate day = LocalDate.now().plusDays(2);
        robot.interact(() -> robot.lookup("#lead-follow-up").queryAs(DatePicker.class).setValue(day));
        robot.clickOn("#lead-save");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> text(robot, "#lead-status").equals("Saved."));
        Lead stored = connection.client().leads(new LeadFilter(null, null, null, false)).getFirst();
        assertThat(stored.notes()).isEqualTo("Wants it before the end of the month.");
        assertThat(stored.nextFollowUp()).isEqualTo(day);

        robot.clickOn("#lead-draft-follow-up");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#lead-follow-up-card .draft-card")
                .tryQuery().isPresent() || !text(robot, "#lead-error").isBlank());
        assertThat(text(robot, "#lead-error")).isBlank();
        assertThat(robot.lookup(".draft-card .draft-to").queryAs(TextField.class).getText())
                .contains("sam@northwind.example.com");
        assertThat(robot.lookup(".draft-card .draft-subject").queryAs(TextField.class).getText())
                .isEqualTo("Re: Pricing for 25 seats");
        assertThat(text(robot, "#lead-status")).contains("nothing is sent until you press Send");
        assertThat(mail.outbox().list()).as("a draft alone sends nothing").isEmpty();
        assertThat(google.sent()).isEmpty();
        BundledWindow.shot("sales");
    }
}
