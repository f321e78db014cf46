package donna.app.sales;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.common.SameThreadTaskExecutor;
import donna.core.leads.Lead;
import java.time.LocalDate;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Sales workspace in a real window: leads by stage, follow-ups due today, a filter, a lead moved. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class SalesGuiTest {
    private final LocalDate today = LocalDate.now();
    private final FakeSalesService service = new FakeSalesService(today)
            .add("l1", "Ann Lee", "Acme", "new", "hot", today)
            .add("l2", "Bob Stone", "Stone Ltd", "qualified", "warm", null)
            .add("l3", "Cal Moss", null, "contacted", "cold", today.plusDays(4));
    private SalesViewModel vm;

    @Start
    void start(Stage stage) {
        vm = new SalesViewModel(service, new SameThreadTaskExecutor(), () -> today);
        stage.setScene(new Scene(new SalesView(vm), 1000, 640));
        stage.show();
        vm.refresh();
    }

    @SuppressWarnings("unchecked")
    private TableView<Lead> table(FxRobot robot) {
        return robot.lookup("#sales-leads").queryAs(TableView.class);
    }

    @Test
    void leads_show_by_stage_with_todays_follow_ups_and_a_filter_narrows_them(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table(robot).getItems()).extracting(Lead::name).containsExactly("Ann Lee", "Cal Moss",
                "Bob Stone");
        assertThat(robot.lookup("#sales-due").queryAs(ListView.class).getItems()).hasSize(1);
        assertThat(robot.lookup("#sales-summary").queryAs(Label.class).getText())
                .isEqualTo("3 leads: 1 new, 1 contacted, 1 qualified");

        robot.interact(() -> robot.lookup("#sales-category-filter").queryAs(ComboBox.class).setValue("warm"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(table(robot).getItems()).extracting(Lead::name).containsExactly("Bob Stone");
    }

    @Test
    void a_selected_lead_is_moved_to_another_stage_by_keyboard(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Cal Moss");
        assertThat(robot.lookup("#lead-name").queryAs(Label.class).getText()).startsWith("Cal Moss");
        assertThat(robot.lookup("#lead-move").queryButton().isDisabled()).as("already contacted").isTrue();

        robot.interact(() -> robot.lookup("#lead-stage").queryAs(ComboBox.class).setValue("won"));
        robot.interact(() -> robot.lookup("#lead-move").queryButton().requestFocus());
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(service.calls).contains("stage l3 won");
        assertThat(table(robot).getItems()).extracting(Lead::name, Lead::stage).last()
                .isEqualTo(org.assertj.core.groups.Tuple.tuple("Cal Moss", "won"));
        assertThat(robot.lookup("#lead-move").queryButton().isDisabled()).isTrue();
    }
}
