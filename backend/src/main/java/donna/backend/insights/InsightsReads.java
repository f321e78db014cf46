package donna.backend.insights;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.http.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** The owner's conversations, messages, failures and analytics. Every query is filtered by owner. */
final class InsightsReads {
    private static final String CONVERSATION_COLUMNS = """
            c.id, c.external_id, c.source, c.metadata, c.started_at, c.last_message_at, c.ended_at, c.message_count,
            c.health_score, c.scored_at, c.failure_count""";

    private final Jdbi jdbi;

    InsightsReads(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    record Page(List<Map<String, Object>> items, String nextCursor) {}

    /** The filters' SQL and bindings over conversations {@code c}. */
    private static String where(UUID owner, ConversationQuery q, Map<String, Object> binds) {
        StringBuilder sql = new StringBuilder(whereWithoutText(owner, q, binds));
        q.q().ifPresent(v -> sql.append(" and ").append(textMatch(v, binds, false)));
        return sql.toString();
    }

    /** Every filter but {@code q}. */
    private static String whereWithoutText(UUID owner, ConversationQuery q, Map<String, Object> binds) {
        StringBuilder sql = new StringBuilder("c.owner_id = :owner");
        binds.put("owner", owner);
        q.from().ifPresent(v -> { sql.append(" and c.started_at >= :from"); binds.put("from", v); });
        q.to().ifPresent(v -> { sql.append(" and c.started_at < :to"); binds.put("to", v); });
        q.healthMin().ifPresent(v -> { sql.append(" and c.health_score >= :hmin"); binds.put("hmin", v); });
        q.healthMax().ifPresent(v -> { sql.append(" and c.health_score <= :hmax"); binds.put("hmax", v); });
        q.hasFailures().ifPresent(v -> sql.append(v ? " and c.failure_count > 0" : " and c.failure_count = 0"));
        q.source().ifPresent(v -> { sql.append(" and c.source = :source"); binds.put("source", v); });
        return sql.toString();
    }

    /**
     * {@code q}: the external id or any message's text contains it, case-insensitive. Both are ILIKE '%q%', which the
     * trigram indexes of V20 serve: as written, PostgreSQL looks the text up in the index once (a hashed subplan)
     * and keeps the conversations found. {@code perConversation} instead checks each conversation's own messages
     * ({@code offset 0} keeps the planner from turning the check into that one lookup): cheaper when only a few
     * conversations are looked at and the text is common.
     */
    private static String textMatch(String text, Map<String, Object> binds, boolean perConversation) {
        // '!' as the LIKE escape: a backslash inside a quoted literal confuses Jdbi's parameter parser.
        binds.put("q", "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        return "(c.external_id ilike :q escape '!' or exists (select 1 from conversation_messages m"
                + " where m.conversation_id = c.id and m.content ilike :q escape '!'"
                + (perConversation ? " offset 0" : "") + "))";
    }

    /**
     * How many conversations (in the page's order, after its cursor) a {@code q} search first looks through one by
     * one; see {@link #list}.
     */
    static final int SEARCH_PREFIX = 200;

    /**
     * A page of the list. With {@code q}, two ways of finding it: a text most conversations contain ("refund") fills
     * a page from the newest conversations at once, while looking it up in the index means reading every message
     * that contains it, the other owners' too; a rare text is the other way round. So the newest
     * {@link #SEARCH_PREFIX} conversations under the other filters are checked one by one first; only when they hold
     * less than a page (and are not all there is) is the page looked up through the index.
     */
    Page list(UUID owner, ConversationQuery q) {
        if (q.q().isPresent()) {
            Optional<Page> early = searchRecent(owner, q);
            if (early.isPresent()) {
                return early.get();
            }
        }
        Map<String, Object> binds = new HashMap<>();
        return page(listSql(owner, q, binds), binds, q).page();
    }

    /** The list's query over every conversation (for {@code q} through the index); fills {@code binds}. */
    static String listSql(UUID owner, ConversationQuery q, Map<String, Object> binds) {
        binds.put("limit", q.limit() + 1);
        return "select " + columns(q.sort()) + " from conversations c where " + where(owner, q, binds)
                + after(q, binds) + order(q.sort()) + " limit :limit";
    }

    /** The search among the first {@link #SEARCH_PREFIX} conversations; empty when that cannot tell the page. */
    private Optional<Page> searchRecent(UUID owner, ConversationQuery q) {
        Map<String, Object> binds = new HashMap<>();
        String sql = "with recent as materialized (select " + columns(q.sort()) + " from conversations c where "
                + whereWithoutText(owner, q, binds) + after(q, binds) + order(q.sort()) + " limit :prefix)"
                + " select c.*, (select count(*) from recent) as looked_at from recent c where "
                + textMatch(q.q().orElseThrow(), binds, true) + order(q.sort()) + " limit :limit";
        binds.put("prefix", SEARCH_PREFIX);
        binds.put("limit", q.limit() + 1);
        Found found = page(sql, binds, q);
        // A whole page (and one more: there is a next page) or every conversation there is: the answer.
        return found.rows() > q.limit() || (found.lookedAt() > 0 && found.lookedAt() < SEARCH_PREFIX)
                ? Optional.of(found.page()) : Optional.empty();
    }

    private record Found(Page page, int rows, long lookedAt) {}

    private static String columns(ConversationQuery.Sort sort) {
        return CONVERSATION_COLUMNS + (sort != ConversationQuery.Sort.RECENT ? ", " + sort.healthKey()
                + " as sort_health" : "");
    }

    /** Keyset paging: after the last row of the previous page in this order (newest first among equals). */
    private static String after(ConversationQuery q, Map<String, Object> binds) {
        if (q.cursor().isEmpty()) {
            return "";
        }
        ConversationQuery.Cursor cursor = q.cursor().get();
        String health = q.sort().healthKey();
        binds.put("cs", cursor.startedAt());
        binds.put("cid", cursor.id());
        if (q.sort() != ConversationQuery.Sort.RECENT) {
            binds.put("ch", cursor.health());
        }
        return switch (q.sort()) {
            case RECENT -> " and (c.started_at, c.id) < (:cs, :cid)";
            case HEALTH_DESC -> " and (" + health + ", c.started_at, c.id) < (:ch, :cs, :cid)";
            case HEALTH_ASC -> " and (" + health + " > :ch or (" + health
                    + " = :ch and (c.started_at, c.id) < (:cs, :cid)))";
        };
    }

    private static String order(ConversationQuery.Sort sort) {
        String health = sort.healthKey();
        return switch (sort) {
            case RECENT -> " order by c.started_at desc, c.id desc";
            case HEALTH_ASC -> " order by " + health + " asc, c.started_at desc, c.id desc";
            case HEALTH_DESC -> " order by " + health + " desc, c.started_at desc, c.id desc";
        };
    }

    /** Runs a page's query (at most {@code limit + 1} rows); {@code looked_at}, when selected, is passed on. */
    private Found page(String sql, Map<String, Object> binds, ConversationQuery q) {
        boolean byHealth = q.sort() != ConversationQuery.Sort.RECENT;
        List<Map<String, Object>> rows = new ArrayList<>();
        List<ConversationQuery.Cursor> cursors = new ArrayList<>();
        long[] lookedAt = {0};
        jdbi.useHandle(h -> h.createQuery(sql).bindMap(binds).map((rs, ctx) -> {
            cursors.add(new ConversationQuery.Cursor(byHealth ? rs.getInt("sort_health") : null,
                    rs.getTimestamp("started_at").toInstant(), rs.getObject("id", UUID.class)));
            if (binds.containsKey("prefix")) {
                lookedAt[0] = rs.getLong("looked_at");
            }
            return conversation(rs);
        }).forEach(rows::add));
        int found = rows.size();
        if (found > q.limit()) {
            rows.removeLast();
            return new Found(new Page(rows, cursors.get(q.limit() - 1).encode()), found, lookedAt[0]);
        }
        return new Found(new Page(rows, null), found, lookedAt[0]);
    }

    Optional<Map<String, Object>> conversation(UUID owner, UUID id) {
        return jdbi.withHandle(h -> h.createQuery("select " + CONVERSATION_COLUMNS
                + ", c.health_breakdown from conversations c where c.id = :id and c.owner_id = :o")
                .bind("id", id).bind("o", owner).map((rs, ctx) -> {
                    Map<String, Object> row = conversation(rs);
                    String breakdown = rs.getString("health_breakdown");
                    row.put("health_breakdown", breakdown == null ? null : Json.tree(breakdown));
                    return row;
                }).findOne());
    }

    /** A page of messages in order, after the message id {@code after} (0 for the first page). */
    List<Map<String, Object>> messages(UUID conversation, long after, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                select id, role, content, ts, metadata, latency_ms, sentiment from conversation_messages
                where conversation_id = :c and id > :after order by ts, id limit :n""")
                .bind("c", conversation).bind("after", after).bind("n", limit).map((rs, ctx) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getLong("id"));
                    m.put("role", rs.getString("role"));
                    m.put("content", rs.getString("content"));
                    m.put("timestamp", instant(rs, "ts"));
                    m.put("metadata", Json.tree(rs.getString("metadata")));
                    m.put("latency_ms", rs.getObject("latency_ms"));
                    m.put("sentiment", rs.getObject("sentiment"));
                    return m;
                }).list());
    }

    List<Map<String, Object>> failures(UUID conversation) {
        return jdbi.withHandle(h -> h.createQuery("select " + FAILURE_COLUMNS
                + " from failures f where f.conversation_id = :c order by f.occurred_at, f.kind")
                .bind("c", conversation).map((rs, ctx) -> failure(rs)).list());
    }

    private static final String FAILURE_COLUMNS = """
            f.id, f.conversation_id, f.kind, f.severity, f.message_id, f.detail, f.status, f.occurred_at,
            f.created_at, f.updated_at""";

    /** @return the failure after the change, or empty when the owner has no such failure */
    Optional<Map<String, Object>> setFailureStatus(UUID owner, UUID id, String status, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("update failures f set status = :s, updated_at = :t"
                + " where f.id = :id and f.owner_id = :o returning " + FAILURE_COLUMNS)
                .bind("s", status).bind("t", now).bind("id", id).bind("o", owner)
                .map((rs, ctx) -> failure(rs)).findOne());
    }

    Map<String, Object> summary(UUID owner, ConversationQuery q) {
        Map<String, Object> binds = new HashMap<>();
        String where = where(owner, q, binds);
        return jdbi.withHandle(h -> h.createQuery("""
                select count(*) as n, avg(c.health_score) as avg_health, count(c.scored_at) as scored,
                  count(*) filter (where c.failure_count > 0) as with_failures,
                  (select count(*) from failures f join conversations c on c.id = f.conversation_id
                    where f.owner_id = :owner and f.status = 'open' and %s) as open_failures
                from conversations c where %s""".formatted(where, where))
                .bindMap(binds).map((rs, ctx) -> {
                    long n = rs.getLong("n");
                    Map<String, Object> s = new LinkedHashMap<>();
                    s.put("conversations", n);
                    s.put("scored", rs.getLong("scored"));
                    double avg = rs.getDouble("avg_health");
                    s.put("average_health", rs.wasNull() ? null : Math.round(avg * 10) / 10.0);
                    s.put("open_failures", rs.getLong("open_failures"));
                    s.put("with_failures", rs.getLong("with_failures"));
                    s.put("share_with_failures", n == 0 ? 0.0
                            : Math.round(rs.getLong("with_failures") * 1000.0 / n) / 1000.0);
                    return s;
                }).one());
    }

    /**
     * Failures per bucket and kind, by when they happened, over conversations matching the filters. The failures'
     * own {@code owner_id} is filtered too, so their (owner, time) index reads only the owner's (the join alone read
     * every owner's failures); the bucket is cut in UTC with {@code at time zone}, the same instants as
     * {@code date_trunc}'s time-zone argument, which converts per row more slowly.
     */
    List<Map<String, Object>> failureTrends(UUID owner, ConversationQuery q, String bucket, Instant from,
            Instant to) {
        Map<String, Object> binds = new HashMap<>();
        String where = where(owner, q.withoutPeriod(), binds);
        binds.put("bucket", bucket);
        binds.put("tfrom", from);
        binds.put("tto", to);
        return jdbi.withHandle(h -> h.createQuery("""
                select date_trunc(:bucket, f.occurred_at at time zone 'UTC') at time zone 'UTC' as start, f.kind,
                  count(*) as n
                from failures f join conversations c on c.id = f.conversation_id
                where f.owner_id = :owner and f.occurred_at >= :tfrom and f.occurred_at < :tto and %s
                group by 1, 2 order by 1, 2""".formatted(where))
                .bindMap(binds).map((rs, ctx) -> {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("start", instant(rs, "start"));
                    p.put("kind", rs.getString("kind"));
                    p.put("count", rs.getLong("n"));
                    return p;
                }).list());
    }

    /** Average health per bucket of the conversations started in it. */
    List<Map<String, Object>> healthTrend(UUID owner, ConversationQuery q, String bucket, Instant from, Instant to) {
        Map<String, Object> binds = new HashMap<>();
        String where = where(owner, q.withoutPeriod(), binds);
        binds.put("bucket", bucket);
        binds.put("tfrom", from);
        binds.put("tto", to);
        return jdbi.withHandle(h -> h.createQuery("""
                select date_trunc(:bucket, c.started_at at time zone 'UTC') at time zone 'UTC' as start,
                  avg(c.health_score) as health,
                  count(*) as n
                from conversations c
                where c.started_at >= :tfrom and c.started_at < :tto and %s
                group by 1 order by 1""".formatted(where))
                .bindMap(binds).map((rs, ctx) -> {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("start", instant(rs, "start"));
                    double health = rs.getDouble("health");
                    p.put("average_health", rs.wasNull() ? null : Math.round(health * 10) / 10.0);
                    p.put("conversations", rs.getLong("n"));
                    return p;
                }).list());
    }

    List<Map<String, Object>> deadLetters(UUID owner) {
        return jdbi.withHandle(h -> h.createQuery("""
                select id, kind, conversation_id, attempts, last_error, failed_at from insights_dead_letters
                where owner_id = :o order by failed_at desc limit 200""")
                .bind("o", owner).map((rs, ctx) -> {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("id", rs.getObject("id", UUID.class));
                    d.put("kind", rs.getString("kind"));
                    d.put("conversation_id", rs.getObject("conversation_id", UUID.class));
                    d.put("attempts", rs.getInt("attempts"));
                    d.put("last_error", rs.getString("last_error"));
                    d.put("failed_at", instant(rs, "failed_at"));
                    return d;
                }).list());
    }

    private static Map<String, Object> conversation(ResultSet rs) throws SQLException {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", rs.getObject("id", UUID.class));
        c.put("external_id", rs.getString("external_id"));
        c.put("source", rs.getString("source"));
        JsonNode metadata = Json.tree(rs.getString("metadata"));
        c.put("metadata", metadata);
        c.put("started_at", instant(rs, "started_at"));
        c.put("last_message_at", instant(rs, "last_message_at"));
        c.put("ended_at", instant(rs, "ended_at"));
        c.put("message_count", rs.getInt("message_count"));
        c.put("health_score", rs.getObject("health_score"));
        c.put("scored_at", instant(rs, "scored_at"));
        c.put("failure_count", rs.getInt("failure_count"));
        return c;
    }

    private static Map<String, Object> failure(ResultSet rs) throws SQLException {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", rs.getObject("id", UUID.class));
        f.put("conversation_id", rs.getObject("conversation_id", UUID.class));
        f.put("kind", rs.getString("kind"));
        f.put("severity", rs.getString("severity"));
        f.put("message_id", rs.getObject("message_id"));
        f.put("detail", rs.getString("detail"));
        f.put("status", rs.getString("status"));
        f.put("occurred_at", instant(rs, "occurred_at"));
        f.put("created_at", instant(rs, "created_at"));
        f.put("updated_at", instant(rs, "updated_at"));
        return f;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
