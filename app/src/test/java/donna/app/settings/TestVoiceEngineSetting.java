package donna.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.common.SameThreadTaskExecutor;
import donna.core.voice.live.VoiceEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The voice engine in Settings (issue 16): Realtime unless GPT-Live is chosen, saved at once, kept in the file. */
class TestVoiceEngineSetting {
    @TempDir
    Path dir;

    @Test
    void realtimeIsTheDefaultAlsoForAFileFromAnOlderDonna() throws Exception {
        Path file = dir.resolve("settings.properties");
        Files.writeString(file, "chat.model=gpt-4.1\ntheme=dark\n");

        assertThat(new FileSettingsStore(file).load().voiceEngine()).isEqualTo(VoiceEngine.REALTIME);
        assertThat(Settings.defaults().voiceEngine()).isEqualTo(VoiceEngine.REALTIME);
        assertThat(VoiceEngine.parse("something else")).isEqualTo(VoiceEngine.REALTIME);
    }

    @Test
    void choosingGptLiveIsSavedAtOnceAndComesBackFromTheFile() {
        FileSettingsStore store = new FileSettingsStore(dir.resolve("settings.properties"));
        SettingsViewModel vm = new SettingsViewModel(store, new SettingsViewModelTest.MemorySecretStore(),
                new SameThreadTaskExecutor(), Settings.defaults(), false, Optional.empty(), Optional.empty());
        assertThat(vm.voiceEngineProperty().get()).isEqualTo(VoiceEngine.REALTIME);

        vm.voiceEngineProperty().set(VoiceEngine.LIVE);

        assertThat(store.load().voiceEngine()).isEqualTo(VoiceEngine.LIVE);
        vm.chatModelProperty().set("gpt-4.1");
        vm.save();
        assertThat(store.load().voiceEngine()).as("a later Save keeps the choice").isEqualTo(VoiceEngine.LIVE);
        assertThat(store.load().chatModel()).isEqualTo("gpt-4.1");
    }
}
