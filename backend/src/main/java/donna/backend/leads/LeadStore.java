package donna.backend.leads;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.http.ApiException;
import donna.backend.http.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import donna.backend.webhooks.EventSink;
import donna.backend.webhooks.EventTypes;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The {@code leads} table and the threads each came from. Every read and write names the owner: another user's
 * lead is simply not found. A lead with an address is unique per owner and address (case-insensitive): saving the
 * same address again updates that lead.
 */
public final class LeadStore {
    private static final String COLUMNS = "l.id, l.name, l.email, l.company, l.stage, l.category, "
            + "l.category_reason, l.source, l.next_follow_up, l.notes, l.created_at, l.updated_at, "
            + "(select coalesce(json_agg(t.thread_id order by t.added_at, t.thread_id), '[]'::json) "
            + "from lead_threads t where t.lead_id = l.id)::text as threads";

    private final Jdbi jdbi;
    private final EventSink events;

    /** Announcing nothing (tests of the store alone). */
    public LeadStore(Jdbi jdbi) {
        this(jdbi, EventSink.NONE);
    }

    /** @param events told {@code lead.created} / {@code lead.updated} with the lead, in the same transaction */
    public LeadStore(Jdbi jdbi, EventSink events) {
        this.jdbi = jdbi;
        this.events = events;
    }

    /** A saved lead and whether it is new (false: a lead with the same address was updated). */
    public record Saved(Lead lead, boolean created) {}

    /**
     * What to list; null fields do not filter.
     *
     * @param q     words found in the name, address, company or notes (case-insensitive)
     * @param dueBy leads whose next follow-up is on or before this day
     */
    public record Filter(String stage, String category, String q, LocalDate dueBy, int limit) {}

    /**
     * Inserts a lead, or updates the owner's lead with the same address (only the fields given; its source stays
     * where it first came from). {@code fields} come from {@link LeadFields#parse} with {@code creating}.
     */
    public Saved upsert(UUID userId, Map<String, Object> fields, List<String> threadIds) {
        List<String> columns = columns(fields);
        StringBuilder sql = new StringBuilder("insert into leads (user_id");
        columns.forEach(c -> sql.append(", ").append(c));
        sql.append(") values (:u");
        columns.forEach(c -> sql.append(", :").append(c));
        sql.append(") on conflict (user_id, lower(email)) where email is not null do update set updated_at = now()");
        columns.stream().filter(c -> !c.equals("source") && !c.equals("email"))
                .forEach(c -> sql.append(", ").append(c).append(" = excluded.").append(c));
        sql.append(" returning id, (xmax = 0) as inserted");
        return jdbi.inTransaction(h -> {
            var q = h.createQuery(sql.toString()).bind("u", userId);
            bindAll(q, fields);
            Map<String, Object> row = q.mapToMap().one();
            UUID id = (UUID) row.get("id");
            addThreads(h, id, threadIds);
            Saved saved = new Saved(find(h, userId, id).orElseThrow(), (Boolean) row.get("inserted"));
            events.publish(h, userId, saved.created() ? EventTypes.LEAD_CREATED : EventTypes.LEAD_UPDATED,
                    saved.lead());
            return saved;
        });
    }

    /** Applies an edit (only the fields given); empty when the owner has no such lead. */
    public Optional<Lead> update(UUID userId, UUID id, Map<String, Object> fields, List<String> threadIds) {
        StringBuilder sql = new StringBuilder("update leads set updated_at = now()");
        columns(fields).forEach(c -> sql.append(", ").append(c).append(" = :").append(c));
        sql.append(" where user_id = :u and id = :id");
        try {
            return jdbi.inTransaction(h -> {
                var u = h.createUpdate(sql.toString()).bind("u", userId).bind("id", id);
                bindAll(u, fields);
                if (u.execute() == 0) {
                    return Optional.<Lead>empty();
                }
                addThreads(h, id, threadIds);
                Optional<Lead> lead = find(h, userId, id);
                lead.ifPresent(l -> events.publish(h, userId, EventTypes.LEAD_UPDATED, l));
                return lead;
            });
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException s && "23505".equals(s.getSQLState())) {
                throw new ApiException(409, "lead_exists", "Another lead already has this email");
            }
            throw e;
        }
    }

    public Optional<Lead> find(UUID userId, UUID id) {
        return jdbi.withHandle(h -> find(h, userId, id));
    }

    /** The owner's leads with exactly this name (case-insensitive), newest first. */
    public List<Lead> byName(UUID userId, String name) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from leads l where l.user_id = :u "
                        + "and lower(l.name) = lower(:n) order by l.updated_at desc limit 5")
                .bind("u", userId).bind("n", name).map((rs, c) -> row(rs)).list());
    }

    /** Which of these addresses (lower case) the owner already has as leads. */
    public java.util.Set<String> knownEmails(UUID userId, java.util.Collection<String> emails) {
        if (emails.isEmpty()) {
            return java.util.Set.of();
        }
        return jdbi.withHandle(h -> java.util.Set.copyOf(h.createQuery("select lower(email) from leads "
                        + "where user_id = :u and email is not null and lower(email) = any(:e)")
                .bind("u", userId).bindArray("e", String.class, emails.stream().map(String::toLowerCase).toList())
                .mapTo(String.class).list()));
    }

    public boolean delete(UUID userId, UUID id) {
        return jdbi.withHandle(h -> h.createUpdate("delete from leads where user_id = :u and id = :id")
                .bind("u", userId).bind("id", id).execute() > 0);
    }

    /** The owner's leads matching {@code f}: by follow-up day when filtering on it, else the newest first. */
    public List<Lead> list(UUID userId, Filter f) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from leads l where l.user_id = :u");
        if (f.stage() != null) {
            sql.append(" and l.stage = :stage");
        }
        if (f.category() != null) {
            sql.append(" and l.category = :category");
        }
        if (f.q() != null) {
            // position(), not LIKE: the person's words need no escaping.
            sql.append(" and position(lower(:q) in lower(l.name || ' ' || coalesce(l.email, '') || ' ' "
                    + "|| coalesce(l.company, '') || ' ' || l.notes)) > 0");
        }
        if (f.dueBy() != null) {
            sql.append(" and l.next_follow_up <= :due order by l.next_follow_up, l.name");
        } else {
            sql.append(" order by l.updated_at desc, l.id");
        }
        sql.append(" limit :n");
        return jdbi.withHandle(h -> {
            var query = h.createQuery(sql.toString()).bind("u", userId).bind("n", f.limit());
            if (f.stage() != null) {
                query.bind("stage", f.stage());
            }
            if (f.category() != null) {
                query.bind("category", f.category());
            }
            if (f.q() != null) {
                query.bind("q", f.q());
            }
            if (f.dueBy() != null) {
                query.bind("due", f.dueBy());
            }
            return query.map((rs, c) -> row(rs)).list();
        });
    }

    private static Optional<Lead> find(Handle h, UUID userId, UUID id) {
        return h.createQuery("select " + COLUMNS + " from leads l where l.user_id = :u and l.id = :id")
                .bind("u", userId).bind("id", id).map((rs, c) -> row(rs)).findOne();
    }

    private static void addThreads(Handle h, UUID leadId, List<String> threadIds) {
        for (String t : threadIds) {
            h.createUpdate("insert into lead_threads (lead_id, thread_id) values (:l, :t) on conflict do nothing")
                    .bind("l", leadId).bind("t", t).execute();
        }
    }

    /** The keys of {@code fields}, each checked against the known columns: nothing else is written into SQL. */
    private static List<String> columns(Map<String, Object> fields) {
        List<String> out = new ArrayList<>(fields.keySet());
        out.forEach(c -> {
            if (!LeadFields.COLUMNS.contains(c)) {
                throw new IllegalArgumentException("not a lead column: " + c);
            }
        });
        return out;
    }

    private static void bindAll(SqlStatement<?> statement, Map<String, Object> fields) {
        fields.forEach((column, value) -> {
            if (column.equals("next_follow_up")) {
                statement.bind(column, (LocalDate) value);
            } else {
                statement.bind(column, (String) value);
            }
        });
    }

    private static Lead row(ResultSet rs) throws SQLException {
        List<String> threads = new ArrayList<>();
        for (JsonNode t : Json.tree(rs.getString("threads"))) {
            threads.add(t.asText());
        }
        return new Lead(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("email"),
                rs.getString("company"), rs.getString("stage"), rs.getString("category"),
                rs.getString("category_reason"), rs.getString("source"),
                rs.getObject("next_follow_up", LocalDate.class), rs.getString("notes"), List.copyOf(threads),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
    }
}
