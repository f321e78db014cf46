package donna.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginItemsTest {
    private static final Optional<Path> INSTALLED = Optional.of(Path.of("/opt/donna/bin/DONNA"));
    private final List<List<String>> commands = new ArrayList<>();

    @TempDir
    Path home;

    private Optional<LoginItem> resolve(Map<String, String> env, String os, Optional<Path> launcher) {
        return LoginItems.resolve(env, os, home, launcher, command -> {
            commands.add(command);
            return 0;
        });
    }

    @Test
    void aRunFromABuildHasNothingToStartAtLogin() {
        assertThat(resolve(Map.of(), "Linux", Optional.empty())).isEmpty();
    }

    @Test
    void linuxWritesAnXdgAutostartEntryThatStartsInTheBackground() throws Exception {
        LoginItem item = resolve(Map.of(), "Linux", INSTALLED).orElseThrow();
        Path file = home.resolve(".config/autostart/donna.desktop");
        assertThat(item.location()).isEqualTo(file.toString());
        assertThat(item.enabled()).isFalse();

        item.enable();

        assertThat(item.enabled()).isTrue();
        assertThat(Files.readAllLines(file)).contains("[Desktop Entry]", "Type=Application", "Name=DONNA",
                "Exec=/opt/donna/bin/DONNA --background");
        item.disable();
        assertThat(file).doesNotExist();
        assertThat(item.enabled()).isFalse();
    }

    @Test
    void xdgConfigHomeIsFollowedWhenAbsolute() {
        Path config = home.resolve("cfg");
        assertThat(resolve(Map.of("XDG_CONFIG_HOME", config.toString()), "Linux", INSTALLED).orElseThrow()
                .location()).isEqualTo(config.resolve("autostart/donna.desktop").toString());
        assertThat(resolve(Map.of("XDG_CONFIG_HOME", "relative"), "Linux", INSTALLED).orElseThrow().location())
                .isEqualTo(home.resolve(".config/autostart/donna.desktop").toString());
    }

    @Test
    void execArgumentsAreQuotedAsTheDesktopEntrySpecSays() {
        assertThat(XdgAutostart.exec(List.of("/home/a b/DONNA", "--background")))
                .isEqualTo("\"/home/a b/DONNA\" --background");
        assertThat(XdgAutostart.exec(List.of("/opt/$x/100%", "--background")))
                .isEqualTo("\"/opt/\\$x/100%%\" --background");
    }

    @Test
    void macosWritesALaunchAgentThatRunsAtLoad() throws Exception {
        LoginItem item = resolve(Map.of(), "Mac OS X",
                Optional.of(Path.of("/Applications/DONNA.app/Contents/MacOS/DONNA"))).orElseThrow();

        item.enable();

        Path plist = home.resolve("Library/LaunchAgents/dev.donna.desktop.plist");
        assertThat(item.enabled()).isTrue();
        assertThat(Files.readString(plist)).contains("<string>dev.donna.desktop</string>")
                .contains("<string>/Applications/DONNA.app/Contents/MacOS/DONNA</string>")
                .contains("<string>--background</string>").contains("<key>RunAtLoad</key>\n  <true/>");
        item.disable();
        assertThat(plist).doesNotExist();
    }

    @Test
    void windowsAddsAndRemovesTheRunValueWithReg() {
        LoginItem item = resolve(Map.of(), "Windows 11",
                Optional.of(Path.of("C:\\Program Files\\DONNA\\DONNA.exe"))).orElseThrow();

        item.enable();
        item.disable();

        String key = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";
        assertThat(commands).containsExactly(
                List.of("reg", "add", key, "/v", "DONNA", "/t", "REG_SZ", "/d",
                        "\\\"C:\\Program Files\\DONNA\\DONNA.exe\\\" --background", "/f"),
                List.of("reg", "query", key, "/v", "DONNA"),
                List.of("reg", "delete", key, "/v", "DONNA", "/f"));
    }

    @Test
    void aFailingRegCommandIsAnErrorNotSilence() {
        LoginItem item = LoginItems.resolve(Map.of(), "Windows 11", home,
                Optional.of(Path.of("C:\\DONNA\\DONNA.exe")), command -> 1).orElseThrow();

        assertThat(item.enabled()).isFalse();
        assertThatThrownBy(item::enable).hasMessageContaining("reg add failed");
    }
}
