package donna.app.actions;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.UiAssembly;
import donna.app.bundled.BundledService;
import donna.app.bundled.BundledServiceLauncher;
import donna.app.bundled.DemoGmailLink;
import donna.app.chat.BackendChatService;
import donna.app.common.BackgroundTaskExecutor;
import donna.app.connection.AppMode;
import donna.app.connection.BackendConnection;
import donna.app.connection.ServiceConnector;
import donna.app.mail.MailParts;
import donna.app.memory.BackendMemoryService;
import donna.app.settings.FileSettingsStore;
import donna.app.settings.NoSecrets;
import donna.app.settings.Settings;
import donna.app.shell.ShellViewModel;
import donna.app.shell.WindowStateStore;
import donna.app.testing.FxClicks;
import donna.backend.config.BackendConfig;
import donna.core.mail.local.MailDatabase;
import donna.core.mail.outbox.OutboxEntry;
import donna.core.mail.outbox.OutboxState;
import donna.standins.google.FakeGoogle;
import donna.standins.openai.Endpoint;
import donna.standins.openai.FakeOpenAi;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Label;
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
 * DONNA acts, end to end through every real part: the window, the bundled service running the tool loop over its
 * registry, the drafts and actions routes, the outbox, Gmail's stand-in. The model is OpenAI's stand-in (the demo's
 * deterministic one, which calls the tools offered): a typed "draft a reply to Ann" searches the mail, drafts, and
 * shows the draft as a card; nothing is sent until the person's Send, and then exactly one mail reaches Gmail.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class ToolsEndToEndGuiTest {
    private final FakeOpenAi openAi = FakeOpenAi.start();
    private final FakeGoogle google = FakeGoogle.start().seedDemoInbox();
    private BackgroundTaskExecutor tasks;
    private BundledServiceLauncher launcher;
    private MailParts mail;
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
            // Closed before the next test starts: a window left open would answer that test's lookups.
            WaitForAsyncUtils.asyncFx(stage::close).get(30, TimeUnit.SECONDS);
        }
        if (mail != null) {
            mail.close();
        }
        if (launcher != null) {
            launcher.close();
        }
        if (tasks != null) {
            tasks.close();
        }
        google.close();
        openAi.close();
    }

    @Test
    void a_typed_turn_searches_drafts_shows_the_card_and_send_delivers_exactly_one_mail(FxRobot robot)
            throws Exception {
        tasks = new BackgroundTaskExecutor(Platform::runLater);
        launcher = new BundledServiceLauncher(data, () -> new BackendConfig.OpenAi(Optional.of("sk-test"),
                openAi.baseUrl(), "gpt-test", "gpt-realtime-test", Duration.ofSeconds(10)),
                () -> BackendConfig.Google.defaults().withClient(google.clientId(), google.clientSecret(),
                        google.authUrl(), google.tokenUrl(), google.rootUrl()), new BundledService());
        BackendConnection connection = new BackendConnection();
        mail = MailParts.over(MailDatabase.open(data.resolve(MailDatabase.FILE_NAME)), connection,
                uri -> { throw new AssertionError("no browser: Gmail is linked as the demo links it"); },
                Clock.systemUTC());
        robot.interact(() -> {
            stage = new Stage();
            app = UiAssembly.builder(new BackendChatService(connection), tasks, Platform::runLater)
                    .settings(new FileSettingsStore(data.resolve("settings.properties")), new NoSecrets(),
                            Settings.defaults(), true)
                    .windowStates(new WindowStateStore(data.resolve("window.properties")))
                    .browser(uri -> { throw new AssertionError("no browser"); })
                    .mail(mail)
                    .actions(new BackendActionService(connection))
                    .memory(new BackendMemoryService(connection))
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
        assertThat(DemoGmailLink.connect(connection.client(), google.authUrl()).connected()).isTrue();

        robot.clickOn("#composer").write("Draft a reply to Ann saying Thursday works").type(KeyCode.ENTER);
        try {
            // Generous: on a loaded 2-core CI machine the turn (three model calls, a Gmail search, a draft) is slow.
            WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> robot.lookup(".draft-card").tryQuery().isPresent()
                    || !robot.lookup("#chat-error").tryQueryAs(Label.class).map(Label::getText).orElse("").isBlank());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no card; on screen: " + robot.lookup(".label").queryAllAs(Label.class).stream()
                    .map(Label::getText).toList() + "; model requests: " + openAi.requests(Endpoint.RESPONSES).size()
                    + "; turn still running: " + app.chat().busyProperty().get() + "; items: " + app.chat().messages()
                    .stream().map(m -> m.author() + " steps=" + m.steps().size() + " cards=" + m.cards().size())
                    .toList(),
                    e);
        }
        assertThat(robot.lookup("#chat-error").tryQueryAs(Label.class).map(Label::getText).orElse(""))
                .as("the turn failed").isBlank();
        assertThat(robot.lookup(".tool-step .label").queryAllAs(Label.class)).extracting(Label::getText)
                .anyMatch(t -> t.startsWith("Searched mail")).anyMatch(t -> t.startsWith("Drafted a reply"));
        assertThat(robot.lookup(".draft-card .draft-to").queryAs(TextField.class).getText())
                .contains("ann@example.com");
        // The model was handed each tool's output and asked again: the loop ran in the service.
        assertThat(openAi.requests(Endpoint.RESPONSES).getLast().functionCallOutputs()).isNotEmpty();
        assertThat(mail.outbox().list()).as("a draft alone sends nothing").isEmpty();
        assertThat(google.sent()).isEmpty();

        FxClicks.focus(robot, ".draft-card .draft-body")
                .press(KeyCode.CONTROL).type(KeyCode.ENTER).release(KeyCode.CONTROL);

        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> google.sent().size() == 1);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("not sent; on screen: " + robot.lookup(".label").queryAllAs(Label.class).stream()
                    .map(Label::getText).toList() + "; outbox: " + mail.outbox().list(), e);
        }
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(".draft-card .card-status")
                .tryQueryAs(Label.class).map(Label::getText).orElse("").equals("Sent"));
        List<OutboxEntry> outbox = mail.outbox().list();
        assertThat(outbox).singleElement().satisfies(e -> assertThat(e.state()).isEqualTo(OutboxState.SENT));
        assertThat(google.sentCount(outbox.getFirst().messageId())).as("sent once, by its Message-ID").isEqualTo(1);
        assertThat(google.sent().getFirst().to()).containsExactly("ann@example.com");
        assertThat(google.sent().getFirst().text()).contains("Thursday works.");

        FxClicks.focus(robot, ".draft-card .draft-body")
                .press(KeyCode.CONTROL).type(KeyCode.ENTER).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(google.sent()).as("a sent card sends nothing more").hasSize(1);
    }
}
