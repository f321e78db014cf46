package donna.app.testing;

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
import donna.standins.openai.FakeOpenAi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The app's main window over the real bundled service, as a launch opens it (bundled mode, the fake OpenAI behind
 * the service), for a GUI test of one pane: {@code open} waits until the service answered; {@code close} closes
 * the window before the next test starts (a window left open would answer its lookups), then the service.
 */
public final class BundledWindow implements AutoCloseable {
    private final FakeOpenAi openAi = FakeOpenAi.start();
    private final BackgroundTaskExecutor tasks = new BackgroundTaskExecutor(Platform::runLater);
    private final BackendConnection connection = new BackendConnection();
    private final BundledServiceLauncher launcher;
    private UiAssembly app;
    private Stage stage;

    /**
     * @param data    the app's data folder (a test's temp dir)
     * @param service how the bundled service's config differs for this test (identity for none)
     */
    private BundledWindow(Path data, UnaryOperator<BackendConfig> service) {
        BundledService bundled = new BundledService();
        launcher = new BundledServiceLauncher(data, () -> new BackendConfig.OpenAi(Optional.of("sk-test"),
                openAi.baseUrl(), "gpt-test", "gpt-realtime-test", Duration.ofSeconds(10)),
                config -> bundled.start(service.apply(config)));
    }

    /**
     * Opens the window and waits (up to 90 s on a loaded machine) until the service answered.
     *
     * @param panes wires the panes under test to the service ({@code b -> b.today(new BackendTodayService(c))})
     */
    public static BundledWindow open(FxRobot robot, Path data, UnaryOperator<BackendConfig> service,
            Function<BackendConnection, UnaryOperator<UiAssembly.Builder>> panes) throws Exception {
        BundledWindow window = new BundledWindow(data, service);
        robot.interact(() -> {
            window.stage = new Stage();
            UiAssembly.Builder builder = UiAssembly.builder(new BackendChatService(window.connection), window.tasks,
                            Platform::runLater)
                    .settings(new FileSettingsStore(data.resolve("settings.properties")), new NoSecrets(),
                            Settings.defaults(), true)
                    .windowStates(new WindowStateStore(data.resolve("window.properties")))
                    .browser(uri -> { throw new AssertionError("no browser in this test"); });
            window.app = panes.apply(window.connection).apply(builder).build();
            window.app.show(window.stage);
            new ServiceConnector(new AppMode(Optional.empty(), false, false), window.launcher, window.connection,
                    window.tasks, () -> { throw new AssertionError("no sign-in in bundled mode"); })
                    .connect(window.app.shell(), window.app::connected);
        });
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS,
                () -> window.app.shell().statusKindProperty().get() != ShellViewModel.StatusKind.PENDING);
        assertThat(window.app.shell().statusKindProperty().get()).as(window.app.shell().statusProperty().get())
                .isEqualTo(ShellViewModel.StatusKind.OK);
        return window;
    }

    public UiAssembly app() {
        return app;
    }

    public BackendConnection connection() {
        return connection;
    }

    public FakeOpenAi openAi() {
        return openAi;
    }

    /** With -Ddonna.shots=DIR (a run under a real X display), the screen as the person sees it, for a look. */
    public static void shot(String name) throws Exception {
        String dir = System.getProperty("donna.shots");
        if (dir == null) {
            return;
        }
        WaitForAsyncUtils.waitForFxEvents();
        new ProcessBuilder("import", "-window", "root", Path.of(dir, name + ".png").toString()).inheritIO().start()
                .waitFor(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        try {
            if (stage != null) {
                WaitForAsyncUtils.asyncFx(stage::close).get(30, TimeUnit.SECONDS);
            }
        } finally {
            launcher.close();
            tasks.close();
            openAi.close();
        }
    }
}
