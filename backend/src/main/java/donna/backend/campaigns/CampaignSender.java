package donna.backend.campaigns;

import donna.backend.gmail.GmailAccess;
import donna.backend.gmail.SendResult;
import donna.backend.gmail.SendService;
import donna.backend.http.ApiException;
import donna.backend.users.User;
import donna.backend.webhooks.EventTypes;
import donna.backend.webhooks.WebhookEvents;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the queued recipients of running campaigns, one at a time, each through {@link SendService} with its own
 * idempotency key ({@code campaign:<campaign id>:<recipient id>}): the exactly-once path that paces sends under
 * the user's Gmail quota and settles a retried key from the ledger or Sent instead of sending again.
 *
 * <p>A recipient is claimed with {@code FOR UPDATE SKIP LOCKED} in a transaction held across its send, and marked
 * sent in that same transaction. The send ledger's writes run on this thread's open handle (JDBI reuses it), so
 * the recipient and its ledger row commit together or not at all. A service that dies mid-send drops the
 * connection: the lock and both rows' changes go with it and the recipient is still queued; whoever sends it next
 * uses the same key, and {@link SendService} finds the mail Gmail may already have accepted in Sent (its
 * Message-ID is derived from the key) instead of sending it again. Several instances each claim different
 * recipients; a recipient is never sent by two at once.
 *
 * <p>The campaign's state is read at each claim, so pause, resume and cancel take effect between two recipients.
 * The daily cap counts the owner's campaign mails of the last 24 hours.
 */
public final class CampaignSender {
    private static final Logger log = LoggerFactory.getLogger(CampaignSender.class);

    private final Jdbi jdbi;
    private final SendService sender;
    private final GmailAccess access;
    private final CampaignService campaigns;
    private final WebhookEvents events;
    private final Optional<URI> publicUrl;

    /** @param publicUrl where the internet reaches this service: each mail then offers one-click unsubscribe */
    CampaignSender(Jdbi jdbi, SendService sender, GmailAccess access, CampaignService campaigns,
            WebhookEvents events, Optional<URI> publicUrl) {
        this.jdbi = jdbi;
        this.sender = sender;
        this.access = access;
        this.campaigns = campaigns;
        this.events = events;
        this.publicUrl = publicUrl;
    }

    private record Running(UUID id, User owner, String subject, String body, int dailyCap, boolean personalise) {}

    private record Claimed(UUID id, String email, Map<String, String> fields, String unsubscribeToken) {}

    private enum Step { SENT, FAILED, NONE, STOP }

    /** Sends what is due now in every running campaign; returns how many recipients were settled (sent or failed). */
    public synchronized int runDue() {
        List<Running> running = jdbi.withHandle(h -> h.createQuery("""
                        select c.id, c.subject, c.body, c.daily_cap, c.personalise, u.id as user_id, u.clerk_id,
                          u.email
                        from campaigns c join users u on u.id = c.user_id
                        where c.status = 'running' order by c.started_at""")
                .map((rs, ctx) -> new Running(rs.getObject("id", UUID.class), new User(
                        rs.getObject("user_id", UUID.class), rs.getString("clerk_id"), rs.getString("email")),
                        rs.getString("subject"), rs.getString("body"), rs.getInt("daily_cap"),
                        rs.getBoolean("personalise")))
                .list());
        int settled = 0;
        for (Running c : running) {
            settled += run(c);
        }
        return settled;
    }

    private int run(Running c) {
        String from;
        try {
            from = access.open(c.owner()).email();
        } catch (ApiException e) {
            log.info("Campaign {} waits: {}", c.id(), e.getMessage()); // Gmail not connected or needs reconnecting
            return 0;
        }
        String mailto = from == null ? null : "<mailto:" + from + "?subject=unsubscribe>";
        int settled = 0;
        try {
            while (sentToday(c.owner().id()) < c.dailyCap()) {
                Step step = jdbi.inTransaction(h -> sendNext(h, c, mailto));
                if (step == Step.NONE) {
                    complete(c);
                    break;
                }
                if (step == Step.STOP) {
                    break;
                }
                settled++;
            }
            // The cap may stop the loop right after the last recipient went: then nothing is queued and the
            // campaign is done now, not in 24 hours (found by ./donna bench campaign). A no-op while any waits.
            complete(c);
        } catch (RuntimeException e) {
            // The database failed mid-recipient: its transaction rolled back, it is still queued, and its next
            // attempt settles it under the same key (the mail, if Gmail took it, is found in Sent).
            log.warn("Campaign {} stopped for now: {}", c.id(), e.toString());
        }
        return settled;
    }

    private Step sendNext(Handle h, Running c, String mailto) {
        Optional<Claimed> next = h.createQuery("""
                        select r.id, r.email, r.merge::text as merge, r.unsubscribe_token
                        from campaign_recipients r join campaigns c on c.id = r.campaign_id
                        where r.campaign_id = :c and r.status = 'queued' and c.status = 'running'
                        order by r.position limit 1
                        for update of r skip locked""")
                .bind("c", c.id())
                .map((rs, ctx) -> new Claimed(rs.getObject("id", UUID.class), rs.getString("email"),
                        fields(rs.getString("merge")), rs.getString("unsubscribe_token")))
                .findOne();
        if (next.isEmpty()) {
            return queuedElsewhere(h, c.id()) ? Step.STOP : Step.NONE;
        }
        Claimed claimed = next.get();
        // The opening is written (or read) on this transaction's handle: the recipient's row is locked by it.
        Claimed r = !c.personalise() ? claimed : new Claimed(claimed.id(), claimed.email(),
                campaigns.withOpening(c.id(), c.subject(), claimed.fields()), claimed.unsubscribeToken());
        String key = "campaign:" + c.id() + ":" + r.id();
        Map<String, String> headers = unsubscribeHeaders(mailto, r.unsubscribeToken());
        SendService.Outgoing mail = new SendService.Outgoing(List.of(r.email()), List.of(), List.of(),
                MergeFields.fill(c.subject(), r.fields()), MergeFields.fill(c.body(), r.fields()), null, headers);
        try {
            SendResult sent = sender.send(c.owner(), mail, key);
            h.createUpdate("""
                            update campaign_recipients set status = 'sent', error = null, message_id = :mid,
                              gmail_id = :g, thread_id = :t, sent_at = now()
                            where id = :id""")
                    .bind("id", r.id()).bind("mid", sent.messageId()).bind("g", sent.id())
                    .bind("t", sent.threadId()).execute();
            return Step.SENT;
        } catch (ApiException e) {
            if (e.status() == 400) {
                // The same mail would fail again (a refused address): failed for good, with the reason.
                h.createUpdate("update campaign_recipients set status = 'failed', error = :e where id = :id")
                        .bind("id", r.id()).bind("e", e.getMessage()).execute();
                return Step.FAILED;
            }
            // Quota, Gmail down, not connected, or the key busy: the recipient stays queued for a later run.
            log.info("Campaign {} paused sending for now: {} {}", c.id(), e.code(), e.getMessage());
            return Step.STOP;
        }
    }

    /**
     * {@code List-Unsubscribe} with the mailto (a reply the reply check reads) and, where this service has a public
     * address, the one-click URL with {@code List-Unsubscribe-Post} (RFC 8058), which Gmail and others show as an
     * "Unsubscribe" button and which bulk senders must offer.
     */
    private Map<String, String> unsubscribeHeaders(String mailto, String token) {
        List<String> targets = new java.util.ArrayList<>();
        publicUrl.ifPresent(url -> targets.add("<" + url + UnsubscribeRoutes.PREFIX + token + ">"));
        if (mailto != null) {
            targets.add(mailto);
        }
        if (targets.isEmpty()) {
            return Map.of();
        }
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("List-Unsubscribe", String.join(", ", targets));
        if (publicUrl.isPresent()) {
            headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        return headers;
    }

    /** True when queued recipients remain that another instance holds right now (so not completed yet). */
    private static boolean queuedElsewhere(Handle h, UUID campaign) {
        return h.createQuery("select count(*) from campaign_recipients r join campaigns c on c.id = r.campaign_id "
                        + "where r.campaign_id = :c and r.status = 'queued' and c.status = 'running'")
                .bind("c", campaign).mapTo(Integer.class).one() > 0;
    }

    private void complete(Running c) {
        jdbi.useTransaction(h -> {
            int done = h.createUpdate("""
                            update campaigns set status = 'completed', completed_at = now()
                            where id = :c and status = 'running' and not exists
                              (select 1 from campaign_recipients where campaign_id = :c and status = 'queued')""")
                    .bind("c", c.id()).execute();
            if (done == 1) {
                events.publish(h, c.owner().id(), EventTypes.CAMPAIGN_COMPLETED, campaigns.event(h, c.id()));
                log.info("Campaign {} completed", c.id());
            }
        });
    }

    private int sentToday(UUID owner) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select count(*) from campaign_recipients r join campaigns c on c.id = r.campaign_id
                        where c.user_id = :u and r.sent_at > now() - interval '24 hours'""")
                .bind("u", owner).mapTo(Integer.class).one());
    }

    private static Map<String, String> fields(String json) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        donna.backend.http.Json.tree(json).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
