package donna.backend.today;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code mail_triage} cache: one verdict per owner and Gmail message, written once (a second writer, another
 * instance or a retry, keeps the first), so a mail is never asked about twice.
 */
public final class TriageStore {
    private final Jdbi jdbi;

    public TriageStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The verdicts held for these messages of this owner, by Gmail id. */
    public Map<String, TriageEntry> find(UUID userId, Collection<String> messageIds) {
        Map<String, TriageEntry> found = new HashMap<>();
        if (messageIds.isEmpty()) {
            return found;
        }
        jdbi.useHandle(h -> h.createQuery("""
                        select gmail_message_id, bucket, reason, from_header, subject, received_at from mail_triage
                        where user_id = :u and gmail_message_id in (<ids>)""")
                .bind("u", userId).bindList("ids", List.copyOf(messageIds))
                .map((rs, ctx) -> {
                    Timestamp at = rs.getTimestamp(6);
                    return new TriageEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), at == null ? null : at.toInstant());
                })
                .forEach(e -> found.put(e.messageId(), e)));
        return found;
    }

    /** Keeps these verdicts; one already held for a message stays as it was. */
    public void save(UUID userId, List<TriageEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        jdbi.useHandle(h -> {
            var batch = h.prepareBatch("""
                    insert into mail_triage (user_id, gmail_message_id, bucket, reason, from_header, subject,
                                             received_at)
                    values (:u, :id, :bucket, :reason, :from, :subject, :received)
                    on conflict (user_id, gmail_message_id) do nothing""");
            for (TriageEntry e : entries) {
                Instant received = e.receivedAt();
                batch.bind("u", userId).bind("id", e.messageId()).bind("bucket", e.bucket())
                        .bind("reason", e.reason()).bind("from", e.from()).bind("subject", e.subject())
                        .bind("received", received == null ? null : Timestamp.from(received)).add();
            }
            batch.execute();
        });
    }

    /** The days a sent mail waits for a reply before it is a follow-up (default 3). */
    public int followUpDays(UUID userId) {
        return jdbi.withHandle(h -> h.createQuery("select follow_up_days from today_settings where user_id = :u")
                .bind("u", userId).mapTo(Integer.class).findOne().orElse(FollowUpFinder.DEFAULT_DAYS));
    }

    public void saveFollowUpDays(UUID userId, int days) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into today_settings (user_id, follow_up_days) values (:u, :d)
                        on conflict (user_id) do update set follow_up_days = excluded.follow_up_days,
                          updated_at = now()""")
                .bind("u", userId).bind("d", days).execute());
    }
}
