package donna.app.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.UiAssembly;
import donna.app.connection.BackendConnection;
import donna.app.memory.BackendMemoryService;
import donna.app.testing.BundledWindow;
import donna.backend.config.BackendConfig;
import donna.testkit.webhooks.FakeWebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
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
 * Settings > Integrations in the real window over the real bundled service: the person adds a webhook to a tool on
 * this machine (a receiver on loopback, allowed as with WEBHOOKS_ALLOW_LOOPBACK), copies the secret shown once, sends
 * a test, and sees it delivered; the receiver checks the signature with that secret on its own.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class IntegrationsGuiTest {
    private final FakeWebhookReceiver receiver = FakeWebhookReceiver.start();
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
        receiver.close();
    }

    @Test
    void a_webhook_is_added_its_secret_shown_once_and_a_test_arrives_signed(FxRobot robot) throws Exception {
        // A tool on the same machine: loopback allowed, deliveries looked for often.
        window = BundledWindow.open(robot, data,
                c -> c.withWebhooks(new BackendConfig.Webhooks(true, Duration.ofMillis(200))),
                connection -> b -> b.memory(new BackendMemoryService(connection))
                        .integrations(new BackendIntegrationsService(connection)));
        UiAssembly app = window.app();
        BackendConnection connection = window.connection();

        robot.clickOn("#nav-settings");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(".webhook-event").queryAll().size() > 5);
        // The section is near the end of the page: scroll to it, as the person would.
        toTheEnd(robot);
        robot.clickOn("#webhook-url").write(receiver.url("/hooks/donna"));
        robot.clickOn(robot.lookup(".webhook-event").queryAllAs(CheckBox.class).stream()
                .filter(c -> c.getText().equals("lead.created")).findFirst().orElseThrow());
        robot.clickOn("#webhook-add");

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !text(robot, "#webhook-secret").isEmpty());
        String secret = text(robot, "#webhook-secret");
        assertThat(secret).startsWith("whsec_");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(".webhook-row").queryAll().size() == 1);
        assertThat(labels(robot, ".webhook-state")).isEqualTo("Active");
        toTheEnd(robot);
        BundledWindow.shot("integrations");
        robot.clickOn("#webhook-secret-done");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".webhook-secret-box").query().isVisible()).as("the secret is gone").isFalse();
        assertThat(text(robot, "#webhook-secret")).isEmpty();

        toTheEnd(robot);
        robot.clickOn(".webhook-test");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> receiver.requests().size() == 1);
        FakeWebhookReceiver.Received test = receiver.requests().getFirst();
        assertThat(test.header("X-Donna-Event")).isEqualTo("webhook.test");
        assertThat(FakeWebhookReceiver.verify(test, "X-Donna-Signature", secret, Instant.now(), Duration.ofMinutes(5)))
                .as("signed with the secret the person copied").isTrue();
        // The log follows: read again, the row says how the test went.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            robot.interact(() -> app.integrations().refresh());
            WaitForAsyncUtils.waitForFxEvents();
            return labels(robot, ".webhook-detail").contains("webhook.test delivered");
        });

        toTheEnd(robot);
        robot.clickOn(".webhook-delete");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(".webhook-row").queryAll().isEmpty());
        assertThat(connection.client().webhooks().list().webhooks()).isEmpty();
    }

    /** The section is the end of the Settings page: scrolled there, as the person would (it grows as they add). */
    private static void toTheEnd(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            ScrollPane page = robot.lookup(".settings-view").queryAs(ScrollPane.class);
            page.layout();
            page.setVvalue(1.0);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).tryQueryAs(TextField.class).map(TextField::getText).map(t -> t == null ? "" : t)
                .orElse("");
    }

    private static String labels(FxRobot robot, String query) {
        return String.join(" | ", robot.lookup(query).queryAllAs(Label.class).stream().map(Label::getText).toList());
    }
}
