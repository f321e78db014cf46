package donna.app.launch;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import donna.app.Main;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app's logging writes the log file into the folder Main names, so an installed app leaves its logs there. */
class LogSetupTest {

    @Test
    void the_app_log_goes_to_the_folder_main_names_at_the_level_asked(@TempDir Path logs) throws Exception {
        // A context of its own, so the test JVM's logging (logback-test.xml) is left alone.
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        LogSetup.configure(context, logs, Level.INFO);
        context.getLogger("donna.app.Probe").info("hello from the log folder test");
        context.getLogger("donna.app.Probe").debug("not at INFO");
        context.getLogger("org.eclipse.jetty.Server").info("too chatty");
        context.stop();

        assertThat(Files.readString(logs.resolve("donna.log"), StandardCharsets.UTF_8))
                .contains("INFO").contains("donna.app.Probe").contains("hello from the log folder test")
                .doesNotContain("not at INFO").doesNotContain("too chatty");
    }

    @Test
    void logback_finds_the_setup_and_the_level_comes_from_donna_log_level() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
                .contains(LogSetup.class);
        assertThat(Main.LOG_DIR_PROPERTY).isEqualTo(LogSetup.LOG_DIR_PROPERTY);
        assertThat(LogSetup.level("DEBUG")).isEqualTo(Level.DEBUG);
        assertThat(LogSetup.level("warn")).isEqualTo(Level.WARN);
        assertThat(LogSetup.level(null)).isEqualTo(Level.INFO);
        assertThat(LogSetup.level("loud")).isEqualTo(Level.INFO);
    }
}
