package donna.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.UiAssembly;
import donna.app.bundled.BundledService;
import donna.app.bundled.BundledServiceLauncher;
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
import donna.standins.openai.Failure;
import donna.standins.openai.FakeOpenAi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
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
 * The whole chat journey through the real parts: the window, the bundled service with its embedded Postgres, and
 * OpenAI's stand-in. Type, send, watch the reply stream in; quit; start again on the same data folder; the
 * conversation is listed and opens with its messages.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class ChatEndToEndGuiTest {
    private final FakeOpenAi openAi = FakeOpenAi.start();
    private Run run;

    @TempDir
    Path data;

    @Start
    void start(Stage ignored) {
        // Each run below opens its own window, as a fresh launch of the app would.
    }

    @AfterEach
    void stop() throws Exception {
        if (run != null) {
            run.close();
        }
        openAi.close();
    }

    /** One launch of the app: window, bundled service, connection. */
    private final class Run implements AutoCloseable {
        final BackgroundTaskExecutor tasks = new BackgroundTaskExecutor(Platform::runLater);
        final BundledServiceLauncher launcher = new BundledServiceLauncher(data, () -> new BackendConfig.OpenAi(
                Optional.of("sk-test"), openAi.baseUrl(), "gpt-test", "gpt-realtime-test", Duration.ofSeconds(10)),
                new BundledService());
        UiAssembly app;
        Stage stage;

        Run(FxRobot robot) throws Exception {
            BackendConnection connection = new BackendConnection();
            robot.interact(() -> {
                stage = new Stage();
                app = UiAssembly.builder(new BackendChatService(connection), tasks, Platform::runLater)
                        .settings(new FileSettingsStore(data.resolve("settings.properties")), new NoSecrets(),
                                Settings.defaults(), true)
                        .windowStates(new WindowStateStore(data.resolve("window.properties")))
                        .browser(uri -> { throw new AssertionError("no browser in bundled mode"); })
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
        }

        @Override
        public void close() throws Exception {
            // Closed before the next test starts: a window left open would answer that test's lookups.
            WaitForAsyncUtils.asyncFx(stage::close).get(30, TimeUnit.SECONDS);
            launcher.close();
            tasks.close();
        }
    }

    @Test
    void a_conversation_streams_in_and_is_still_there_after_a_restart(FxRobot robot) throws Exception {
        run = new Run(robot);
        openAi.replyWith("Lisbon is lovely in spring: mild, bright and not yet crowded.");
        robot.clickOn("#composer").write("When should I visit Lisbon?");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> bubbleTexts(robot, run.stage, ".bubble-donna")
                .contains("Lisbon is lovely in spring: mild, bright and not yet crowded."));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> run.app.sessions().sessions().size() == 1);
        run.close();

        run = new Run(robot);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> run.app.sessions().sessions().size() == 1);
        assertThat(run.app.sessions().sessions().getFirst().title()).isEqualTo("When should I visit Lisbon?");
        // Looked up in this run's window: the previous one may still be closing.
        // The cell found is kept: the list may lay its cells out again between a second lookup and the click
        // (seen on a loaded CI run), and a click where the first row is still opens that session.
        AtomicReference<Node> cell = new AtomicReference<>();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            firstSessionCell(robot, run.stage).ifPresent(cell::set);
            return cell.get() != null;
        });
        robot.clickOn(cell.get());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> bubbleTexts(robot, run.stage, ".bubble-user")
                .contains("When should I visit Lisbon?"));
        assertThat(bubbleTexts(robot, run.stage, ".bubble-donna"))
                .containsExactly("Lisbon is lovely in spring: mild, bright and not yet crowded.");
    }

    @Test
    void when_donna_cannot_answer_the_error_offers_a_retry_that_works(FxRobot robot) throws Exception {
        run = new Run(robot);
        // Every attempt of the service's first OpenAI call fails: the turn fails as the user would see it.
        openAi.failNext(3, Failure.serverError()).replyWith("Here I am.");
        robot.clickOn("#composer").write("Are you there?");
        robot.type(KeyCode.ENTER);

        Button retry = robot.from(run.stage.getScene().getRoot()).lookup("#retry").queryButton();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, retry::isVisible);
        WaitForAsyncUtils.waitForFxEvents();
        // Beside a message long enough to wrap, the button keeps its whole label (it was cut to "...").
        assertThat(robot.lookup("#chat-error").queryAs(Label.class).getText()).isNotBlank();
        assertThat(retry.getWidth()).isGreaterThanOrEqualTo(retry.prefWidth(-1));

        robot.clickOn(retry);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> bubbleTexts(robot, run.stage, ".bubble-donna")
                .contains("Here I am."));
        assertThat(bubbleTexts(robot, run.stage, ".bubble-user")).containsExactly("Are you there?");
    }

    private static Optional<Node> firstSessionCell(FxRobot robot, Stage stage) {
        return robot.from(stage.getScene().getRoot()).lookup("#sessions").queryAs(ListView.class).lookupAll(".list-cell").stream()
                .filter(cell -> cell instanceof ListCell<?> c && c.getItem() != null).findFirst();
    }

    private static List<String> bubbleTexts(FxRobot robot, Stage stage, String styleClass) {
        return robot.from(stage.getScene().getRoot()).lookup(styleClass).queryAllAs(Label.class).stream().map(Label::getText).toList();
    }
}
