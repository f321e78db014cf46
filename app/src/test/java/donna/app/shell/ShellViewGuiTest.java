package donna.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.scene.Node;
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

/** The window's first frame is the shell alone; each pane is built the first time it is shown, then kept. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class ShellViewGuiTest {
    private final List<Page> built = new ArrayList<>();
    private final List<String> voiceShown = new ArrayList<>();
    private ShellViewModel vm;
    private ShellView shell;

    @Start
    void start(Stage stage) {
        vm = new ShellViewModel(false);
        Map<Page, Supplier<? extends Node>> panes = new EnumMap<>(Page.class);
        for (Page page : List.of(Page.CHAT, Page.VOICE, Page.TODAY, Page.MAIL, Page.SALES, Page.MARKETING,
                Page.SETTINGS)) {
            panes.put(page, () -> {
                built.add(page);
                Label pane = new Label(page.title() + " pane");
                if (page == Page.VOICE) {
                    // As the Voice pane does: it starts its level meter when shown.
                    pane.visibleProperty().addListener((o, was, now) -> voiceShown.add(was + "->" + now));
                }
                return pane;
            });
        }
        shell = new ShellView(vm, panes);
        stage.setScene(new Scene(shell, 800, 600));
        stage.show();
    }

    @Test
    void no_pane_is_built_before_the_app_asks_then_only_the_current_one(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(built).isEmpty();
        assertThat(robot.lookup("#nav-chat").tryQuery()).as("the shell is drawn").isPresent();

        robot.interact(shell::showCurrentPage);

        assertThat(built).containsExactly(Page.CHAT);
        assertThat(robot.lookup("#page-chat").queryAs(Label.class).isVisible()).isTrue();
    }

    @Test
    void a_pane_is_built_when_first_shown_sees_itself_shown_and_is_kept(FxRobot robot) {
        robot.interact(shell::showCurrentPage);

        robot.clickOn("#nav-voice");
        robot.clickOn("#nav-chat");
        robot.clickOn("#nav-voice");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(built).containsExactly(Page.CHAT, Page.VOICE);
        // Built hidden (as a pane built before it was shown always was), then shown, hidden, shown.
        assertThat(voiceShown).containsExactly("true->false", "false->true", "true->false", "false->true");
        assertThat(robot.lookup("#page-voice").queryAs(Label.class).isVisible()).isTrue();
        assertThat(robot.lookup("#page-chat").queryAs(Label.class).isVisible()).isFalse();
    }

    @Test
    void a_shell_without_a_pane_for_every_page_is_refused() {
        assertThatThrownBy(() -> new ShellView(new ShellViewModel(false), Map.of(Page.CHAT, Label::new)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VOICE");
    }

    @Test
    void navigating_before_the_panes_are_shown_waits_for_them(FxRobot robot) {
        robot.interact(() -> vm.show(Page.SETTINGS));
        assertThat(built).isEmpty();

        robot.interact(shell::showCurrentPage);

        assertThat(built).containsExactly(Page.SETTINGS);
    }
}
