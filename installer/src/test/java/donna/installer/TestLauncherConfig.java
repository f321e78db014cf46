package donna.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestLauncherConfig {
    private static final String CFG = """
            [Application]
            app.classpath=$APPDIR/donna-app.jar
            app.mainclass=donna.app.Main

            [JavaOptions]
            java-options=-Djpackage.app-version=0.1.0
            java-options=-XX:AOTCache=$APPDIR/donna.aot
            """;

    @Test
    void the_training_run_records_where_the_shipped_app_reads_and_the_file_comes_back_unchanged(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("DONNA.cfg");
        Files.writeString(file, CFG);
        LauncherConfig cfg = new LauncherConfig(file);

        cfg.recordCache();
        assertThat(Files.readString(file)).contains("java-options=-XX:AOTCacheOutput=$APPDIR/donna.aot")
                .doesNotContain("-XX:AOTCache=").contains("app.classpath=$APPDIR/donna-app.jar");

        cfg.useCache();
        assertThat(Files.readString(file)).isEqualTo(CFG);
    }

    @Test
    void a_configuration_without_the_cache_option_is_an_error_not_a_silent_no_op() {
        assertThatThrownBy(() -> LauncherConfig.swapped("[JavaOptions]\n", "-XX:AOTCache=", "-XX:AOTCacheOutput="))
                .hasMessageContaining("no java-options=-XX:AOTCache=");
    }
}
