package donna.app.voice;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.common.SameThreadTaskExecutor;
import donna.audio.hotkey.HotkeyCombo;
import donna.audio.hotkey.HotkeyStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Registering, re-registering and closing the global hotkey, over a fake hook. */
class HotkeyBindingTest {
    private final FakeHotkeyHook hook = new FakeHotkeyHook();
    private final List<String> heard = new ArrayList<>();
    private final List<Runnable> onUi = new ArrayList<>();
    private final HotkeyBinding binding = new HotkeyBinding(hook, new SameThreadTaskExecutor(), onUi::add,
            () -> heard.add("press"), () -> heard.add("release"));

    @Test
    void nothingIsRegisteredBeforeStartThenTheLastCombinationAsked() {
        binding.use(HotkeyCombo.parse("Ctrl+Shift+F"));
        assertThat(hook.calls).isEmpty();
        assertThat(binding.statusProperty().get()).isNull();

        binding.start();

        assertThat(hook.calls).containsExactly("register Ctrl+Shift+F");
        assertThat(binding.statusProperty().get())
                .isEqualTo(new HotkeyStatus.Active(HotkeyCombo.parse("Ctrl+Shift+F")));
    }

    @Test
    void aChangeClosesTheOldRegistrationBeforeTheNewOneAndTheSameOneIsNotRegisteredTwice() {
        binding.start();
        binding.use(HotkeyCombo.parse("Alt+F9"));
        binding.use(HotkeyCombo.parse("Alt+F9"));

        assertThat(hook.calls).containsExactly("register Ctrl+Alt+Space", "close Ctrl+Alt+Space", "register Alt+F9");
        assertThat(binding.statusProperty().get()).isEqualTo(new HotkeyStatus.Active(HotkeyCombo.parse("Alt+F9")));
    }

    @Test
    void pressesAndReleasesReachTheVoicePaneOnTheUiThread() {
        binding.start();

        hook.pressAndRelease(() -> assertThat(heard).as("not on the hook's thread").isEmpty());
        onUi.forEach(Runnable::run);

        assertThat(heard).containsExactly("press", "release");
    }

    @Test
    void anUnavailableHookIsReportedAndTriedAgainOnTheNextChange() {
        hook.refuse("no X display (DISPLAY is not set)");
        binding.start();
        assertThat(binding.statusProperty().get())
                .isEqualTo(new HotkeyStatus.Unavailable("no X display (DISPLAY is not set)"));

        binding.use(HotkeyCombo.DEFAULT);

        assertThat(hook.calls).containsExactly("register Ctrl+Alt+Space", "register Ctrl+Alt+Space");
    }

    @Test
    void closeUnregistersAndNothingIsRegisteredAfterIt() {
        binding.start();
        binding.close();
        binding.use(HotkeyCombo.parse("Alt+F9"));

        assertThat(hook.calls).containsExactly("register Ctrl+Alt+Space", "close Ctrl+Alt+Space");
        assertThat(hook.registered()).isFalse();
    }
}
