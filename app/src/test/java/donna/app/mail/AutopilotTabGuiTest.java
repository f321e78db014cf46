package donna.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.common.SameThreadTaskExecutor;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Autopilot tab in a window narrow enough that its intro wraps: the intro shows whole above the review list. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class AutopilotTabGuiTest {

    @Start
    void start(Stage stage) {
        AutopilotView view = new AutopilotView(new AutopilotViewModel(new FakeMailService(),
                new SameThreadTaskExecutor()));
        stage.setScene(new Scene(view, 600, 420));
        stage.show();
    }

    @Test
    void theIntroWrapsInsteadOfBeingCut(FxRobot robot) throws Exception {
        Label intro = robot.lookup("#autopilot-intro").queryAs(Label.class);
        double whole = WaitForAsyncUtils.asyncFx(() -> intro.prefHeight(intro.getWidth())).get();
        assertThat(whole).as("two lines or more at this width").isGreaterThan(intro.getFont().getSize() * 2);
        assertThat(intro.getHeight()).isGreaterThanOrEqualTo(whole - 0.5);
    }
}
