package donna.app.actions;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.UiAssembly;
import donna.app.bundled.BundledService;
import donna.app.bundled.BundledServiceLauncher;
import donna.app.chat.ChatService;
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
import donna.core.chat.ChatMessage;
import donna.core.chat.ChatReply;
import donna.core.chat.ChatRequest;
import donna.core.chat.Profile;
import donna.core.chat.SessionPage;
import donna.core.chat.SessionSummary;
import donna.core.mail.local.MailDatabase;
import donna.core.mail.outbox.OutboxEntry;
import donna.core.mail.outbox.OutboxState;
import donna.core.oauth.Browser;
import donna.core.tools.Draft;
import donna.core.tools.ToolStep;
import donna.core.tools.TurnAction;
import donna.standins.google.FakeGoogle;
import donna.standins.openai.FakeOpenAi;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
 * What the person sees when DONNA acts, in the real window: a typed turn whose reply carries a draft shows its tool
 * steps and the draft as a card; the person edits it and presses Ctrl+Enter (the card's Send); the mail goes into
 * the outbox under the draft's id and out through the bundled service to Google's stand-in, exactly once, and the
 * card says "Sent". Then Settings > Memory lists what DONNA remembers, edits it and deletes it, against the service.
 *
 * <p>The turn's model side (the tool loop, the drafts and actions routes) is the service's, built in parallel: here
 * a scripted {@link ChatService} answers the turn and {@link FakeActionService} plays the drafts and actions routes
 * by the contract of docs/api.md. Everything after the person's click (outbox, flusher, the service's send, Gmail)
 * is real.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class ActionCardsGuiTest {
    private static final Draft DRAFT = new Draft("d-7c1e9a42", List.of("ann@example.com"), List.of(),
            "Re: The contract", "Hi Ann,\n\nTuesday works for me.\n\nSam", null, null, null, "open", null, null);

    private final FakeOpenAi openAi = FakeOpenAi.start();
    private final FakeGoogle google = FakeGoogle.start();
    private final FakeActionService actions = new FakeActionService();
    private final CountDownLatch replyMayFinish = new CountDownLatch(1);
    private BackgroundTaskExecutor tasks;
    private BundledServiceLauncher launcher;
    private MailParts mail;
    private UiAssembly app;
    private Stage stage;
    private BackendConnection connection;

    @TempDir
    Path data;

    @Start
    void start(Stage ignored) {
        // The window is opened by the test, as a launch of the app would.
    }

    @AfterEach
    void stop() throws Exception {
        replyMayFinish.countDown();
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

    /** The turn: DONNA searches, drafts (the reply waits for the test so the live step rows can be seen), answers. */
    private final ChatService scriptedChat = new ChatService() {
        @Override
        public ChatReply send(ChatRequest request, Consumer<String> onDelta) {
            return send(request, onDelta, step -> { });
        }

        @Override
        public ChatReply send(ChatRequest request, Consumer<String> onDelta, Consumer<ToolStep> onTool) {
            onTool.accept(new ToolStep("call_1", "search_mail", ToolStep.Status.RUNNING, "", -1));
            onTool.accept(new ToolStep("call_1", "search_mail", ToolStep.Status.DONE, "from:ann contract: 1 found",
                    -1));
            onTool.accept(new ToolStep("call_2", "draft_reply", ToolStep.Status.RUNNING, "", -1));
            try {
                replyMayFinish.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            actions.add(DRAFT);
            onDelta.accept("Here is a reply to Ann. Edit it if you like, then press Send.");
            return new ChatReply("Here is a reply to Ann. Edit it if you like, then press Send.", "draft_ready",
                    new ChatReply.Metadata(Profile.GENERAL, false, "c-1", true, null,
                            List.of(new TurnAction.DraftReady(DRAFT)), List.of(
                            new ToolStep("call_1", "search_mail", ToolStep.Status.DONE, "from:ann contract: 1 found",
                                    35),
                            new ToolStep("call_2", "draft_reply", ToolStep.Status.DONE, "to ann@example.com", 820))));
        }

        @Override
        public SessionPage sessions(String query, int offset, int limit) {
            return new SessionPage(List.of(), OptionalInt.empty());
        }

        @Override
        public List<ChatMessage> recentMessages(String chatId) {
            return List.of();
        }

        @Override
        public SessionSummary rename(String chatId, String title) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(String chatId) {
            throw new UnsupportedOperationException();
        }
    };

    private void open(FxRobot robot) throws Exception {
        tasks = new BackgroundTaskExecutor(Platform::runLater);
        launcher = new BundledServiceLauncher(data, () -> new BackendConfig.OpenAi(Optional.of("sk-test"),
                openAi.baseUrl(), "gpt-test", "gpt-realtime-test", Duration.ofSeconds(10)),
                () -> BackendConfig.Google.defaults().withClient(google.clientId(), google.clientSecret(),
                        google.authUrl(), google.tokenUrl(), google.rootUrl()), new BundledService());
        connection = new BackendConnection();
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        Browser simulated = uri -> browser.sendAsync(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.discarding());
        mail = MailParts.over(MailDatabase.open(data.resolve(MailDatabase.FILE_NAME)), connection, simulated,
                Clock.systemUTC(), google::authUrl);
        robot.interact(() -> {
            stage = new Stage();
            app = UiAssembly.builder(scriptedChat, tasks, Platform::runLater)
                    .settings(new FileSettingsStore(data.resolve("settings.properties")), new NoSecrets(),
                            Settings.defaults(), true)
                    .windowStates(new WindowStateStore(data.resolve("window.properties")))
                    .browser(simulated)
                    .mail(mail)
                    .actions(actions)
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
        // Gmail connected, as the person would: the Mail pane's Connect, through the simulated browser.
        robot.clickOn("#nav-mail");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> text(robot, "#mail-status")
                .equals("Gmail is not connected"));
        robot.clickOn("#mail-connect");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> text(robot, "#mail-status")
                .equals("Connected as " + FakeGoogle.DEFAULT_EMAIL));
        robot.clickOn("#nav-chat");
    }

    @Test
    void a_drafted_reply_shows_as_a_card_and_its_send_goes_out_once_through_the_outbox(FxRobot robot)
            throws Exception {
        open(robot);

        robot.clickOn("#composer").write("Draft a reply to Ann saying Tuesday works").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".tool-step").queryAll().size() == 2);
        assertThat(robot.lookup(".tool-step .label").queryAllAs(Label.class)).extracting(Label::getText)
                .containsExactly("Searched mail: from:ann contract: 1 found", "Drafting a reply\u2026");
        shot("steps");
        replyMayFinish.countDown();

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".draft-card").tryQuery().isPresent());
        assertThat(robot.lookup(".tool-step .label").queryAllAs(Label.class)).extracting(Label::getText)
                .containsExactly("Searched mail: from:ann contract: 1 found", "Drafted a reply: to ann@example.com");
        assertThat(robot.lookup(".draft-card .draft-to").queryAs(TextField.class).getText())
                .isEqualTo("ann@example.com");
        assertThat(mail.outbox().list()).as("a card alone sends nothing").isEmpty();
        assertThat(google.sent()).isEmpty();

        FxClicks.focus(robot, ".draft-card .draft-subject")
                .press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL)
                .write("Re: The contract (Tuesday)");
        shot("card");
        robot.press(KeyCode.CONTROL).type(KeyCode.ENTER).release(KeyCode.CONTROL); // the focused card's Send

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> google.sent().size() == 1);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> text(robot, ".draft-card .card-status").equals("Sent"));
        assertThat(actions.calls).containsExactly("edit d-7c1e9a42", "send_draft d-7c1e9a42", "confirm a-1");
        List<OutboxEntry> outbox = mail.outbox().list();
        assertThat(outbox).singleElement().satisfies(e -> {
            assertThat(e.idempotencyKey()).isEqualTo("d-7c1e9a42");
            assertThat(e.state()).isEqualTo(OutboxState.SENT);
        });
        assertThat(google.sentCount(outbox.getFirst().messageId())).as("sent once, by its Message-ID").isEqualTo(1);
        assertThat(google.sent().getFirst().to()).containsExactly("ann@example.com");
        assertThat(google.sent().getFirst().text()).contains("Tuesday works for me.");
        shot("sent");

        FxClicks.focus(robot, ".draft-card .draft-body")
                .press(KeyCode.CONTROL).type(KeyCode.ENTER).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(actions.calls).as("a sent card sends nothing more").hasSize(3);
        assertThat(google.sent()).hasSize(1);
    }

    @Test
    void settings_memory_lists_edits_and_deletes_what_donna_remembers(FxRobot robot) throws Exception {
        open(robot);
        connection.client().putMemory("sign_off", com.fasterxml.jackson.databind.node.TextNode.valueOf("Best, Sam"));
        connection.client().putMemory("tone", com.fasterxml.jackson.databind.node.TextNode.valueOf("warm"));

        robot.clickOn("#nav-settings");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(".memory-row").queryAll().size() == 2);
        // The Memory section is the last of the Settings page: scroll down to it, as the person would.
        robot.interact(() -> robot.lookup(".settings-view").queryAs(javafx.scene.control.ScrollPane.class)
                .setVvalue(1.0));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(".memory-value").press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL)
                .write("Cheers, Sam").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> connection.client().memory().stream()
                .anyMatch(m -> m.key().equals("sign_off") && m.value().asText().equals("Cheers, Sam")));
        shot("memory");

        robot.clickOn(".memory-delete");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(".memory-row").queryAll().size() == 1);
        assertThat(connection.client().memory()).extracting(m -> m.key()).containsExactly("tone");
        assertThat(text(robot, "#memory-error")).isEmpty();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).tryQueryAs(Label.class).map(Label::getText).map(t -> t == null ? "" : t)
                .orElse("");
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
