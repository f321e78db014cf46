package donna.backend.http;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a database that cannot be reached (stopped, restarting, the network to it down, the pool waiting in vain)
 * from a bug: the first is 503 {@code database_unavailable} with a Retry-After on every route, never a 500.
 */
public final class DatabaseOutage {
    /** Seconds a client should wait: a restarting PostgreSQL is back within a few. */
    public static final int RETRY_AFTER_SECONDS = 5;
    public static final String CODE = "database_unavailable";
    public static final String MESSAGE = "DONNA's database cannot be reached right now; try again in a few seconds";

    /**
     * SQLSTATEs of a lost or refused connection: class 08 (connection exception), admin/crash shutdown and
     * "cannot connect now" (57P01-57P03), too many connections (53300), and the driver's I/O failure.
     */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseOutage() {}

    /**
     * What the log may say: the driver's own failure (class, SQLSTATE, message), never the statement and its bound
     * arguments that JDBI puts in its exception message (mail text, addresses).
     */
    public static String describe(Throwable failure) {
        Throwable deepest = failure;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException) {
                deepest = t;
            }
        }
        String state = deepest instanceof SQLException sql ? " (SQLSTATE " + sql.getSQLState() + ")" : "";
        return deepest.getClass().getSimpleName() + state + ": " + deepest.getMessage();
    }

    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true; // HikariCP: no connection within the timeout
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || STATES.contains(sql.getSQLState()))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
