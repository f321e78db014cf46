package donna.backend.insights;

import donna.backend.auth.AuthGate;
import donna.backend.http.Json;
import donna.backend.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code GET /api/v1/analytics/patterns}: what the last pattern-analyze found for the caller (their own
 * conversations only): recurring topics, failure clusters and, with embeddings, groups of similar conversations, each
 * with its count and its newest conversations. {@code POST /api/v1/analytics/patterns/analyze} analyses the caller's
 * conversations now (an operator's or a test's trigger; the weekly run does every owner) and answers the same.
 */
final class PatternRoutes implements RouteGroup {
    /** Conversations shown per pattern (the newest). */
    static final int EXAMPLES = 10;

    private final Jdbi jdbi;
    private final PatternAnalyzer analyzer;
    private final Clock clock;

    PatternRoutes(Jdbi jdbi, PatternAnalyzer analyzer, Clock clock) {
        this.jdbi = jdbi;
        this.analyzer = analyzer;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/analytics/patterns", this::get);
        routes.post("/api/v1/analytics/patterns/analyze", this::analyze);
    }

    private void get(Context ctx) {
        ctx.json(read(AuthGate.caller(ctx).requireUser().id()));
    }

    private void analyze(Context ctx) {
        UUID owner = AuthGate.caller(ctx).requireUser().id();
        analyzer.analyze(owner, clock.instant());
        ctx.json(read(owner));
    }

    Map<String, Object> read(UUID owner) {
        return jdbi.withHandle(h -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("success", true);
            List<Map<String, Object>> topics = new ArrayList<>();
            List<Map<String, Object>> clusters = new ArrayList<>();
            List<Map<String, Object>> similar = new ArrayList<>();
            Instant[] analyzed = new Instant[3];
            h.createQuery("""
                    select id, kind, label, terms, failure_kinds, conversation_count, period_from, period_to,
                      analyzed_at
                    from usage_patterns where owner_id = :o order by kind, rank""")
                    .bind("o", owner).map((rs, ctx) -> {
                        analyzed[0] = instant(rs, "analyzed_at");
                        analyzed[1] = instant(rs, "period_from");
                        analyzed[2] = instant(rs, "period_to");
                        Map<String, Object> p = new LinkedHashMap<>();
                        p.put("id", rs.getObject("id", UUID.class));
                        p.put("kind", rs.getString("kind"));
                        p.put("label", rs.getString("label"));
                        p.put("terms", Json.tree(rs.getString("terms")));
                        p.put("failure_kinds", Json.tree(rs.getString("failure_kinds")));
                        p.put("conversation_count", rs.getInt("conversation_count"));
                        return p;
                    }).list().forEach(p -> {
                        p.put("conversations", examples(h, (UUID) p.get("id")));
                        switch ((String) p.get("kind")) {
                            case "topic" -> topics.add(p);
                            case "failure_cluster" -> clusters.add(p);
                            default -> similar.add(p);
                        }
                    });
            body.put("analyzed_at", analyzed[0]);
            body.put("period_from", analyzed[1]);
            body.put("period_to", analyzed[2]);
            body.put("topics", topics);
            body.put("failure_clusters", clusters);
            body.put("similar", similar);
            return body;
        });
    }

    private static List<Map<String, Object>> examples(Handle h, UUID pattern) {
        return h.createQuery("""
                select c.id, c.external_id, c.source, c.health_score, c.started_at from pattern_conversations pc
                join conversations c on c.id = pc.conversation_id
                where pc.pattern_id = :p order by c.started_at desc, c.id limit :n""")
                .bind("p", pattern).bind("n", EXAMPLES).map((rs, ctx) -> {
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("id", rs.getObject("id", UUID.class));
                    c.put("external_id", rs.getString("external_id"));
                    c.put("source", rs.getString("source"));
                    c.put("health_score", rs.getObject("health_score"));
                    c.put("started_at", instant(rs, "started_at"));
                    return c;
                }).list();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
