package donna.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import donna.audio.hotkey.HotkeyCombo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code settings.properties}: what is saved comes back, and files of older DONNAs or damaged ones still load. */
class SettingsFileTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("settings.properties");
    }

    @Test
    void settingsSurviveARoundTripAndADamagedFileMeansDefaults() throws Exception {
        FileSettingsStore store = new FileSettingsStore(file());
        Settings s = new Settings("m1", "m2", "https://x.example", Theme.DARK, true,
                HotkeyCombo.parse("Ctrl+Shift+F9"));
        store.save(s);
        assertThat(store.load()).isEqualTo(s);
        assertThat(Files.readString(file())).contains("push-to-talk.hotkey=Ctrl+Shift+F9");

        Files.writeString(file(), "theme=\\u12");
        assertThat(store.load()).isEqualTo(Settings.defaults());
    }

    @Test
    void aFileWrittenBeforeTheHotkeySettingLoadsWithTheDefaultHotkey() throws Exception {
        Files.writeString(file(), """
                #DONNA settings (the OpenAI key is not kept here)
                chat.model=gpt-4.1
                realtime.model=gpt-realtime
                backend.url=
                theme=dark
                tray.keep-running=true
                """);

        Settings loaded = new FileSettingsStore(file()).load();

        assertThat(loaded).isEqualTo(new Settings("gpt-4.1", "gpt-realtime", "", Theme.DARK, true,
                HotkeyCombo.DEFAULT));
    }

    @Test
    void theFollowUpWindowRoundTripsAndAnOlderFileLeavesItOff() throws Exception {
        FileSettingsStore store = new FileSettingsStore(file());
        store.save(Settings.defaults().withFollowUpWindow(true));
        assertThat(Files.readString(file())).contains("voice.follow-up-window=true");
        assertThat(store.load().followUpWindow()).isTrue();

        Files.writeString(file(), "theme=dark\n");
        assertThat(store.load().followUpWindow()).isFalse();
    }

    @Test
    void aHotkeyThatNoLongerParsesFallsBackToTheDefaultAndKeepsTheRest() throws Exception {
        Files.writeString(file(), "theme=dark\npush-to-talk.hotkey=Q\n");

        Settings loaded = new FileSettingsStore(file()).load();

        assertThat(loaded.pushToTalkHotkey()).isEqualTo(HotkeyCombo.DEFAULT);
        assertThat(loaded.theme()).isEqualTo(Theme.DARK);
    }
}
