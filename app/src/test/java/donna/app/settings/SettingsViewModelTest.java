package donna.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.common.SameThreadTaskExecutor;
import donna.app.desktop.LoginItem;
import donna.audio.hotkey.HotkeyCombo;
import donna.audio.hotkey.HotkeyStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsViewModelTest {
    private final List<Settings> saves = new ArrayList<>();
    private final SettingsStore store = new SettingsStore() {
        @Override
        public Settings load() {
            return saves.isEmpty() ? Settings.defaults() : saves.getLast();
        }

        @Override
        public void save(Settings settings) {
            saves.add(settings);
        }
    };
    private final MemorySecretStore keys = new MemorySecretStore();
    private final SettingsViewModel vm = new SettingsViewModel(store, keys, new SameThreadTaskExecutor(),
            Settings.defaults(), false, Optional.empty(), Optional.empty());

    @Test
    void showsTheLoadedSettings() {
        assertThat(vm.chatModelProperty().get()).isEqualTo(Settings.DEFAULT_CHAT_MODEL);
        assertThat(vm.themeProperty().get()).isEqualTo(Theme.LIGHT);
        assertThat(vm.keyStoredProperty().get()).isFalse();
        assertThat(vm.keyLocationProperty().get()).isEqualTo("in memory");
    }

    @Test
    void aKeyFromTheEnvironmentIsNamedBesideTheFieldItWinsOver() {
        vm.keyFromEnvironment("OPENAI_API_KEY");

        assertThat(vm.keyLocationProperty().get()).startsWith("OPENAI_API_KEY is set in the environment")
                .endsWith("A key saved here is used when it is not set. in memory");
    }

    @Test
    void saveStoresSettingsAndTheKeyThenClearsTheKeyField() {
        vm.openAiKeyProperty().set("sk-test-0123456789abcdefghij");
        vm.chatModelProperty().set("gpt-4.1");
        vm.backendUrlProperty().set("https://donna.example.com");

        vm.save();

        assertThat(saves.getLast()).isEqualTo(new Settings("gpt-4.1", Settings.DEFAULT_REALTIME_MODEL,
                "https://donna.example.com", Theme.LIGHT, false, HotkeyCombo.DEFAULT));
        assertThat(keys.value).contains("sk-test-0123456789abcdefghij");
        assertThat(vm.openAiKeyProperty().get()).isEmpty();
        assertThat(vm.keyStoredProperty().get()).isTrue();
        assertThat(vm.messageProperty().get()).startsWith("Saved");
        assertThat(vm.errorProperty().get()).isNull();
    }

    @Test
    void anEmptyKeyFieldKeepsTheStoredKey() {
        keys.value = Optional.of("sk-old-0123456789abcdefghij");
        vm.save();
        assertThat(keys.value).contains("sk-old-0123456789abcdefghij");
    }

    @Test
    void anInvalidUrlIsRejectedAndNothingIsSaved() {
        vm.backendUrlProperty().set("ftp://nope");

        vm.save();

        assertThat(vm.errorProperty().get()).contains("https://");
        assertThat(saves).isEmpty();
    }

    @Test
    void aKeyWithSpacesIsRejected() {
        vm.openAiKeyProperty().set("sk not a key at all really");
        vm.save();
        assertThat(vm.errorProperty().get()).contains("OpenAI key");
        assertThat(keys.value).isEmpty();
    }

    @Test
    void theThemeIsSavedAsSoonAsItChanges() {
        vm.themeProperty().set(Theme.DARK);
        assertThat(saves).singleElement().extracting(Settings::theme).isEqualTo(Theme.DARK);
    }

    @Test
    void keepRunningInTheTrayIsSavedAsSoonAsItChangesAndSurvivesALaterSave() {
        vm.keepRunningInTrayProperty().set(true);
        assertThat(saves).singleElement().extracting(Settings::keepRunningInTray).isEqualTo(true);

        vm.chatModelProperty().set("gpt-4.1");
        vm.save();
        assertThat(saves.getLast().keepRunningInTray()).isTrue();
    }

    @Test
    void theFollowUpWindowIsOffByDefaultSavedAsSoonAsItChangesAndSurvivesALaterSave() {
        assertThat(vm.followUpWindowProperty().get()).isFalse();
        vm.followUpWindowProperty().set(true);
        assertThat(saves).singleElement().extracting(Settings::followUpWindow).isEqualTo(true);

        vm.save();
        assertThat(saves.getLast().followUpWindow()).isTrue();
    }

    @Test
    void startAtLoginShowsTheOsStateAndTogglingItChangesTheOsEntry() {
        MemoryLoginItem item = new MemoryLoginItem();
        item.enabled = true;
        SettingsViewModel withItem = new SettingsViewModel(store, keys, new SameThreadTaskExecutor(),
                Settings.defaults(), false, Optional.of(item), Optional.empty());
        assertThat(withItem.startAtLoginAvailable()).isTrue();
        assertThat(withItem.startAtLoginProperty().get()).isTrue();
        assertThat(item.changes).isZero(); // showing the state is not a change

        withItem.startAtLoginProperty().set(false);
        assertThat(item.enabled).isFalse();
        assertThat(withItem.messageProperty().get()).contains("not start at login");

        withItem.startAtLoginProperty().set(true);
        assertThat(item.enabled).isTrue();
        assertThat(item.changes).isEqualTo(2);
        assertThat(saves).as("the OS entry is the truth, not the settings file").isEmpty();
    }

    @Test
    void aFailedStartAtLoginChangeFlipsTheToggleBackAndSaysWhy() {
        MemoryLoginItem item = new MemoryLoginItem();
        item.failWith = new IllegalStateException("reg add failed (exit 1)");
        SettingsViewModel withItem = new SettingsViewModel(store, keys, new SameThreadTaskExecutor(),
                Settings.defaults(), false, Optional.of(item), Optional.empty());

        withItem.startAtLoginProperty().set(true);

        assertThat(withItem.startAtLoginProperty().get()).isFalse();
        assertThat(withItem.errorProperty().get()).startsWith("Could not change starting at login.");
    }

    @Test
    void withoutAnInstalledLauncherStartAtLoginIsUnavailableAndSaysWhy() {
        assertThat(vm.startAtLoginAvailable()).isFalse();
        assertThat(vm.startAtLoginHintProperty().get()).contains("installed DONNA");
        vm.startAtLoginProperty().set(true);
        assertThat(vm.startAtLoginProperty().get()).isFalse();
    }

    @Test
    void removeKeyDeletesIt() {
        keys.value = Optional.of("sk-old-0123456789abcdefghij");
        vm.removeKey();
        assertThat(keys.value).isEmpty();
        assertThat(vm.keyStoredProperty().get()).isFalse();
    }

    // ---- The push-to-talk hotkey

    private SettingsViewModel withHotkey(String saved, String environment) {
        return new SettingsViewModel(store, keys, new SameThreadTaskExecutor(),
                Settings.defaults().withPushToTalkHotkey(HotkeyCombo.parse(saved)), false, Optional.empty(),
                Optional.ofNullable(environment));
    }

    @Test
    void theHotkeyIsCapturedKeyByKeyThenSavedAndInEffectAtOnce() {
        HotkeyFieldViewModel field = vm.hotkey();
        assertThat(field.textProperty().get()).isEqualTo("Ctrl+Alt+Space");
        assertThat(field.locked()).isFalse();

        field.startCapture();
        assertThat(field.capturingProperty().get()).isTrue();
        assertThat(field.textProperty().get()).isEqualTo("Press the keys… (Esc cancels)");
        field.held("Ctrl+Shift");
        assertThat(field.textProperty().get()).isEqualTo("Ctrl+Shift+…");
        field.pressed("Ctrl+Shift+F");

        assertThat(field.capturingProperty().get()).isFalse();
        assertThat(field.textProperty().get()).isEqualTo("Ctrl+Shift+F");
        assertThat(field.hotkeyProperty().get()).isEqualTo(HotkeyCombo.parse("Ctrl+Shift+F"));
        assertThat(field.statusProperty().get()).isEqualTo("Applying Ctrl+Shift+F…");
        assertThat(saves).singleElement().extracting(Settings::pushToTalkHotkey)
                .isEqualTo(HotkeyCombo.parse("Ctrl+Shift+F"));
    }

    @Test
    void aBareKeyAModifierAloneOrAKeyTheHookCannotNameIsRefusedAndTheCaptureGoesOn() {
        HotkeyFieldViewModel field = vm.hotkey();
        field.startCapture();

        field.pressed("Space");
        assertThat(field.errorProperty().get()).startsWith("Cannot use Space: ")
                .contains("needs Ctrl, Alt, Shift or Meta");
        field.pressed("Ctrl");
        assertThat(field.errorProperty().get()).startsWith("Cannot use Ctrl: ").contains("needs a key besides");
        field.pressed("Ctrl+Numpad 1");
        assertThat(field.errorProperty().get()).contains("no key called Numpad 1");

        assertThat(field.capturingProperty().get()).isTrue();
        assertThat(field.hotkeyProperty().get()).isEqualTo(HotkeyCombo.DEFAULT);
        assertThat(saves).isEmpty();

        field.pressed("Alt+F9");
        assertThat(field.errorProperty().get()).isEmpty();
        assertThat(field.hotkeyProperty().get()).isEqualTo(HotkeyCombo.parse("Alt+F9"));
    }

    @Test
    void escapeCancelsTheCaptureAndKeepsTheHotkey() {
        HotkeyFieldViewModel field = vm.hotkey();
        field.startCapture();
        field.held("Alt");
        field.pressed("Space");

        field.cancelCapture();

        assertThat(field.capturingProperty().get()).isFalse();
        assertThat(field.textProperty().get()).isEqualTo("Ctrl+Alt+Space");
        assertThat(field.errorProperty().get()).isEmpty();
        field.pressed("Ctrl+Shift+F");
        assertThat(field.hotkeyProperty().get()).as("keys after the capture ended").isEqualTo(HotkeyCombo.DEFAULT);
        assertThat(saves).isEmpty();
    }

    @Test
    void resetToDefaultSavesCtrlAltSpace() {
        SettingsViewModel custom = withHotkey("Ctrl+Shift+F9", null);
        assertThat(custom.hotkey().textProperty().get()).isEqualTo("Ctrl+Shift+F9");

        custom.hotkey().reset();

        assertThat(custom.hotkey().hotkeyProperty().get()).isEqualTo(HotkeyCombo.DEFAULT);
        assertThat(custom.hotkey().textProperty().get()).isEqualTo("Ctrl+Alt+Space");
        assertThat(saves).singleElement().extracting(Settings::pushToTalkHotkey).isEqualTo(HotkeyCombo.DEFAULT);
    }

    @Test
    void aChosenHotkeySurvivesALaterSaveOfTheOtherSettings() {
        vm.hotkey().startCapture();
        vm.hotkey().pressed("Meta+F8");
        vm.chatModelProperty().set("gpt-4.1");

        vm.save();

        assertThat(saves.getLast().chatModel()).isEqualTo("gpt-4.1");
        assertThat(saves.getLast().pushToTalkHotkey()).isEqualTo(HotkeyCombo.parse("Meta+F8"));
    }

    @Test
    void theEnvironmentVariableOverridesTheSettingAndTheFieldSaysSoReadOnly() {
        SettingsViewModel overridden = withHotkey("Ctrl+Shift+F9", "alt+shift+p");
        HotkeyFieldViewModel field = overridden.hotkey();

        assertThat(field.hotkeyProperty().get()).isEqualTo(HotkeyCombo.parse("Alt+Shift+P"));
        assertThat(field.textProperty().get()).isEqualTo("Alt+Shift+P");
        assertThat(field.locked()).isTrue();
        assertThat(field.hint()).contains("DONNA_PTT_HOTKEY");

        field.startCapture();
        field.pressed("Ctrl+Shift+F");
        field.reset();
        assertThat(field.capturingProperty().get()).isFalse();
        assertThat(field.hotkeyProperty().get()).isEqualTo(HotkeyCombo.parse("Alt+Shift+P"));

        overridden.save();
        assertThat(saves).singleElement().extracting(Settings::pushToTalkHotkey)
                .as("the file keeps the user's own choice").isEqualTo(HotkeyCombo.parse("Ctrl+Shift+F9"));
    }

    @Test
    void anInvalidEnvironmentVariableIsIgnoredAndTheFieldSaysWhy() {
        SettingsViewModel ignored = withHotkey("Ctrl+Shift+F9", "Q");

        assertThat(ignored.hotkey().locked()).isFalse();
        assertThat(ignored.hotkey().hotkeyProperty().get()).isEqualTo(HotkeyCombo.parse("Ctrl+Shift+F9"));
        assertThat(ignored.hotkey().hint()).startsWith("DONNA_PTT_HOTKEY is ignored: ").contains("Q alone");
    }

    @Test
    void theRegistrationOutcomeShowsBesideTheField() {
        HotkeyFieldViewModel field = vm.hotkey();
        assertThat(field.statusProperty().get()).isEmpty();

        field.showStatus(new HotkeyStatus.Active(HotkeyCombo.DEFAULT));
        assertThat(field.statusProperty().get()).isEqualTo("Works anywhere on the desktop.");
        assertThat(field.worksProperty().get()).isTrue();

        field.showStatus(new HotkeyStatus.Unavailable("no X display (DISPLAY is not set)"));
        assertThat(field.statusProperty().get())
                .isEqualTo("Not available: no X display (DISPLAY is not set). Hold Space in the Voice pane instead.");
        assertThat(field.worksProperty().get()).isFalse();
    }

    static final class MemoryLoginItem implements LoginItem {
        boolean enabled;
        int changes;
        RuntimeException failWith;

        @Override
        public boolean enabled() {
            return enabled;
        }

        @Override
        public void enable() {
            change(true);
        }

        @Override
        public void disable() {
            change(false);
        }

        private void change(boolean on) {
            if (failWith != null) {
                throw failWith;
            }
            enabled = on;
            changes++;
        }

        @Override
        public String location() {
            return "/home/u/.config/autostart/donna.desktop";
        }
    }

    static final class MemorySecretStore implements SecretStore {
        Optional<String> value = Optional.empty();

        @Override
        public Optional<String> get() {
            return value;
        }

        @Override
        public void put(String secret) {
            value = Optional.of(secret);
        }

        @Override
        public void delete() {
            value = Optional.empty();
        }

        @Override
        public String description() {
            return "in memory";
        }
    }
}
