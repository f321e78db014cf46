package donna.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped logback.xml writes the log file into the folder Main names, so an installed app leaves its logs there. */
class LogFolderTest {

    @Test
    void the_app_log_goes_to_the_folder_main_names(@TempDir Path logs) throws Exception {
        // A context of its own, so the test JVM's logging (logback-test.xml) is left alone.
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putProperty(Main.LOG_DIR_PROPERTY, logs.toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(Main.class.getResource("/logback.xml"));
        context.getLogger("donna.app.Probe").info("hello from the log folder test");
        context.stop();

        assertThat(Files.readString(logs.resolve("donna.log"), StandardCharsets.UTF_8))
                .contains("INFO").contains("donna.app.Probe").contains("hello from the log folder test");
    }
}
