package donna.backend.realtime;

import donna.backend.http.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Meters voice (issue 15, finding 10): a per-user daily budget of minutes and a cap on concurrent sessions, checked
 * whenever a client secret is minted. The app talks to OpenAI directly, so the service never sees a session; it
 * counts what the app reports ({@code voice_sessions}: heartbeats while connected, an end on disconnect) and charges
 * conservatively where the app says nothing, so a client that stops reporting pays more, not less. The rows live in
 * PostgreSQL and each check runs under a per-user advisory lock: instances of a shared deployment count together.
 *
 * <p>What a session costs: from its start to its end, at least {@link #ENDED_MINIMUM}; one not ended costs up to its
 * last heartbeat plus one interval, at least {@link #UNREPORTED_MINIMUM} (a secret minted and never reported is not
 * free). A session is live while not ended and heard from within two intervals. Sessions count towards the UTC day
 * they started in.
 */
public final class VoiceBudget {
    /** How often the app reports a connected session. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(60);
    /** A session not heard from for this long is no longer live (it still costs up to its last heartbeat). */
    public static final Duration LIVE_WINDOW = HEARTBEAT.multipliedBy(2);
    /** What a session that was never ended costs at least. */
    public static final Duration UNREPORTED_MINIMUM = Duration.ofMinutes(5);
    /** What an ended session costs at least: a started conversation is a minute, as on a phone bill. */
    public static final Duration ENDED_MINIMUM = Duration.ofMinutes(1);

    /**
     * @param dailyMinutes  VOICE_DAILY_MINUTES: minutes a user may use per UTC day; 0 = no budget
     * @param maxConcurrent VOICE_MAX_CONCURRENT_SESSIONS: live sessions a user may hold at once; 0 = no cap
     */
    public record Limits(int dailyMinutes, int maxConcurrent) {
        public Limits {
            if (dailyMinutes < 0 || maxConcurrent < 0) {
                throw new IllegalArgumentException("voice limits must not be negative");
            }
        }

        public static Limits unlimited() {
            return new Limits(0, 0);
        }
    }

    /** A metered session: its id, and whether this mint started it (false: it continues a live one). */
    public record Opened(UUID id, boolean started) {}

    private record Row(UUID id, Instant startedAt, Instant lastSeenAt, Instant endedAt) {}

    private final Jdbi jdbi;
    private final Limits limits;
    private final Clock clock;

    public VoiceBudget(Jdbi jdbi, Limits limits, Clock clock) {
        this.jdbi = jdbi;
        this.limits = limits;
        this.clock = clock;
    }

    public Limits limits() {
        return limits;
    }

    /**
     * Admits a mint for {@code userId}: continues {@code continuing} when it is the user's own live session (a spare
     * secret for a reconnect adds no session), else starts a new one.
     *
     * @throws ApiException 429 {@code voice_budget_exhausted} (Retry-After: the next UTC midnight) or 429
     *                      {@code voice_session_limit}
     */
    public Opened open(UUID userId, Optional<UUID> continuing) {
        return jdbi.inTransaction(h -> {
            lock(h, userId);
            Instant now = clock.instant();
            List<Row> today = rows(h, userId, dayStart(now));
            long usedSeconds = today.stream().mapToLong(r -> charge(r).toSeconds()).sum();
            if (limits.dailyMinutes() > 0 && usedSeconds >= limits.dailyMinutes() * 60L) {
                long untilMidnight = Duration.between(now, dayStart(now).plus(Duration.ofDays(1))).toSeconds() + 1;
                throw new ApiException(429, "voice_budget_exhausted", "You have used " + (usedSeconds + 59) / 60
                        + " of your " + limits.dailyMinutes() + " voice minutes today; voice is available again "
                        + "after midnight UTC").retryAfter(untilMidnight);
            }
            Optional<Row> own = continuing.flatMap(id -> row(h, userId, id)).filter(r -> live(r, now));
            if (own.isPresent()) {
                return new Opened(own.get().id(), false);
            }
            // Live sessions started before today still hold a seat.
            long live = h.createQuery("""
                            select count(*) from voice_sessions
                            where user_id = :u and ended_at is null and last_seen_at > :since""")
                    .bind("u", userId).bind("since", at(now.minus(LIVE_WINDOW))).mapTo(Long.class).one();
            if (limits.maxConcurrent() > 0 && live >= limits.maxConcurrent()) {
                throw new ApiException(429, "voice_session_limit", "You already have " + live + " voice "
                        + (live == 1 ? "session" : "sessions") + " open, the most at once is "
                        + limits.maxConcurrent() + "; end one (or wait two minutes after closing one elsewhere) to "
                        + "start another").retryAfter(LIVE_WINDOW.toSeconds());
            }
            UUID id = h.createUpdate("""
                            insert into voice_sessions (user_id, started_at, last_seen_at)
                            values (:u, :now, :now)""")
                    .bind("u", userId).bind("now", at(now)).executeAndReturnGeneratedKeys("id")
                    .mapTo(UUID.class).one();
            return new Opened(id, true);
        });
    }

    /** The mint a started session was admitted for failed: nothing was used, so it costs nothing. */
    public void discard(UUID id) {
        jdbi.useHandle(h -> h.createUpdate("delete from voice_sessions where id = :id").bind("id", id).execute());
    }

    /**
     * The app is still connected.
     *
     * @throws ApiException 404 for a session that is not the user's; 409 {@code voice_session_ended} once ended
     */
    public void heartbeat(UUID userId, UUID id) {
        Row row = jdbi.withHandle(h -> row(h, userId, id)).orElseThrow(VoiceBudget::notFound);
        if (row.endedAt() != null) {
            throw new ApiException(409, "voice_session_ended", "This voice session has ended; start a new one");
        }
        jdbi.useHandle(h -> h.createUpdate("""
                        update voice_sessions set last_seen_at = greatest(last_seen_at, :now)
                        where id = :id and user_id = :u and ended_at is null""")
                .bind("now", at(clock.instant())).bind("id", id).bind("u", userId).execute());
    }

    /** The app disconnected; ending again changes nothing. @throws ApiException 404 when not the user's */
    public void end(UUID userId, UUID id) {
        int changed = jdbi.withHandle(h -> h.createUpdate("""
                        update voice_sessions set ended_at = greatest(:now, started_at), last_seen_at = :now
                        where id = :id and user_id = :u and ended_at is null""")
                .bind("now", at(clock.instant())).bind("id", id).bind("u", userId).execute());
        if (changed == 0) {
            jdbi.withHandle(h -> row(h, userId, id)).orElseThrow(VoiceBudget::notFound);
        }
    }

    /** Seconds of voice {@code userId} is charged for today (UTC). */
    public long usedSecondsToday(UUID userId) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> rows(h, userId, dayStart(now))).stream().mapToLong(r -> charge(r).toSeconds())
                .sum();
    }

    static Duration charge(Row r) {
        if (r.endedAt() != null) {
            return max(Duration.between(r.startedAt(), r.endedAt()), ENDED_MINIMUM);
        }
        return max(Duration.between(r.startedAt(), r.lastSeenAt().plus(HEARTBEAT)), UNREPORTED_MINIMUM);
    }

    private static boolean live(Row r, Instant now) {
        return r.endedAt() == null && r.lastSeenAt().isAfter(now.minus(LIVE_WINDOW));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    static Instant dayStart(Instant now) {
        return now.truncatedTo(ChronoUnit.DAYS); // UTC: Instant days are UTC days
    }

    private static void lock(Handle h, UUID userId) {
        // One admission per user at a time across every instance, so two mints cannot both take the last seat.
        h.createQuery("select 1 from (select pg_advisory_xact_lock(hashtextextended(cast(:u as text), 15))) l")
                .bind("u", userId).mapTo(Integer.class).one();
    }

    private static List<Row> rows(Handle h, UUID userId, Instant since) {
        return h.createQuery("""
                        select id, started_at, last_seen_at, ended_at from voice_sessions
                        where user_id = :u and started_at >= :since""")
                .bind("u", userId).bind("since", at(since)).map((rs, c) -> row(rs)).list();
    }

    private static Optional<Row> row(Handle h, UUID userId, UUID id) {
        return h.createQuery("""
                        select id, started_at, last_seen_at, ended_at from voice_sessions
                        where id = :id and user_id = :u""")
                .bind("id", id).bind("u", userId).map((rs, c) -> row(rs)).findOne();
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        OffsetDateTime ended = rs.getObject("ended_at", OffsetDateTime.class);
        return new Row(rs.getObject("id", UUID.class), rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                rs.getObject("last_seen_at", OffsetDateTime.class).toInstant(),
                ended == null ? null : ended.toInstant());
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static ApiException notFound() {
        return ApiException.notFound("No such voice session");
    }
}
