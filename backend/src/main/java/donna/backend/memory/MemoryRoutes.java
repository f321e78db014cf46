package donna.backend.memory;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.auth.AuthGate;
import donna.backend.http.ApiException;
import donna.backend.http.Json;
import donna.backend.http.RouteGroup;
import donna.backend.users.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/** What DONNA remembers about the user (GET/PUT/DELETE /api/memory); it goes into every chat prompt. */
public final class MemoryRoutes implements RouteGroup {
    private static final Pattern KEY = Pattern.compile("[\\p{L}\\p{N} _.:-]{1,100}");
    private static final int MAX_VALUE_CHARS = 4_000;

    private final Jdbi jdbi;

    public MemoryRoutes(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public record Entry(String key, JsonNode value, @JsonProperty("updated_at") OffsetDateTime updatedAt) {}

    record PutBody(String key, JsonNode value) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/memory", this::list);
        routes.put("/api/memory", this::put);
        routes.delete("/api/memory/{key}", this::delete);
    }

    private void list(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        var entries = jdbi.withHandle(h -> h.createQuery(
                        "select key, value::text as value, updated_at from user_memory where user_id = :u order by key")
                .bind("u", user.id())
                .map((rs, c) -> new Entry(rs.getString("key"), Json.tree(rs.getString("value")),
                        rs.getObject("updated_at", OffsetDateTime.class)))
                .list());
        ctx.json(Map.of("success", true, "memory", entries));
    }

    private void put(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        PutBody body = ctx.bodyAsClass(PutBody.class);
        if (body == null || body.key() == null || !KEY.matcher(body.key()).matches()) {
            throw ApiException.badRequest("validation_failed", "key must be 1-100 letters, digits, spaces or _.:-");
        }
        if (body.value() == null || body.value().isNull() || body.value().toString().length() > MAX_VALUE_CHARS) {
            throw ApiException.badRequest("validation_failed",
                    "value is required and at most " + MAX_VALUE_CHARS + " characters of JSON");
        }
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into user_memory (user_id, key, value) values (:u, :k, cast(:v as jsonb))
                        on conflict (user_id, key) do update set value = excluded.value, updated_at = now()""")
                .bind("u", user.id()).bind("k", body.key()).bind("v", body.value().toString()).execute());
        ctx.json(Map.of("success", true));
    }

    private void delete(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        int deleted = jdbi.withHandle(h -> h.createUpdate("delete from user_memory where user_id = :u and key = :k")
                .bind("u", user.id()).bind("k", ctx.pathParam("key")).execute());
        if (deleted == 0) {
            throw ApiException.notFound("Nothing remembered under that key");
        }
        ctx.json(Map.of("success", true));
    }
}
