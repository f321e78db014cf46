package donna.backend.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The role the service connects to the embedded server as: {@code donna}, a login with no superuser, database or
 * role rights, owning one schema ({@code donna}) and nothing else. Even with its password, it cannot read files
 * ({@code pg_read_file}), run programs or see anything outside its schema.
 *
 * <p>Older installations kept the tables in {@code public}, owned by the superuser; they move into the schema and
 * to the role here (a rename in the catalog: no data is copied), in one transaction.
 */
final class ServiceRole {
    static final String NAME = "donna";
    static final String SCHEMA = "donna";

    private ServiceRole() {}

    /** Idempotent; run at every start over a superuser connection. */
    static void ensure(Connection superuser, String password) throws SQLException {
        if (!DatabaseCredentials.safe(password)) {
            throw new IllegalArgumentException("unexpected characters in the service role's password");
        }
        boolean auto = superuser.getAutoCommit();
        superuser.setAutoCommit(false);
        try (Statement s = superuser.createStatement()) {
            if (!exists(s, "select 1 from pg_roles where rolname = '" + NAME + "'")) {
                s.execute("create role " + NAME + " login");
            }
            s.execute("alter role " + NAME + " with login nosuperuser nocreatedb nocreaterole noreplication "
                    + "nobypassrls password '" + password + "'");
            s.execute("alter role " + NAME + " set search_path = " + SCHEMA);
            s.execute("create schema if not exists " + SCHEMA + " authorization " + NAME);
            for (String table : names(s, "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                    + "where n.nspname = 'public' and c.relkind in ('r', 'p')")) {
                s.execute("alter table public." + quote(table) + " set schema " + SCHEMA);
            }
            for (String table : names(s, "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                    + "join pg_roles r on r.oid = c.relowner where n.nspname = '" + SCHEMA + "' and c.relkind in ('r', 'p') "
                    + "and r.rolname <> '" + NAME + "'")) {
                // Also hands over the sequences of its serial columns.
                s.execute("alter table " + SCHEMA + "." + quote(table) + " owner to " + NAME);
            }
            // Nobody but the superuser may create objects in public (PostgreSQL 15+ default, said explicitly).
            s.execute("revoke create on schema public from public");
            superuser.commit();
        } catch (SQLException | RuntimeException e) {
            superuser.rollback();
            throw e;
        } finally {
            superuser.setAutoCommit(auto);
        }
    }

    private static boolean exists(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next();
        }
    }

    private static List<String> names(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
