package donna.backend.insights;

import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.backend.http.ApiException;
import donna.backend.http.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** A person's saved views of the conversation list. Every statement is filtered by owner. */
final class SavedViews {
    /** Enough for any chooser; a runaway client cannot fill the table. */
    static final int MAX_PER_OWNER = 100;
    private static final String COLUMNS = "id, name, filters, created_at, updated_at";

    private final Jdbi jdbi;
    private final Clock clock;

    SavedViews(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    List<Map<String, Object>> list(UUID owner) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS
                + " from saved_views where owner_id = :o order by lower(name), id")
                .bind("o", owner).map((rs, ctx) -> view(rs)).list());
    }

    Map<String, Object> create(UUID owner, String name, ObjectNode filters) {
        return unique(name, () -> jdbi.inTransaction(h -> {
            int count = h.createQuery("select count(*) from saved_views where owner_id = :o").bind("o", owner)
                    .mapTo(Integer.class).one();
            if (count >= MAX_PER_OWNER) {
                throw new ApiException(409, "limit_reached", "At most " + MAX_PER_OWNER
                        + " saved views; delete one first");
            }
            return h.createQuery("insert into saved_views (owner_id, name, filters, created_at, updated_at)"
                    + " values (:o, :n, cast(:f as jsonb), :t, :t) returning " + COLUMNS)
                    .bind("o", owner).bind("n", name).bind("f", filters.toString()).bind("t", clock.instant())
                    .map((rs, ctx) -> view(rs)).one();
        }));
    }

    /** @return the view after the change, or empty when the owner has no such view */
    Optional<Map<String, Object>> update(UUID owner, UUID id, String name, ObjectNode filters) {
        return unique(name, () -> jdbi.withHandle(h -> h.createQuery("""
                update saved_views set name = coalesce(:n, name), filters = coalesce(cast(:f as jsonb), filters),
                  updated_at = :t
                where id = :id and owner_id = :o""" + " returning " + COLUMNS)
                .bind("n", name).bind("f", filters == null ? null : filters.toString()).bind("t", clock.instant())
                .bind("id", id).bind("o", owner).map((rs, ctx) -> view(rs)).findOne()));
    }

    boolean delete(UUID owner, UUID id) {
        return jdbi.withHandle(h -> h.createUpdate("delete from saved_views where id = :id and owner_id = :o")
                .bind("id", id).bind("o", owner).execute()) > 0;
    }

    /** Runs a write; the owner already having a view of that name (any case) is 409 {@code name_taken}. */
    private static <T> T unique(String name, java.util.function.Supplier<T> write) {
        try {
            return write.get();
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException s && "23505".equals(s.getSQLState())) {
                throw new ApiException(409, "name_taken", "name: you already have a view named \"" + name + "\"");
            }
            throw e;
        }
    }

    private static Map<String, Object> view(ResultSet rs) throws SQLException {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", rs.getObject("id", UUID.class));
        v.put("name", rs.getString("name"));
        v.put("filters", Json.tree(rs.getString("filters")));
        v.put("created_at", rs.getTimestamp("created_at").toInstant());
        v.put("updated_at", rs.getTimestamp("updated_at").toInstant());
        return v;
    }
}
