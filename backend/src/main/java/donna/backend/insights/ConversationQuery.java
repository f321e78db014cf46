package donna.backend.insights;

import donna.backend.http.ApiException;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The filters of the conversation list and the analytics, read from the query string; a bad one is 400
 * {@code validation_failed} naming the parameter. Periods are over {@code started_at}, {@code from} inclusive,
 * {@code to} exclusive; a bare date is midnight UTC.
 */
record ConversationQuery(Optional<Instant> from, Optional<Instant> to, Optional<Integer> healthMin,
        Optional<Integer> healthMax, Optional<Boolean> hasFailures, Optional<String> source, Optional<String> q,
        Optional<Cursor> cursor, int limit, Sort sort) {
    static final Set<String> SOURCES = Set.of("donna-chat", "donna-voice", "api");
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    /**
     * The list's order ({@code sort}): newest first, or by health (lowest or highest first, newest first among
     * equals). Conversations not scored yet come last either way.
     */
    enum Sort {
        RECENT("recent"), HEALTH_ASC("health_asc"), HEALTH_DESC("health_desc");

        final String wire;

        Sort(String wire) {
            this.wire = wire;
        }

        /** The health a conversation sorts by: unscored ones past either end, so they come last. */
        String healthKey() {
            return this == HEALTH_ASC ? "coalesce(c.health_score, 101)" : "coalesce(c.health_score, -1)";
        }

        static Sort of(String text) {
            for (Sort s : values()) {
                if (s.wire.equals(text)) {
                    return s;
                }
            }
            throw invalid("sort", "one of recent, health_asc, health_desc");
        }
    }

    /**
     * Where the previous page stopped: its last conversation's sort key (health, null for {@code recent}), start and
     * id. A cursor carries which order it belongs to, so one from another order is refused rather than misread.
     */
    record Cursor(Integer health, Instant startedAt, UUID id) {
        Cursor(Instant startedAt, UUID id) {
            this(null, startedAt, id);
        }

        String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ((health == null ? "" : "h" + health + ":") + startedAt.getEpochSecond() + ":"
                            + startedAt.getNano() + ":" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String text) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(":");
                Integer health = null;
                int i = 0;
                if (parts.length == 4 && parts[0].startsWith("h")) {
                    health = Integer.parseInt(parts[0].substring(1));
                    i = 1;
                } else if (parts.length != 3) {
                    throw new IllegalArgumentException("parts");
                }
                return new Cursor(health, Instant.ofEpochSecond(Long.parseLong(parts[i]),
                        Long.parseLong(parts[i + 1])), UUID.fromString(parts[i + 2]));
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException | DateTimeException e) {
                throw invalid("cursor", "the next_cursor of a previous page");
            }
        }
    }

    /** The same filters over all time (trends bound their own period). */
    ConversationQuery withoutPeriod() {
        return new ConversationQuery(Optional.empty(), Optional.empty(), healthMin, healthMax, hasFailures, source, q,
                Optional.empty(), limit, sort);
    }

    static ConversationQuery of(Context ctx) {
        String q = ctx.queryParam("q");
        if (q != null && q.length() > 200) {
            throw invalid("q", "at most 200 characters");
        }
        String source = ctx.queryParam("source");
        if (source != null && !SOURCES.contains(source)) {
            throw invalid("source", "one of donna-chat, donna-voice, api");
        }
        String hasFailures = ctx.queryParam("has_failures");
        if (hasFailures != null && !hasFailures.equals("true") && !hasFailures.equals("false")) {
            throw invalid("has_failures", "true or false");
        }
        String cursor = ctx.queryParam("cursor");
        Optional<Integer> limit = integer(ctx, "limit", 1, MAX_LIMIT);
        String sortText = ctx.queryParam("sort");
        Sort sort = sortText == null || sortText.isBlank() ? Sort.RECENT : Sort.of(sortText.strip());
        Optional<Cursor> after = Optional.ofNullable(cursor).filter(s -> !s.isBlank()).map(Cursor::decode);
        if (after.isPresent() && (after.get().health() == null) != (sort == Sort.RECENT)) {
            throw invalid("cursor", "the next_cursor of a previous page in the same sort");
        }
        return new ConversationQuery(instant(ctx, "from"), instant(ctx, "to"), integer(ctx, "health_min", 0, 100),
                integer(ctx, "health_max", 0, 100), Optional.ofNullable(hasFailures).map(Boolean::parseBoolean),
                Optional.ofNullable(source), Optional.ofNullable(q).filter(s -> !s.isBlank()),
                after, limit.orElse(DEFAULT_LIMIT), sort);
    }

    static Optional<Instant> instant(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeException e) {
            throw invalid(name, "an ISO-8601 time with offset or a date (2026-12-01)");
        }
    }

    static Optional<Integer> integer(Context ctx, String name, int min, int max) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return Optional.of(n);
        } catch (NumberFormatException e) {
            throw invalid(name, "a whole number from " + min + " to " + max);
        }
    }

    static ApiException invalid(String name, String rule) {
        return ApiException.badRequest("validation_failed", name + ": " + rule);
    }
}
