package donna.app.desktop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A login item that is one file the session reads at login: present means on. */
abstract class FileLoginItem implements LoginItem {
    private final Path file;

    FileLoginItem(Path file) {
        this.file = file;
    }

    /** The file's text. */
    abstract String content();

    @Override
    public final boolean enabled() {
        return Files.isRegularFile(file);
    }

    @Override
    public final void enable() {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    @Override
    public final void disable() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + file, e);
        }
    }

    @Override
    public final String location() {
        return file.toString();
    }
}
