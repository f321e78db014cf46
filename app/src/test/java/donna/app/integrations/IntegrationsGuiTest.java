package donna.app.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.UiAssembly;
import donna.app.bundled.BundledService;
import donna.app.bundled.BundledServiceLauncher;
import donna.app.chat.BackendChatService;
import donna.app.common.BackgroundTaskExecutor;
import donna.app.connection.AppMode;
import donna.app.connection.BackendConnection;
import donna.app.connection.ServiceConnector;
import donna.app.settings.FileSettingsStore;
import donna.app.settings.NoSecrets;
import donna.app.settings.Settings;
import donna.app.shell.ShellViewModel;
import donna.app.shell.WindowStateStore;
import donna.backend.config.BackendConfig;
import donna.testkit.openai.FakeOpenAi;
import donna.testkit.webhooks.FakeWebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
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
    private final FakeOpenAi openAi = FakeOpenAi.start();
    private final FakeWebhookReceiver receiver = FakeWebhookReceiver.start();
    private BackgroundTaskExecutor tasks;
    private BundledServiceLauncher launcher;
    private UiAssembly app;
    private Stage stage;

    @TempDir
    Path data;

    @Start
    void start(Stage ignored) {
        // The window is opened by the test, as a launch of the app would.
    }

    @AfterEach
    void stop() throws Exception {
        if (stage != null) {
            WaitForAsyncUtils.asyncFx(stage::close).get(30, TimeUnit.SECONDS);
        }
        if (launcher != null) {
            launcher.close();
        }
        if (tasks != null) {
            tasks.close();
        }
        receiver.close();
        openAi.close();
    }

    @Test
    void a_webhook_is_added_its_secret_shown_once_and_a_test_arrives_signed(FxRobot robot) throws Exception {
        tasks = new BackgroundTaskExecutor(Platform::runLater);
        BundledService bundled = new BundledService();
        launcher = new BundledServiceLauncher(data, () -> new BackendConfig.OpenAi(Optional.of("sk-test"),
                openAi.baseUrl(), "gpt-test", "gpt-realtime-test", Duration.ofSeconds(10)),
                // A tool on the same machine: loopback allowed, deliveries looked for often.
                config -> bundled.start(config.withWebhooks(new BackendConfig.Webhooks(true, Duration.ofMillis(200)))));
        BackendConnection connection = new BackendConnection();
        robot.interact(() -> {
            stage = new Stage();
            app = UiAssembly.builder(new BackendChatService(connection), tasks, Platform::runLater)
                    .settings(new FileSettingsStore(data.resolve("settings.properties")), new NoSecrets(),
                            Settings.defaults(), true)
                    .windowStates(new WindowStateStore(data.resolve("window.properties")))
                    .browser(uri -> { throw new AssertionError("no browser"); })
                    .memory(new donna.app.memory.BackendMemoryService(connection))
                    .integrations(new BackendIntegrationsService(connection))
                    .build();
            app.show(stage);
            new ServiceConnector(new AppMode(Optional.empty(), false, false), launcher, connection, tasks,
                    () -> { throw new AssertionError("no sign-in in bundled mode"); })
                    .connect(app.shell(), app::connected);
        });
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS,
                () -> app.shell().statusKindProperty().get() != ShellViewModel.StatusKind.PENDING);
        assertThat(app.shell().statusKindProperty().get()).as(app.shell().statusProperty().get())
                .isEqualTo(ShellViewModel.StatusKind.OK);

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
        shot("integrations");
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

    /** With -Ddonna.shots=DIR (a run under a real X display), the screen as the person sees it, for a look. */
    private static void shot(String name) throws Exception {
        String dir = System.getProperty("donna.shots");
        if (dir == null) {
            return;
        }
        WaitForAsyncUtils.waitForFxEvents();
        new ProcessBuilder("import", "-window", "root", Path.of(dir, name + ".png").toString()).inheritIO().start()
                .waitFor(20, TimeUnit.SECONDS);
    }
}
