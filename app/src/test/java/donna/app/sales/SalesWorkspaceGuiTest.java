package donna.app.sales;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.UiAssembly;
import donna.app.common.BackgroundTaskExecutor;
import donna.app.dev.InMemoryChatService;
import donna.app.settings.FileSettingsStore;
import donna.app.settings.NoSecrets;
import donna.app.settings.Settings;
import donna.app.shell.WindowStateStore;
import donna.core.leads.Lead;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The whole window: Sales is in the navigation, and showing it reads the leads again (DONNA adds them in chat). */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class SalesWorkspaceGuiTest {
    private final LocalDate today = LocalDate.now();
    private final FakeSalesService service = new FakeSalesService(today)
            .add("l1", "Ann Lee", "Acme", "new", "hot", today);
    private BackgroundTaskExecutor tasks;

    @Start
    void start(Stage stage) throws Exception {
        Path data = Files.createTempDirectory("donna-gui");
        tasks = new BackgroundTaskExecutor(Platform::runLater);
        UiAssembly app = UiAssembly.builder(new InMemoryChatService(Duration.ZERO), tasks, Platform::runLater)
                .settings(new FileSettingsStore(data.resolve("settings.properties")), new NoSecrets(),
                        Settings.defaults(), false)
                .windowStates(new WindowStateStore(data.resolve("window.properties")))
                .sales(service)
                .build();
        app.show(stage);
        app.shell().connected("connected");
    }

    @AfterEach
    void stop() {
        tasks.close();
    }

    @SuppressWarnings("unchecked")
    private TableView<Lead> table(FxRobot robot) {
        return robot.lookup("#sales-leads").queryAs(TableView.class);
    }

    @Test
    void the_sales_pane_is_in_the_navigation_and_reads_the_leads_each_time_it_is_shown(FxRobot robot)
            throws Exception {
        assertThat(service.calls).as("nothing read before the pane is shown").isEmpty();

        robot.clickOn("#nav-sales");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 1);
        assertThat(table(robot).getItems().getFirst().name()).isEqualTo("Ann Lee");

        // DONNA classified another lead meanwhile (chat or voice): back on Sales, it is there.
        service.add("l2", "Bob Stone", "Stone Ltd", "qualified", "warm", null);
        robot.clickOn("#nav-chat");
        robot.clickOn("#nav-sales");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 2);
    }
}
