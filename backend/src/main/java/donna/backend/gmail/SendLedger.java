package donna.backend.gmail;

import donna.backend.webhooks.EventSink;
import donna.backend.webhooks.EventTypes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The send ledger in {@code email_logs}: one row per (user, Idempotency-Key). An attempt claims the key with a
 * lease ({@code sending}); it ends {@code sent} (with Gmail's ids), or is released ({@code retry}, {@code failed})
 * for a later attempt. A lease left by a service that died expires, and the next attempt takes the key over; the
 * bundled service, the only sender on its database, takes its dead leases over at start ({@link
 * #releaseDeadLeases}). Refused requests are logged as {@code rejected} rows without a key.
 */
final class SendLedger {
    private final Jdbi jdbi;
    private final EventSink events;

    /** @param events told {@code mail.sent} when a mail is recorded sent, in the same transaction */
    SendLedger(Jdbi jdbi, EventSink events) {
        this.jdbi = jdbi;
        this.events = events;
    }

    /** What claiming a key found. */
    sealed interface Claim {
        /** This attempt owns the key now; {@code messageId} is the one first chosen for it. */
        record Owned(long rowId, String messageId, int attempt) implements Claim {}

        /** The key already sent its mail. */
        record AlreadySent(SendResult first) implements Claim {}

        /** Another attempt holds the key right now, for {@code remaining} more at most. */
        record Busy(Duration remaining) implements Claim {}
    }

    Claim claim(UUID userId, String key, String messageId, String to, String subject, Duration lease) {
        for (int tries = 0; tries < 3; tries++) {
            Optional<Claim> owned = jdbi.withHandle(h -> h.createQuery("""
                            insert into email_logs (user_id, idempotency_key, status, message_id, to_address, subject,
                                                    attempts, lease_until, updated_at)
                            values (:u, :k, 'sending', :mid, :to, :subject, 1, now() + make_interval(secs => :lease),
                                    now())
                            on conflict (user_id, idempotency_key) do update
                              set status = 'sending', attempts = email_logs.attempts + 1, error = null,
                                  lease_until = excluded.lease_until, updated_at = now()
                              where email_logs.status in ('retry', 'failed')
                                 or (email_logs.status = 'sending' and email_logs.lease_until < now())
                            returning id, message_id, attempts""")
                    .bind("u", userId).bind("k", key).bind("mid", messageId).bind("to", to)
                    .bind("subject", subject).bind("lease", (double) lease.toSeconds())
                    .map((rs, ctx) -> (Claim) new Claim.Owned(rs.getLong(1), rs.getString(2), rs.getInt(3)))
                    .findOne());
            if (owned.isPresent()) {
                return owned.get();
            }
            Optional<Claim> other = jdbi.withHandle(h -> h.createQuery("""
                            select status, gmail_id, thread_id, message_id,
                                   greatest(1, ceil(extract(epoch from lease_until - now())))::bigint
                            from email_logs
                            where user_id = :u and idempotency_key = :k""")
                    .bind("u", userId).bind("k", key)
                    .map((rs, ctx) -> "sent".equals(rs.getString(1))
                            ? (Claim) new Claim.AlreadySent(SendResult.sent(rs.getString(2), rs.getString(3),
                                    rs.getString(4), true))
                            : new Claim.Busy(Duration.ofSeconds(rs.getObject(5) == null ? 1 : rs.getLong(5))))
                    .findOne());
            if (other.isPresent()) {
                return other.get();
            }
            // The row went away between the two statements (deleted by hand): claim again.
        }
        return new Claim.Busy(Duration.ofSeconds(1));
    }

    /**
     * Every lease still held: only for a service that is the sole sender on its database, at its start, when any
     * lease is one its previous run left as it died. The rows go back to {@code retry}, so the next attempt of each
     * key claims it at once and looks in Sent before sending (the mail may have gone out). Returns how many.
     */
    int releaseDeadLeases() {
        return jdbi.withHandle(h -> h.createUpdate("""
                        update email_logs set status = 'retry', lease_until = null, updated_at = now(),
                          error = 'interrupted: the service stopped during this send'
                        where status = 'sending' and updated_at < now()""").execute());
    }

    void sent(long rowId, String gmailId, String threadId) {
        jdbi.useTransaction(h -> h.createQuery("""
                        update email_logs set status = 'sent', gmail_id = :g, thread_id = :t, error = null,
                          lease_until = null, updated_at = now()
                        where id = :id
                        returning user_id, to_address, subject, message_id""")
                .bind("id", rowId).bind("g", gmailId).bind("t", threadId).mapToMap().findOne()
                .filter(row -> row.get("user_id") != null)
                .ifPresent(row -> {
                    // Who it went to and what about, never the body: a receiver learns that mail left, not its text.
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("message_id", row.get("message_id"));
                    data.put("gmail_id", gmailId);
                    data.put("thread_id", threadId);
                    data.put("to", row.get("to_address"));
                    data.put("subject", row.get("subject"));
                    events.publish(h, (UUID) row.get("user_id"), EventTypes.MAIL_SENT, data);
                }));
    }

    /** Gives the key back after a failed attempt; {@code permanent} marks a failure the same mail would repeat. */
    void release(long rowId, boolean permanent, String error) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update email_logs set status = :s, error = :e, lease_until = null, updated_at = now()
                        where id = :id and status = 'sending'""")
                .bind("id", rowId).bind("s", permanent ? "failed" : "retry").bind("e", error).execute());
    }

    void rejected(UUID userId, String to, String subject, String error) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into email_logs (user_id, to_address, subject, status, error)
                        values (:u, :to, :subject, 'rejected', :e)""")
                .bind("u", userId).bind("to", to).bind("subject", subject).bind("e", error).execute());
    }
}
