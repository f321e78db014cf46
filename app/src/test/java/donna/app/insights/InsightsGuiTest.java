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
import donna.core.chat.ChatRequest;
import donna.core.insights.Conversation;
import donna.core.insights.ConversationFilter;
import donna.core.insights.Failure;
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
import javafx.scene.chart.BarChart;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
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
 * The Insights pane in a real window over the REAL bundled service: conversations sent in with an API key and one
 * typed chat with DONNA (mirrored by the service), scored by the service's own pipeline, then shown as tiles,
 * charts, the worst list, a drill-down whose failure is acknowledged, and the settings' API keys.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class InsightsGuiTest {
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
    void conversations_sent_in_and_chatted_are_scored_and_shown_with_charts_drill_down_and_keys(FxRobot robot)
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

        // An outside app's key, made as the pane makes it, and four of its conversations over the last days.
        String key = connection.client().insights().createApiKey("support bot").secret();
        Instant now = Instant.now();
        track(connection, key, "ticket-good", now.minus(4, ChronoUnit.DAYS), """
                {"role":"user","content":"Where is my order?","timestamp":"%1$s"},
                {"role":"assistant","content":"It ships tomorrow.","timestamp":"%2$s","metadata":{"latency_ms":900}}""");
        track(connection, key, "ticket-slow", now.minus(3, ChronoUnit.DAYS), """
                {"role":"user","content":"Can you change my address?","timestamp":"%1$s"},
                {"role":"assistant","content":"Done, the address is changed.","timestamp":"%2$s",
                 "metadata":{"latency_ms":34000}}""");
        track(connection, key, "ticket-tool", now.minus(2, ChronoUnit.DAYS), """
                {"role":"user","content":"Refund order 17","timestamp":"%1$s"},
                {"role":"tool","content":"refund","timestamp":"%2$s","metadata":{"status":"failed"}},
                {"role":"assistant","content":"Something went wrong, I could not refund it.","timestamp":"%2$s"}""");
        track(connection, key, "ticket-angry", now.minus(1, ChronoUnit.DAYS), """
                {"role":"user","content":"Why is my parcel late?","timestamp":"%1$s"},
                {"role":"assistant","content":"I can't help with that.","timestamp":"%2$s"},
                {"role":"user","content":"That's not what I asked. This is useless and terrible.","timestamp":"%2$s"}""");
        // And DONNA's own typed chat, which the service mirrors as donna-chat.
        connection.client().chat(new ChatRequest("What can you do for me today?", null, null, false));

        // The pipeline runs now on this thread (it would within seconds on its own).
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            service.get().insights().runDueJobs();
            var s = connection.client().insights().summary(ConversationFilter.all());
            return s.conversations() == 5 && s.scored() == 5;
        });

        robot.clickOn("#nav-insights");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "5".equals(text(robot, "#insights-tile-conversations")));
        assertThat(Integer.parseInt(text(robot, "#insights-tile-health"))).isBetween(1, 99);
        assertThat(Integer.parseInt(text(robot, "#insights-tile-open"))).isGreaterThanOrEqualTo(3);
        @SuppressWarnings("unchecked")
        LineChart<String, Number> line = robot.lookup("#insights-health-chart").queryAs(LineChart.class);
        assertThat(line.getData().getFirst().getData()).as("a point per day with conversations")
                .hasSizeGreaterThanOrEqualTo(4);
        @SuppressWarnings("unchecked")
        BarChart<Number, String> bars = robot.lookup("#insights-failures-chart").queryAs(BarChart.class);
        assertThat(bars.getData().getFirst().getData()).extracting(XYChart.Data::getYValue)
                .contains("Tool failure", "Slow response");
        @SuppressWarnings("unchecked")
        ListView<Conversation> worst = robot.lookup("#insights-worst").queryAs(ListView.class);
        assertThat(worst.getItems()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(worst.getItems().getFirst().healthScore()).isLessThan(worst.getItems().getLast().healthScore());
        WaitForAsyncUtils.waitForFxEvents();
        snapshot(robot, "insights");

        // The worst one opens its drill-down; its first failure is acknowledged, as stored by the service.
        Conversation worstOne = worst.getItems().getFirst();
        robot.interact(() -> worst.getSelectionModel().select(0));
        robot.clickOn(worst.lookup(".list-cell"));
        @SuppressWarnings("unchecked")
        ListView<Failure> failures = robot.lookup("#insights-failures").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !failures.getItems().isEmpty());
        assertThat(text(robot, "#insights-detail-title")).contains("health " + worstOne.healthScore());
        assertThat(robot.lookup("#insights-messages").queryAs(ListView.class).getItems()).isNotEmpty();
        assertThat(robot.lookup("#insights-breakdown").queryAs(ListView.class).getItems())
                .anyMatch(l -> l.toString().startsWith("Health: " + worstOne.healthScore()));
        robot.interact(() -> failures.getSelectionModel().select(0));
        String failureId = failures.getItems().getFirst().id();
        robot.clickOn("#insights-ack");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> failures.getItems().stream()
                .anyMatch(f -> f.id().equals(failureId) && Failure.ACK.equals(f.status())));
        assertThat(connection.client().insights().failures(worstOne.id())).filteredOn(f -> f.id().equals(failureId))
                .singleElement().extracting(Failure::status).isEqualTo(Failure.ACK);
        @SuppressWarnings("unchecked")
        TableView<Conversation> table = robot.lookup("#insights-conversations").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().size() == 5);
        snapshot(robot, "insights-conversations");

        // Sorted by the service, worst first; those filters saved as a view, then deleted again.
        robot.interact(() -> robot.lookup("#insights-sort").<SortChoice>queryComboBox().getSelectionModel()
                .select(SortChoice.WORST));
        int lowest = table.getItems().stream().mapToInt(Conversation::healthScore).min().orElseThrow();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().size() == 5
                && table.getItems().getFirst().healthScore() == lowest);
        robot.clickOn("#insights-view-name").write("Worst first");
        robot.clickOn("#insights-save-view");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> connection.client().insights().savedViews().size() == 1);
        assertThat(connection.client().insights().savedViews().getFirst().sort())
                .isEqualTo(donna.core.insights.ConversationSort.HEALTH_ASC);
        var chooser = robot.lookup("#insights-saved-views").<donna.core.insights.SavedView>queryComboBox();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> chooser.getItems().size() == 1);
        robot.interact(() -> chooser.getSelectionModel().select(0));
        robot.clickOn("#insights-delete-view");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> connection.client().insights().savedViews().isEmpty() && chooser.getItems().isEmpty());

        // Settings: the key made above is listed; a test alert against this service says what it says.
        robot.clickOn("#insights-tab-settings .tab-label");
        @SuppressWarnings("unchecked")
        ListView<donna.core.insights.ApiKey> keys = robot.lookup("#insights-keys").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> keys.getItems().size() == 1);
        assertThat(keys.getItems().getFirst().name()).isEqualTo("support bot");

        // A new key: its secret shown once, with Copy; closed, it is gone from the app.
        robot.clickOn("#insights-key-name").write("billing bot");
        robot.clickOn("#insights-key-create");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#insights-secret").tryQuery().isPresent());
        String secret = robot.lookup("#insights-secret").queryAs(TextField.class).getText();
        assertThat(secret).startsWith("dk_");
        robot.clickOn("#insights-secret-copy");
        assertThat(robot.lookup("#insights-secret-copy").queryButton().getText()).isEqualTo("Copied");
        DialogPane shown = robot.lookup("#insights-secret-dialog").queryAs(DialogPane.class);
        robot.clickOn(shown.lookupButton(ButtonType.OK));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.insights().settings().createdProperty().get()).as("not kept").isNull();
        assertThat(keys.getItems()).extracting(k -> k.name()).containsExactlyInAnyOrder("billing bot", "support bot");

        // Revoked after a confirmation: the service refuses it at once.
        robot.interact(() -> keys.getSelectionModel().select(keys.getItems().stream()
                .filter(k -> k.name().equals("billing bot")).findFirst().orElseThrow()));
        robot.clickOn("#insights-key-revoke");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> robot.lookup("#insights-revoke-dialog").tryQuery().isPresent());
        DialogPane ask = robot.lookup("#insights-revoke-dialog").queryAs(DialogPane.class);
        robot.clickOn(ask.lookupButton(ask.getButtonTypes().stream()
                .filter(t -> t.getButtonData() == ButtonBar.ButtonData.OK_DONE).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> keys.getItems().size() == 1);
        assertThat(connection.client().insights().apiKeys()).extracting(k -> k.name()).containsExactly("support bot");
        HttpResponse<String> refused = post(connection, secret, "{\"external_id\":\"x\",\"ended\":true,"
                + "\"messages\":[]}");
        assertThat(refused.statusCode()).isEqualTo(401);

        // Thresholds saved as typed and ticked.
        robot.clickOn("#insights-alert-below").write("60");
        robot.clickOn("#insights-kind-abuse");
        robot.clickOn("#insights-save");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "Saved.".equals(text(robot, "#insights-settings-status")));
        var saved = connection.client().insights().settings();
        assertThat(saved.alertHealthBelow()).isEqualTo(60);
        assertThat(saved.alertOnFailureKinds()).containsExactly("abuse");
        snapshot(robot, "insights-settings");
    }

    private static void track(BackendConnection connection, String key, String id, Instant at, String messages)
            throws Exception {
        HttpResponse<String> r = post(connection, key, "{\"external_id\":\"" + id + "\",\"ended\":true,"
                + "\"messages\":[" + messages.formatted(at, at.plusSeconds(40)) + "]}");
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
