package donna.app.shell;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where the main window was, in {@code <data>/window.properties}. Best effort: failures are logged, not shown. */
public final class WindowStateStore {
    private static final Logger log = LoggerFactory.getLogger(WindowStateStore.class);

    /** Position and size in screen pixels. */
    public record WindowState(double x, double y, double width, double height, boolean maximized) {}

    private final Path file;

    public WindowStateStore(Path file) {
        this.file = file;
    }

    public Optional<WindowState> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            WindowState s = new WindowState(Double.parseDouble(p.getProperty("x")),
                    Double.parseDouble(p.getProperty("y")), Double.parseDouble(p.getProperty("width")),
                    Double.parseDouble(p.getProperty("height")), Boolean.parseBoolean(p.getProperty("maximized")));
            return s.width() >= 200 && s.height() >= 150 ? Optional.of(s) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            log.debug("Ignoring window state {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    public void save(WindowState s) {
        Properties p = new Properties();
        p.setProperty("x", Double.toString(s.x()));
        p.setProperty("y", Double.toString(s.y()));
        p.setProperty("width", Double.toString(s.width()));
        p.setProperty("height", Double.toString(s.height()));
        p.setProperty("maximized", Boolean.toString(s.maximized()));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                p.store(out, "DONNA main window");
            }
        } catch (IOException e) {
            log.warn("Could not remember the window position: {}", e.toString());
        }
    }
}
