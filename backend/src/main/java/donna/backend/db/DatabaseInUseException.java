package donna.backend.db;

import java.nio.file.Path;

/** Another running DONNA service owns this embedded data directory. */
public final class DatabaseInUseException extends RuntimeException {
    public DatabaseInUseException(Path dataDir) {
        super("the database in " + dataDir + " is in use by another running DONNA service; stop it first");
    }
}
