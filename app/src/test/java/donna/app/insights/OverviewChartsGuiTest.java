package donna.app.insights;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.common.SameThreadTaskExecutor;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Overview's failures chart in a real window: the most frequent kind on top, however often it is redrawn. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class OverviewChartsGuiTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private final FakeInsightsService service = new FakeInsightsService()
            .add("c1", "api", NOW.minus(1, ChronoUnit.DAYS), 80, 2)
            .failure("f1", "c1", "slow_response").failure("f2", "c1", "tool_failure");
    private OverviewViewModel vm;

    @Start
    void start(Stage stage) {
        vm = new OverviewViewModel(service, new SameThreadTaskExecutor(), Clock.fixed(NOW, ZoneOffset.UTC));
        stage.setScene(new Scene(new OverviewView(vm, c -> { }, ZoneOffset.UTC), 1100, 760));
        stage.show();
        vm.refresh();
    }

    @Test
    void the_most_frequent_kind_is_on_top_after_a_redraw_with_new_kinds(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        CategoryAxis kinds = kinds(robot);
        // One each: alphabetical from the top, so the axis (running upwards) lists Tool failure first.
        assertThat(kinds.getCategories()).containsExactly("Tool failure", "Slow response");

        // Scoring found more since (as while samples are scored): tool failures are now the most frequent.
        service.add("c2", "api", NOW.minus(2, ChronoUnit.DAYS), 40, 2)
                .failure("f3", "c2", "tool_failure").failure("f4", "c2", "tool_failure");
        robot.interact(vm::refresh);
        WaitForAsyncUtils.waitForFxEvents();

        // A category axis runs upwards: the last category is drawn at the top.
        assertThat(kinds.getCategories()).containsExactly("Slow response", "Tool failure");
        assertThat(kinds.getDisplayPosition("Tool failure")).as("Tool failure above Slow response")
                .isLessThan(kinds.getDisplayPosition("Slow response"));
    }

    @SuppressWarnings("unchecked")
    private static CategoryAxis kinds(FxRobot robot) {
        BarChart<Number, String> bars = robot.lookup("#insights-failures-chart").queryAs(BarChart.class);
        return (CategoryAxis) bars.getYAxis();
    }
}
