package donna.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.connection.AppMode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellViewModelTest {
    @Test
    void statusFollowsTheServiceAndPagesSwitch() {
        ShellViewModel vm = new ShellViewModel(true);
        assertThat(vm.statusProperty().get()).isEqualTo("starting service...");

        vm.connected("connected");
        vm.show(Page.MAIL);

        assertThat(vm.statusKindProperty().get()).isEqualTo(ShellViewModel.StatusKind.OK);
        assertThat(vm.pageProperty().get()).isEqualTo(Page.MAIL);
        assertThat(vm.demoProperty().get()).isTrue();
    }

    @Test
    void theStatusLineListsTheComposersKeysOnlyOnTheChatPane() {
        ShellViewModel vm = new ShellViewModel(false);
        assertThat(vm.hintsProperty().get()).startsWith("Enter sends").contains("Ctrl+N new chat");

        vm.show(Page.SETTINGS);
        assertThat(vm.hintsProperty().get()).isEqualTo("Ctrl+N new chat");

        vm.show(Page.CHAT);
        assertThat(vm.hintsProperty().get()).startsWith("Enter sends");
    }

    @Test
    void modeComesFromEnvironmentThenSettings() {
        AppMode remote = AppMode.resolve(Map.of("DONNA_BACKEND_URL", "https://api.example", "OPENAI_API_KEY", "k"),
                "https://other.example", false, false);
        assertThat(remote.remote()).hasValueSatisfying(u -> assertThat(u).hasToString("https://api.example"));
        assertThat(remote.demo()).isFalse();

        AppMode bundled = AppMode.resolve(Map.of(), "", false, false);
        assertThat(bundled.bundled()).isTrue();
        assertThat(bundled.demo()).isTrue();

        assertThat(AppMode.resolve(Map.of(), "", true, false).demo()).isFalse();
    }
}
