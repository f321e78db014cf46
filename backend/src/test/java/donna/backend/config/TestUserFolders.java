package donna.backend.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestUserFolders {
    private static final Path HOME = Path.of("/home/u");

    private static UserFolders linux(Map<String, String> env) {
        return UserFolders.resolve(env, "Linux", HOME);
    }

    @Test
    void linux_defaults_to_the_xdg_fallbacks_under_home() {
        assertThat(linux(Map.of())).isEqualTo(new UserFolders(Path.of("/home/u/.local/share/donna"),
                Path.of("/home/u/.local/state/donna/logs")));
    }

    @Test
    void linux_follows_xdg_data_home_and_xdg_state_home() {
        assertThat(linux(Map.of("XDG_DATA_HOME", "/xdg/data", "XDG_STATE_HOME", "/xdg/state")))
                .isEqualTo(new UserFolders(Path.of("/xdg/data/donna"), Path.of("/xdg/state/donna/logs")));
    }

    @Test
    void relative_or_blank_xdg_paths_are_ignored_as_the_spec_says() {
        assertThat(linux(Map.of("XDG_DATA_HOME", "relative/data", "XDG_STATE_HOME", "  ")))
                .isEqualTo(linux(Map.of()));
    }

    @Test
    void windows_keeps_data_in_roaming_appdata_and_logs_in_local_appdata() {
        assertThat(UserFolders.resolve(Map.of("APPDATA", "/roaming", "LOCALAPPDATA", "/local"), "Windows 11", HOME))
                .isEqualTo(new UserFolders(Path.of("/roaming/DONNA"), Path.of("/local/DONNA/logs")));
        assertThat(UserFolders.resolve(Map.of(), "Windows 10", HOME)).isEqualTo(new UserFolders(
                Path.of("/home/u/AppData/Roaming/DONNA"), Path.of("/home/u/AppData/Local/DONNA/logs")));
    }

    @Test
    void macos_uses_application_support_and_library_logs() {
        assertThat(UserFolders.resolve(Map.of("XDG_DATA_HOME", "/xdg"), "Mac OS X", HOME)).isEqualTo(new UserFolders(
                Path.of("/home/u/Library/Application Support/DONNA"), Path.of("/home/u/Library/Logs/DONNA")));
    }

    @Test
    void donna_data_dir_overrides_every_os_and_takes_the_logs_along() {
        Map<String, String> env = Map.of("DONNA_DATA_DIR", "/srv/donna", "XDG_DATA_HOME", "/xdg", "APPDATA", "/r");
        UserFolders expected = new UserFolders(Path.of("/srv/donna"), Path.of("/srv/donna/logs"));
        assertThat(UserFolders.resolve(env, "Linux", HOME)).isEqualTo(expected);
        assertThat(UserFolders.resolve(env, "Windows 11", HOME)).isEqualTo(expected);
        assertThat(UserFolders.resolve(env, "Mac OS X", HOME)).isEqualTo(expected);
    }

    @Test
    void a_relative_override_is_made_absolute_against_the_working_folder() {
        UserFolders folders = UserFolders.forThisMachine(Map.of("DONNA_DATA_DIR", "some/../data"));
        assertThat(folders.data()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(folders.logs()).isEqualTo(Path.of("data", "logs").toAbsolutePath());
    }
}
