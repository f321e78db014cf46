package donna.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
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
import donna.core.mail.MailSummary;
import donna.core.mail.local.MailDatabase;
import donna.core.mail.outbox.OutboxEntry;
import donna.core.mail.outbox.OutboxState;
import donna.core.oauth.Browser;
import donna.standins.google.FakeGoogle;
import donna.standins.openai.FakeOpenAi;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.concurrent.Worker;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.web.WebView;
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
 * The Mail pane through the real parts: the window, the bundled service with its embedded Postgres, and Google's
 * stand-in. Connect through a simulated browser, read the inbox, have DONNA draft a reply (filled in, not sent),
 * open a mail whose remote image loads only after "Show images" (a pixel server counts the loads), reply to it
 * through the outbox, let autopilot draft into its review queue and send one draft, then start again with Google
 * gone: the saved inbox shows, marked offline.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class MailEndToEndGuiTest {
    private final FakeOpenAi openAi = FakeOpenAi.start();
    private final FakeGoogle google = FakeGoogle.start();
    private final AtomicInteger pixelLoads = new AtomicInteger();
    private final HttpServer pixels;
    private Run run;

    @TempDir
    Path data;

    MailEndToEndGuiTest() throws Exception {
        pixels = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pixels.createContext("/pixel.gif", exchange -> {
            pixelLoads.incrementAndGet();
            byte[] gif = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
            exchange.getResponseHeaders().set("Content-Type", "image/gif");
            exchange.sendResponseHeaders(200, gif.length);
            try (exchange) {
                exchange.getResponseBody().write(gif);
            }
        });
        pixels.start();
    }

    @Start
    void start(Stage ignored) {
        // Each run opens its own window, as a fresh launch of the app would.
    }

    @AfterEach
    void stop() throws Exception {
        if (run != null) {
            run.close();
        }
        pixels.stop(0);
        google.close();
        openAi.close();
    }

    /** What a browser does with Google's consent page: follow it, and its redirect to the app's loopback port. */
    private static Browser simulatedBrowser() {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        return uri -> browser.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
    }

    /** One launch of the app: window, bundled service, connection, the mail database in the data folder. */
    private final class Run implements AutoCloseable {
        final BackgroundTaskExecutor tasks = new BackgroundTaskExecutor(Platform::runLater);
        final BundledServiceLauncher launcher;
        final MailParts mail;
        UiAssembly app;
        Stage stage;

        Run(FxRobot robot, Supplier<BackendConfig.Google> googleConfig) throws Exception {
            launcher = new BundledServiceLauncher(data, () -> new BackendConfig.OpenAi(Optional.of("sk-test"),
                    openAi.baseUrl(), "gpt-test", "gpt-realtime-test", Duration.ofSeconds(10)), googleConfig,
                    new BundledService());
            BackendConnection connection = new BackendConnection();
            Browser browser = simulatedBrowser();
            mail = MailParts.over(MailDatabase.open(data.resolve(MailDatabase.FILE_NAME)), connection, browser,
                    Clock.systemUTC(), () -> googleConfig.get().authUrl());
            robot.interact(() -> {
                stage = new Stage();
                app = UiAssembly.builder(new BackendChatService(connection), tasks, Platform::runLater)
                        .settings(new FileSettingsStore(data.resolve("settings.properties")), new NoSecrets(),
                                Settings.defaults(), true)
                        .windowStates(new WindowStateStore(data.resolve("window.properties")))
                        .browser(browser)
                        .mail(mail)
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
            robot.clickOn("#nav-mail");
        }

        @Override
        public void close() throws Exception {
            // Closed before the next test starts: a window left open would answer that test's lookups.
            WaitForAsyncUtils.asyncFx(stage::close).get(30, TimeUnit.SECONDS);
            mail.close();
            launcher.close();
            tasks.close();
        }
    }

    private BackendConfig.Google fakeGoogle() {
        return BackendConfig.Google.defaults().withClient(google.clientId(), google.clientSecret(), google.authUrl(),
                google.tokenUrl(), google.rootUrl());
    }

    @Test
    void connect_read_show_images_then_the_saved_inbox_when_google_is_gone(FxRobot robot) throws Exception {
        google.addInboxMessage().from("Ann Lee <ann@example.com>").subject("Lunch on Thursday?")
                .text("Are you free at 12:30?").add();
        String pixel = "http://127.0.0.1:" + pixels.getAddress().getPort() + "/pixel.gif";
        google.addInboxMessage().from("Product News <news@example.com>").subject("Our monthly update")
                .html("<p>Hello <b>reader</b></p><img src=\"" + pixel + "\" alt=\"tracker\">").text("Hello reader")
                .add();
        BackendConfig.Google config = fakeGoogle();
        run = new Run(robot, () -> config);

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> text(robot, "#mail-status").equals(
                "Gmail is not connected"));
        robot.clickOn("#mail-connect");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> text(robot, "#mail-status").equals(
                "Connected as " + FakeGoogle.DEFAULT_EMAIL));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> inbox(robot).getItems().size() == 2);
        assertThat(inbox(robot).getItems()).extracting(MailSummary::subject)
                .containsExactlyInAnyOrder("Lunch on Thursday?", "Our monthly update");
        assertThat(inbox(robot).getItems()).allMatch(MailSummary::unread);

        MailSummary lunch = inbox(robot).getItems().stream().filter(m -> m.subject().equals("Lunch on Thursday?"))
                .findFirst().orElseThrow();
        openAi.replyWith("Thursday at 12:30 works for me. See you then!");
        robot.interact(() -> inbox(robot).getSelectionModel().select(lunch));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> pageText(robot).contains("Are you free at 12:30?"));
        robot.clickOn("#mail-draft");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#compose-body").queryTextInputControl()
                .getText().equals("Thursday at 12:30 works for me. See you then!"));
        assertThat(robot.lookup("#compose-to").queryTextInputControl().getText()).contains("ann@example.com");
        assertThat(google.sent()).as("a draft is never sent by itself").isEmpty();
        robot.clickOn("#compose-discard");

        MailSummary news = inbox(robot).getItems().stream().filter(m -> m.subject().equals("Our monthly update"))
                .findFirst().orElseThrow();
        robot.interact(() -> inbox(robot).getSelectionModel().select(news));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> pageText(robot).contains("Hello reader"));
        assertThat(text(robot, "#mail-subject")).isEqualTo("Our monthly update");
        assertThat(robot.lookup("#mail-images-bar").query().isVisible()).isTrue();
        assertThat(pixelLoads).as("nothing remote loads before the person asks").hasValue(0);

        robot.clickOn("#mail-show-images");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> pixelLoads.get() == 1);
        assertThat(robot.lookup("#mail-images-bar").query().isVisible()).isFalse();

        robot.clickOn("#mail-reply");
        assertThat(robot.lookup("#compose-to").queryTextInputControl().getText()).isEqualTo("news@example.com");
        assertThat(robot.lookup("#compose-subject").queryTextInputControl().getText())
                .isEqualTo("Re: Our monthly update");
        robot.clickOn("#compose-body").write("Thanks, a good read.");
        robot.clickOn("#compose-send");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> google.sent().size() == 1);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> run.app.mail().outbox().entries().size() == 1
                && run.app.mail().outbox().entries().getFirst().state() == OutboxState.SENT);
        OutboxEntry sent = run.app.mail().outbox().entries().getFirst();
        assertThat(google.sentCount(sent.messageId())).as("sent once, by its Message-ID").isEqualTo(1);
        assertThat(google.sent().getFirst().threadId()).as("threaded as a reply").isEqualTo(news.threadId());
        assertThat(google.sent().getFirst().text()).contains("Thanks, a good read.");

        robot.clickOn("#tab-autopilot");
        robot.clickOn("#autopilot-enabled");
        robot.clickOn("#autopilot-save");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !run.app.mail().autopilot().busyProperty().get());
        robot.clickOn("#autopilot-run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !run.app.mail().autopilot().drafts().isEmpty());
        assertThat(run.app.mail().autopilot().errorProperty().get()).isNull();
        assertThat(google.sent()).as("drafts wait for review").hasSize(1);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(".autopilot-send");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> google.sent().size() == 2);
        run.close();

        google.close(); // the network is gone: Google cannot be reached
        run = new Run(robot, () -> config);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> text(robot, "#mail-offline")
                .startsWith("offline, showing saved inbox"));
        assertThat(inbox(robot).getItems()).extracting(MailSummary::subject)
                .containsExactlyInAnyOrder("Lunch on Thursday?", "Our monthly update");
    }

    @SuppressWarnings("unchecked")
    private static ListView<MailSummary> inbox(FxRobot robot) {
        return robot.lookup("#mail-list").queryAs(ListView.class);
    }

    private static String text(FxRobot robot, String query) {
        String t = robot.lookup(query).queryAs(Label.class).getText();
        return t == null ? "" : t;
    }

    /** The reader's page as text, once WebKit has loaded it (the WebView itself is made for the first mail). */
    private static String pageText(FxRobot robot) {
        WebView web = robot.lookup("#mail-reader").tryQueryAs(WebView.class).orElse(null);
        if (web == null) {
            return "";
        }
        String[] text = {""};
        robot.interact(() -> {
            if (web.getEngine().getLoadWorker().getState() == Worker.State.SUCCEEDED
                    && web.getEngine().getDocument() != null) {
                text[0] = web.getEngine().getDocument().getDocumentElement().getTextContent();
            }
        });
        return text[0];
    }
}
