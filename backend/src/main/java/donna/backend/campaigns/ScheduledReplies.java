package donna.backend.campaigns;

import donna.backend.http.ApiException;
import donna.backend.users.User;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks for replies, unsubscribes and bounces on a schedule: each campaign that runs, is paused, or completed in
 * the last {@link #WINDOW_DAYS} days, once per interval. A campaign is claimed by moving its {@code checked_at} to
 * now in one statement ({@code FOR UPDATE SKIP LOCKED}), so of several instances polling the same database only one
 * checks it, and the next check is an interval later whoever makes it.
 */
final class ScheduledReplies {
    private static final Logger log = LoggerFactory.getLogger(ScheduledReplies.class);
    /** Replies after two weeks are rare; checking longer would spend Gmail quota on every old campaign. */
    static final int WINDOW_DAYS = 14;
    /** At most this many campaigns per run: the sender shares the thread. */
    private static final int PER_RUN = 20;

    private final Jdbi jdbi;
    private final ReplyCheck check;
    private final Duration every;

    /** @param every the time between two checks of one campaign; zero: only when asked (the refresh route) */
    ScheduledReplies(Jdbi jdbi, ReplyCheck check, Duration every) {
        this.jdbi = jdbi;
        this.check = check;
        this.every = every;
    }

    boolean enabled() {
        return every.isPositive();
    }

    /** True when some campaign is still in its window: the poller has work even with nothing to send. */
    boolean anyInWindow() {
        return enabled() && jdbi.withHandle(h -> h.createQuery("select exists (select 1 from campaigns where "
                + WHERE + ")").mapTo(Boolean.class).one());
    }

    private static final String WHERE = "status in ('running', 'paused', 'completed') and started_at is not null "
            + "and (completed_at is null or completed_at > now() - interval '" + WINDOW_DAYS + " days')";

    /** Checks every campaign whose turn it is; how many were checked. */
    int runDue() {
        if (!enabled()) {
            return 0;
        }
        int checked = 0;
        for (Optional<Claim> next = claim(); next.isPresent() && checked < PER_RUN; next = claim()) {
            Claim c = next.get();
            try {
                ReplyCheck.Found found = check.check(c.owner(), c.campaign());
                checked++;
                if (found.replied() + found.unsubscribed() + found.bounced() > 0) {
                    log.info("Campaign {}: {} replied, {} unsubscribed, {} bounced", c.campaign(), found.replied(),
                            found.unsubscribed(), found.bounced());
                }
            } catch (ApiException e) {
                // Gmail not connected, or its quota spent: the claim stands, so the next try is an interval later.
                log.info("Campaign {} replies not checked now: {}", c.campaign(), e.getMessage());
            }
        }
        return checked;
    }

    private record Claim(UUID campaign, User owner) {}

    private Optional<Claim> claim() {
        return jdbi.inTransaction(h -> h.createQuery("""
                        with due as (
                          select id from campaigns
                          where %s and (checked_at is null or checked_at < now() - make_interval(secs => :every))
                          order by checked_at nulls first limit 1
                          for update skip locked)
                        update campaigns c set checked_at = now()
                        from due, users u
                        where c.id = due.id and u.id = c.user_id
                        returning c.id, u.id as user_id, u.clerk_id, u.email""".formatted(WHERE))
                .bind("every", (double) every.toSeconds())
                .map((rs, ctx) -> new Claim(rs.getObject("id", UUID.class), new User(
                        rs.getObject("user_id", UUID.class), rs.getString("clerk_id"), rs.getString("email"))))
                .findOne());
    }
}
