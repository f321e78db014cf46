package donna.backend.memory;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.http.ApiException;
import donna.backend.http.Json;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * The user's memory ({@code user_memory}): the one place that reads and writes it, for {@code /api/memory} and the
 * {@code remember}/{@code forget} tools alike. Capped per user (entries and total size), because every entry goes
 * into every prompt: past the cap a write is refused with a clear message, never silently dropped.
 */
public final class MemoryStore {
    public static final Pattern KEY = Pattern.compile("[\\p{L}\\p{N} _.:-]{1,100}");
    public static final int MAX_VALUE_CHARS = 4_000;
    public static final int MAX_ENTRIES = 100;
    /** Keys plus values (their JSON text), in UTF-8 bytes. */
    public static final int MAX_TOTAL_BYTES = 16 * 1024;

    private final Jdbi jdbi;

    public MemoryStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public record Entry(String key, JsonNode value, @JsonProperty("updated_at") OffsetDateTime updatedAt) {}

    public List<Entry> list(UUID userId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "select key, value::text as value, updated_at from user_memory where user_id = :u order by key")
                .bind("u", userId)
                .map((rs, c) -> new Entry(rs.getString("key"), Json.tree(rs.getString("value")),
                        rs.getObject("updated_at", OffsetDateTime.class)))
                .list());
    }

    /**
     * Saves (or replaces) one entry.
     *
     * @throws ApiException 400 {@code validation_failed} for a bad key or value; 409 {@code memory_full} past a cap
     */
    public void put(UUID userId, String key, JsonNode value) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw ApiException.badRequest("validation_failed", "key must be 1-100 letters, digits, spaces or _.:-");
        }
        if (value == null || value.isNull() || value.toString().length() > MAX_VALUE_CHARS) {
            throw ApiException.badRequest("validation_failed",
                    "value is required and at most " + MAX_VALUE_CHARS + " characters of JSON");
        }
        String text = value.toString();
        int size = key.getBytes(StandardCharsets.UTF_8).length + text.getBytes(StandardCharsets.UTF_8).length;
        jdbi.useTransaction(h -> {
            // One writer per user at a time, so two concurrent writes cannot both pass the cap.
            h.createQuery("select 1 from (select pg_advisory_xact_lock(hashtextextended(cast(:u as text), 12))) l")
                    .bind("u", userId).mapTo(Integer.class).one();
            record Usage(int entries, long bytes) {}
            Usage others = h.createQuery("""
                            select count(*) as entries,
                                   coalesce(sum(octet_length(key) + octet_length(value::text)), 0) as bytes
                            from user_memory where user_id = :u and key <> :k""")
                    .bind("u", userId).bind("k", key)
                    .map((rs, c) -> new Usage(rs.getInt("entries"), rs.getLong("bytes"))).one();
            if (others.entries() >= MAX_ENTRIES) {
                throw new ApiException(409, "memory_full", "DONNA already remembers " + MAX_ENTRIES
                        + " things, the most she keeps; forget something first");
            }
            if (others.bytes() + size > MAX_TOTAL_BYTES) {
                throw new ApiException(409, "memory_full", "That would take DONNA's memory past "
                        + MAX_TOTAL_BYTES / 1024 + " KB, the most she keeps; forget something first or say it shorter");
            }
            h.createUpdate("""
                            insert into user_memory (user_id, key, value) values (:u, :k, cast(:v as jsonb))
                            on conflict (user_id, key) do update set value = excluded.value, updated_at = now()""")
                    .bind("u", userId).bind("k", key).bind("v", text).execute();
        });
    }

    /** @return whether there was an entry under {@code key} */
    public boolean forget(UUID userId, String key) {
        return jdbi.withHandle(h -> h.createUpdate("delete from user_memory where user_id = :u and key = :k")
                .bind("u", userId).bind("k", key).execute()) > 0;
    }
}
