package donna.core.campaigns;

import java.time.Instant;
import java.util.List;

/**
 * A marketing campaign as the service holds it (docs/api.md, "Marketing: campaigns"): one subject and body with
 * merge fields, mailed to each recipient on their own once the person starts it.
 *
 * @param status      {@code draft}, {@code running}, {@code paused}, {@code completed} or {@code cancelled}
 * @param personalise each mail's {@code {{opening}}} is one sentence DONNA writes for that recipient
 * @param recipients empty in the list of campaigns (the service leaves them out there)
 */
public record Campaign(String id, String name, String subject, String body, String status, int dailyCap,
        boolean personalise, Instant createdAt, Instant startedAt, Instant completedAt, Counts counts, List<Recipient> recipients) {
    public Campaign {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        counts = counts == null ? Counts.NONE : counts;
    }

    /** Each recipient once, by its status now (one who replied counts as replied, not sent). */
    public record Counts(int queued, int sent, int failed, int replied, int unsubscribed, int skipped) {
        public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0);

        public int total() {
            return queued + sent + failed + replied + unsubscribed + skipped;
        }
    }

    /** One person of the audience: {@code error} only when failed; {@code name} null when not known. */
    public record Recipient(String email, String name, String status, String error, Instant sentAt) {}
}
