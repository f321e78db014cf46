package donna.app.insights;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.UiAssembly;
import donna.app.bundled.BundledServiceLauncher;
import donna.app.bundled.RunningCompanion;
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
import donna.backend.CompanionService;
import donna.backend.config.BackendConfig;
import donna.core.insights.Conversation;
import donna.core.insights.ConversationFilter;
import donna.core.insights.UsagePattern;
import donna.standins.openai.FakeOpenAi;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
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
 * The Overview's patterns in a real window over the REAL bundled service: conversations sent with an API key, scored
 * by the service's pipeline, analysed on "Analyse now"; a failure cluster opens one of its conversations on the
 * Conversations tab. And the LLM judge switched on in the pane's settings, as the service then stores it.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class InsightsPatternsGuiTest {
    private final FakeOpenAi openAi = FakeOpenAi.start();
    private final AtomicReference<CompanionService> service = new AtomicReference<>();
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
        openAi.close();
    }

    @Test
    void analyse_now_shows_topics_and_failure_clusters_and_a_cluster_opens_its_conversation(FxRobot robot)
            throws Exception {
        tasks = new BackgroundTaskExecutor(Platform::runLater);
        launcher = new BundledServiceLauncher(data, () -> new BackendConfig.OpenAi(Optional.of("sk-test"),
                openAi.baseUrl(), "gpt-test", "gpt-realtime-test", Duration.ofSeconds(10)), config -> {
                    CompanionService s = CompanionService.start(config);
                    service.set(s);
                    return new RunningCompanion() {
                        @Override
                        public URI baseUri() {
                            return s.baseUri();
                        }

                        @Override
                        public void close() {
                            s.close();
                        }
                    };
                });
        BackendConnection connection = new BackendConnection();
        robot.interact(() -> {
            stage = new Stage();
            stage.setWidth(1280);
            stage.setHeight(900);
            app = UiAssembly.builder(new BackendChatService(connection), tasks, Platform::runLater)
                    .settings(new FileSettingsStore(data.resolve("settings.properties")), new NoSecrets(),
                            Settings.defaults(), true)
                    .windowStates(new WindowStateStore(data.resolve("window.properties")))
                    .insights(new BackendInsightsService(connection))
                    .build();
            app.show(stage);
            new ServiceConnector(new AppMode(Optional.empty(), false, false), launcher, connection, tasks,
                    () -> { throw new AssertionError("no sign-in in bundled mode"); })
                    .connect(app.shell(), app::connected);
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> app.shell().statusKindProperty().get() != ShellViewModel.StatusKind.PENDING);
        assertThat(app.shell().statusKindProperty().get()).as(app.shell().statusProperty().get())
                .isEqualTo(ShellViewModel.StatusKind.OK);

        String key = connection.client().insights().createApiKey("support bot").secret();
        Instant now = Instant.now();
        track(connection, key, "refund-1", now.minus(3, ChronoUnit.DAYS), """
                {"role":"user","content":"Where is my refund for order 17?","timestamp":"%1$s"},
                {"role":"assistant","content":"Your order shipped.","timestamp":"%2$s"},
                {"role":"user","content":"That's not what I asked","timestamp":"%2$s"}""");
        track(connection, key, "refund-2", now.minus(2, ChronoUnit.DAYS), """
                {"role":"user","content":"I want a refund for the broken kettle","timestamp":"%1$s"},
                {"role":"assistant","content":"Kettles are on sale.","timestamp":"%2$s"},
                {"role":"user","content":"That's not what I asked","timestamp":"%2$s"}""");
        track(connection, key, "refund-3", now.minus(1, ChronoUnit.DAYS), """
                {"role":"user","content":"How long does a refund take?","timestamp":"%1$s"},
                {"role":"assistant","content":"About five days.","timestamp":"%2$s"}""");
        track(connection, key, "address", now.minus(1, ChronoUnit.DAYS), """
                {"role":"user","content":"Change my delivery address","timestamp":"%1$s"},
                {"role":"assistant","content":"Done.","timestamp":"%2$s"}""");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            service.get().insights().runDueJobs();
            var s = connection.client().insights().summary(ConversationFilter.all());
            return s.conversations() == 4 && s.scored() == 4;
        });

        robot.clickOn("#nav-insights");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "4".equals(text(robot, "#insights-tile-conversations")));
        robot.clickOn("#insights-patterns-analyze");
        @SuppressWarnings("unchecked")
        ListView<UsagePattern> topics = robot.lookup("#insights-patterns-topics").queryAs(ListView.class);
        @SuppressWarnings("unchecked")
        ListView<UsagePattern> clusters = robot.lookup("#insights-patterns-clusters").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !clusters.getItems().isEmpty());
        assertThat(topics.getItems()).extracting(UsagePattern::label).contains("refund");
        assertThat(clusters.getItems().getFirst().label()).isEqualTo("user_frustration \u00b7 refund");
        assertThat(text(robot, "#insights-patterns-status")).startsWith("Found in the 30 days before");

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> clusters.lookup(".list-cell") != null);
        robot.clickOn(clusters.lookup(".list-cell"));
        @SuppressWarnings("unchecked")
        ListView<Conversation> members = robot.lookup("#insights-patterns-conversations").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> members.getItems().size() == 2);
        assertThat(members.getItems()).extracting(Conversation::externalId)
                .containsExactlyInAnyOrder("refund-1", "refund-2");
        WaitForAsyncUtils.waitForFxEvents();
        snapshot(robot, "insights-patterns");
        String opened = members.getItems().getFirst().externalId();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> members.lookup(".list-cell") != null);
        robot.clickOn(members.lookup(".list-cell"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> app.insights().tabProperty().get() == InsightsViewModel.Tab.CONVERSATIONS
                        && text(robot, "#insights-detail-title").contains(opened));

        // The LLM judge, off by default, switched on in the pane's settings and saved.
        robot.clickOn("#insights-tab-settings .tab-label");
        CheckBox judge = robot.lookup("#insights-llm-judge").queryAs(CheckBox.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !app.insights().settings().busyProperty().get());
        assertThat(judge.isSelected()).isFalse();
        robot.clickOn(judge);
        robot.clickOn("#insights-save");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "Saved.".equals(text(robot, "#insights-settings-status")));
        assertThat(connection.client().insights().settings().llmJudgeEnabled()).isTrue();
    }

    private static void track(BackendConnection connection, String key, String id, Instant at, String messages)
            throws Exception {
        HttpResponse<String> r = post(connection, key, "{\"external_id\":\"" + id + "\",\"ended\":true,"
                + "\"messages\":[" + messages.formatted(at, at.plusSeconds(2)) + "]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** What an outside app does: POST /api/v1/conversations/track with its key. */
    private static HttpResponse<String> post(BackendConnection connection, String key, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(connection.client().baseUri() + "/api/v1/conversations/track"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).tryQueryAs(Label.class).map(Label::getText).orElse("");
    }

    /** The window as drawn, to target/screenshots (docs/images/insights.png is copied from there). */
    private void snapshot(FxRobot robot, String name) throws Exception {
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = stage.getScene().snapshot(null));
        PixelReader pixels = shot[0].getPixelReader();
        int w = (int) shot[0].getWidth();
        int h = (int) shot[0].getHeight();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        assertThat(ImageIO.write(image, "png", dir.resolve(name + ".png").toFile())).isTrue();
    }
}
