package donna.backend.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What is logged while open, kept in memory instead of the console: every library at INFO (what production runs
 * at; their DEBUG wire dumps are not ours to police) and DONNA's own code at DEBUG. For asserting that secrets never
 * reach a log line (messages, arguments and exception text).
 */
public final class LogCapture implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Level level = root.getLevel();
    private final Logger donna = (Logger) LoggerFactory.getLogger("donna");
    private final Level donnaLevel = donna.getLevel();
    private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public LogCapture() {
        root.iteratorForAppenders().forEachRemaining(detached::add);
        detached.forEach(root::detachAppender);
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.INFO);
        donna.setLevel(Level.DEBUG);
    }

    /** Every line as written, with the text of any exception chain. */
    public synchronized List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent e : List.copyOf(appender.list)) {
            StringBuilder line = new StringBuilder(e.getLoggerName()).append(' ').append(e.getFormattedMessage());
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
            }
            lines.add(line.toString());
        }
        return lines;
    }

    @Override
    public void close() {
        root.setLevel(level);
        donna.setLevel(donnaLevel);
        root.detachAppender(appender);
        detached.forEach(root::addAppender);
    }
}
