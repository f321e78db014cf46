package donna.app.launch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The app's logging, set up in code: what a {@code logback.xml} would say, without parsing one (logback's XML
 * configuration cost ~80 ms of CPU at every start, beside the window's first frame). Logback finds it through
 * {@code META-INF/services}. Test runs keep their {@code logback-test.xml}, and {@code -Dlogback.configurationFile}
 * still wins.
 *
 * <p>Two outputs: standard error, and {@code donna.log} in the folder {@code Main} names ({@link #LOG_DIR_PROPERTY}),
 * rolled at 10 MB and daily, 14 days and 100 MB at most: an installed app has no console, the file is what a user
 * can send with a bug report. The level is {@code DONNA_LOG_LEVEL} (default INFO). Keys and tokens are never logged
 * by the app; third-party HTTP wire logs stay off for the same reason.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    /** Set by {@code Main} before the first logger exists: where the log file goes. */
    public static final String LOG_DIR_PROPERTY = "donna.logs.dir";
    static final String FILE_NAME = "donna.log";
    /** Libraries that say too much at INFO. */
    private static final List<String> QUIET = List.of("jdk.internal.httpclient", "org.eclipse.jetty", "io.javalin",
            "org.flywaydb", "com.zaxxer.hikari", "io.zonky");

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY; // a file named on the command line, or a test run's own
        }
        Path dir = Path.of(Optional.ofNullable(System.getProperty(LOG_DIR_PROPERTY))
                .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "donna-logs").toString()));
        configure(context, dir, level(System.getenv("DONNA_LOG_LEVEL")));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets up {@code context} to log at {@code level} to standard error and to {@code donna.log} in {@code dir}. */
    static void configure(LoggerContext context, Path dir, Level level) {
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder(context, "%d{HH:mm:ss.SSS} %-5level [%X{traceId:-}] %logger{24} - %msg%n"));
        stderr.start();

        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(dir.resolve(FILE_NAME).toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(dir.resolve("donna.%d{yyyy-MM-dd}.%i.log.gz").toString());
        rolling.setMaxFileSize(FileSize.valueOf("10MB"));
        rolling.setMaxHistory(14);
        rolling.setTotalSizeCap(FileSize.valueOf("100MB"));
        rolling.start();
        file.setRollingPolicy(rolling);
        file.setEncoder(encoder(context,
                "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] [%X{traceId:-}] %logger{36} - %msg%n"));
        file.start();

        QUIET.forEach(name -> context.getLogger(name).setLevel(Level.WARN));
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        root.addAppender(stderr);
        root.addAppender(file);
    }

    /** DONNA_LOG_LEVEL: TRACE, DEBUG, INFO, WARN, ERROR or OFF; anything else is INFO. */
    static Level level(String value) {
        return Level.toLevel(value, Level.INFO);
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }
}
