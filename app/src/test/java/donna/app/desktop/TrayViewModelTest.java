package donna.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrayViewModelTest {
    private final List<String> calls = new ArrayList<>();
    private final TrayViewModel vm = new TrayViewModel(() -> calls.add("open"), () -> calls.add("quit"));

    @Test
    void pushToTalkStateShowsInTheMenuAndTheTooltip() {
        assertThat(vm.statusProperty().get()).isEqualTo("Push-to-talk: off");
        assertThat(vm.tooltipProperty().get()).isEqualTo("DONNA");

        vm.pushToTalkStatus("listening");

        assertThat(vm.statusProperty().get()).isEqualTo("Push-to-talk: listening");
        assertThat(vm.tooltipProperty().get()).isEqualTo("DONNA - push-to-talk: listening");

        vm.pushToTalkStatus(" ");
        assertThat(vm.statusProperty().get()).isEqualTo("Push-to-talk: off");
    }

    @Test
    void closingHidesToTheTrayOnlyWhenChosenAndTheIconIsThere() {
        assertThat(vm.windowCloseRequested()).isEqualTo(TrayViewModel.CloseAction.QUIT);

        vm.keepRunningInTrayProperty().set(true);
        assertThat(vm.windowCloseRequested()).as("no tray on this desktop: quitting beats an unreachable app")
                .isEqualTo(TrayViewModel.CloseAction.QUIT);

        vm.trayShown(true);
        assertThat(vm.windowCloseRequested()).isEqualTo(TrayViewModel.CloseAction.HIDE_TO_TRAY);

        vm.keepRunningInTrayProperty().set(false);
        assertThat(vm.windowCloseRequested()).isEqualTo(TrayViewModel.CloseAction.QUIT);
    }

    @Test
    void menuCommandsOpenTheWindowAndQuit() {
        vm.open();
        vm.quit();
        assertThat(calls).containsExactly("open", "quit");
    }
}
