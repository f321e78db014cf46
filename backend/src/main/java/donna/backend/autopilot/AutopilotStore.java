package donna.backend.autopilot;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import donna.backend.http.Json;
import donna.backend.users.User;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Autopilot's tables: settings, the review queue, the per-day counters and the run log. */
final class AutopilotStore {
    private final Jdbi jdbi;

    AutopilotStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    AutopilotSettings settings(UUID userId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select enabled, send_without_review, per_run_cap, per_day_cap
                        from gmail_autopilot_settings where user_id = :u""")
                .bind("u", userId)
                .map((rs, ctx) -> new AutopilotSettings(rs.getBoolean(1), rs.getBoolean(2), rs.getInt(3),
                        rs.getInt(4)))
                .findOne().orElse(AutopilotSettings.DEFAULTS));
    }

    void save(UUID userId, AutopilotSettings s) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into gmail_autopilot_settings (user_id, enabled, send_without_review, per_run_cap,
                                                              per_day_cap)
                        values (:u, :e, :s, :run, :day)
                        on conflict (user_id) do update set enabled = excluded.enabled,
                          send_without_review = excluded.send_without_review, per_run_cap = excluded.per_run_cap,
                          per_day_cap = excluded.per_day_cap, updated_at = now()""")
                .bind("u", userId).bind("e", s.enabled()).bind("s", s.sendWithoutReview())
                .bind("run", s.perRunCap()).bind("day", s.perDayCap()).execute());
    }

    /** Whether anyone has autopilot on (whether the scheduled job has anything to do). */
    boolean anyEnabled() {
        return jdbi.withHandle(h -> h.createQuery("select exists (select 1 from gmail_autopilot_settings where enabled)")
                .mapTo(Boolean.class).one());
    }

    /** Users the scheduled job works for: autopilot on and Gmail usable. */
    List<User> enabledUsers() {
        return jdbi.withHandle(h -> h.createQuery("""
                        select u.id, u.clerk_id, u.email from gmail_autopilot_settings s
                        join users u on u.id = s.user_id
                        join gmail_tokens t on t.user_id = s.user_id and not t.needs_reconnect
                        where s.enabled order by u.id""")
                .map((rs, ctx) -> new User(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                .list());
    }

    /** Which of these Gmail messages already have a draft (of any status). */
    Set<String> drafted(UUID userId, Collection<String> gmailIds) {
        if (gmailIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbi.withHandle(h -> h.createQuery("""
                        select gmail_message_id from gmail_autopilot_drafts
                        where user_id = :u and gmail_message_id = any(:ids)""")
                .bind("u", userId).bind("ids", gmailIds.toArray(String[]::new)).mapTo(String.class).list()));
    }

    /** Takes one of today's draft slots, or none when the day's cap is reached (atomic across instances). */
    boolean reserveDay(UUID userId, LocalDate day, int cap) {
        return jdbi.withHandle(h -> h.createQuery("""
                        insert into gmail_autopilot_daily (user_id, day, drafted) values (:u, :d, 1)
                        on conflict (user_id, day) do update set drafted = gmail_autopilot_daily.drafted + 1
                          where gmail_autopilot_daily.drafted < :cap
                        returning drafted""")
                .bind("u", userId).bind("d", day).bind("cap", cap).mapTo(Integer.class).findOne().isPresent());
    }

    void releaseDay(UUID userId, LocalDate day) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update gmail_autopilot_daily set drafted = drafted - 1
                        where user_id = :u and day = :d and drafted > 0""")
                .bind("u", userId).bind("d", day).execute());
    }

    void countSent(UUID userId, LocalDate day) {
        jdbi.useHandle(h -> h.createUpdate(
                        "update gmail_autopilot_daily set sent = sent + 1 where user_id = :u and day = :d")
                .bind("u", userId).bind("d", day).execute());
    }

    /** Queues a draft; empty when this message already has one (another run got there first). */
    Optional<UUID> queue(UUID userId, String gmailId, List<String> to, String subject, String body) {
        return jdbi.withHandle(h -> h.createQuery("""
                        insert into gmail_autopilot_drafts (user_id, gmail_message_id, to_addresses, subject, body)
                        values (:u, :g, cast(:to as jsonb), :s, :b)
                        on conflict (user_id, gmail_message_id) do nothing
                        returning id""")
                .bind("u", userId).bind("g", gmailId).bind("to", toJson(to))
                .bind("s", subject).bind("b", body).mapTo(UUID.class).findOne());
    }

    List<QueuedDraft> pending(UUID userId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select id, gmail_message_id, to_addresses::text, subject, body, created_at, status
                        from gmail_autopilot_drafts where user_id = :u and status = 'pending'
                        order by created_at, id""")
                .bind("u", userId).map((rs, ctx) -> draft(rs)).list());
    }

    Optional<QueuedDraft> find(UUID userId, UUID draftId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select id, gmail_message_id, to_addresses::text, subject, body, created_at, status
                        from gmail_autopilot_drafts where user_id = :u and id = :id""")
                .bind("u", userId).bind("id", draftId).map((rs, ctx) -> draft(rs)).findOne());
    }

    void markSent(UUID draftId) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update gmail_autopilot_drafts set status = 'sent', sent_at = coalesce(sent_at, now())
                        where id = :id""")
                .bind("id", draftId).execute());
    }

    boolean discard(UUID userId, UUID draftId) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        update gmail_autopilot_drafts set status = 'discarded'
                        where user_id = :u and id = :id and status = 'pending'""")
                .bind("u", userId).bind("id", draftId).execute()) > 0;
    }

    long startRun(UUID userId, String trigger) {
        return jdbi.withHandle(h -> h.createQuery(
                        "insert into gmail_autopilot_runs (user_id, trigger) values (:u, :t) returning id")
                .bind("u", userId).bind("t", trigger).mapTo(Long.class).one());
    }

    void finishRun(long runId, AutopilotRun run) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update gmail_autopilot_runs set finished_at = now(), drafted = :d, sent = :s, skipped = :k
                        where id = :id""")
                .bind("id", runId).bind("d", run.drafted()).bind("s", run.sent()).bind("k", run.skipped().size())
                .execute());
    }

    private static QueuedDraft draft(ResultSet rs) throws SQLException {
        List<String> to = new ArrayList<>();
        Json.tree(rs.getString(3)).forEach(n -> to.add(n.asText()));
        return new QueuedDraft(rs.getObject(1, UUID.class), rs.getString(2), to, rs.getString(4), rs.getString(5),
                rs.getObject(6, OffsetDateTime.class), rs.getString(7));
    }

    private static String toJson(List<String> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        values.forEach(array::add);
        return array.toString();
    }
}
