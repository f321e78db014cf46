package donna.backend.db;

import java.sql.SQLException;

/** A statement run with plain JDBC failed (the pool, the connection or the SQL): answered as a 500. */
public final class DatabaseException extends RuntimeException {
    public DatabaseException(String message, SQLException cause) {
        super(message, cause);
    }
}
