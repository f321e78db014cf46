package donna.app.account;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.UiAssembly;
import donna.app.chat.BackendChatService;
import donna.app.common.BackgroundTaskExecutor;
import donna.app.connection.AppMode;
import donna.app.connection.BackendConnection;
import donna.app.connection.ServiceConnector;
import donna.app.connection.ServiceEndpoint;
import donna.app.connection.ServiceLauncher;
import donna.app.settings.FileSettingsStore;
import donna.app.settings.NoSecrets;
import donna.app.settings.Settings;
import donna.app.shell.Page;
import donna.app.shell.ShellViewModel;
import donna.app.shell.WindowStateStore;
import donna.backend.CompanionService;
import donna.backend.config.BackendConfig;
import donna.testkit.clerk.FakeClerk;
import donna.standins.openai.FakeOpenAi;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
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
 * Remote mode end to end: the app points at a shared service that signs in with Clerk. The window sends the person
 * to the Account section, the browser round trip signs them in, chat works as them with the OAuth access token, and
 * signing out ends it.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class RemoteSignInGuiTest {
    private final FakeClerk clerk = FakeClerk.start();
    private final FakeOpenAi openAi = FakeOpenAi.start();
    private final MemorySecretStore keychain = new MemorySecretStore();
    private final BackgroundTaskExecutor tasks = new BackgroundTaskExecutor(Platform::runLater);
    private static final ServiceLauncher NO_LAUNCHER = new ServiceLauncher() {
        @Override
        public ServiceEndpoint start() {
            throw new AssertionError("nothing to launch in remote mode");
        }

        @Override
        public void close() { }
    };
    private CompanionService service;
    private UiAssembly app;
    private Stage window;

    @TempDir
    Path data;

    @Start
    void start(Stage ignored) {
        // The window opens in the test, once the service is up.
    }

    @AfterEach
    void stop() {
        tasks.close();
        if (service != null) {
            service.close();
        }
        openAi.close();
        clerk.close();
    }

    @Test
    void sign_in_through_the_browser_then_chat_as_that_person_then_sign_out(FxRobot robot) throws Exception {
        service = CompanionService.start(BackendConfig.loopback(data.resolve("service"), "remote-secret-0123456789")
                .withClerk(Optional.of(new BackendConfig.Clerk(clerk.jwksUrl(), clerk.issuer(), List.of(),
                        Optional.of(FakeClerk.DEFAULT_OAUTH_CLIENT_ID), URI.create("http://127.0.0.1:0/callback"))))
                .withOpenAi(new BackendConfig.OpenAi(Optional.of("sk-test"), openAi.baseUrl(), "gpt-test",
                        "gpt-realtime-test", Duration.ofSeconds(10))));
        BackendConnection connection = new BackendConnection();
        robot.interact(() -> {
            window = new Stage();
            app = UiAssembly.builder(new BackendChatService(connection), tasks, Platform::runLater)
                    .settings(new FileSettingsStore(data.resolve("settings.properties")), new NoSecrets(),
                            Settings.defaults(), true)
                    .windowStates(new WindowStateStore(data.resolve("window.properties")))
                    .browser(new SimulatedBrowser())
                    .build();
            app.show(window);
            new ServiceConnector(new AppMode(Optional.of(service.baseUri()), false, false),
                    NO_LAUNCHER, connection, tasks,
                    () -> new SecretTokenVault(keychain)).connect(app.shell(), app::connected);
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> app.account().stateProperty().get() == AccountViewModel.State.SIGNED_OUT);
        assertThat(app.shell().statusKindProperty().get()).isEqualTo(ShellViewModel.StatusKind.OK);
        assertThat(app.shell().pageProperty().get()).as("sent to where signing in happens").isEqualTo(Page.SETTINGS);

        robot.clickOn(in(robot, "#sign-in"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> app.account().stateProperty().get() == AccountViewModel.State.SIGNED_IN);
        assertThat(robot.from(window.getScene().getRoot()).lookup("#account-user").queryAs(Label.class).getText())
                .isEqualTo("Signed in as Ada Lovelace (ada@example.com)");
        assertThat(keychain.get()).as("tokens kept in the keychain").isPresent();

        robot.interact(() -> app.shell().show(Page.CHAT));
        openAi.replyWith("Hello Ada.");
        robot.clickOn(in(robot, "#composer")).write("Hi, it's me");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.from(window.getScene().getRoot()).lookup(".bubble-donna").queryAllAs(Label.class)
                .stream().anyMatch(l -> l.getText().equals("Hello Ada.")));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.sessions().sessions().size() == 1);
        assertThat(connection.client().me().user()).hasValueSatisfying(
                u -> assertThat(u.clerkId()).isEqualTo(clerk.signedInUser().id()));

        robot.interact(() -> app.shell().show(Page.SETTINGS));
        robot.clickOn(in(robot, "#sign-out"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> app.account().stateProperty().get() == AccountViewModel.State.SIGNED_OUT);
        assertThat(keychain.get()).isEmpty();
    }

    /**
     * A node of this test's window only, once it is there: other GUI tests of the same JVM may leave windows behind
     * (a global lookup found a node of one being torn down), and a pane shown a moment ago joins the scene graph
     * at its next layout pass (Settings sits in a scroll pane, whose content is attached by its skin).
     */
    private Node in(FxRobot robot, String query) throws TimeoutException {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.from(window.getScene().getRoot()).lookup(query).tryQuery().isPresent());
        return robot.from(window.getScene().getRoot()).lookup(query).query();
    }
}
