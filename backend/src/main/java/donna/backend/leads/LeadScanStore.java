package donna.backend.leads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.http.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code lead_scans} table: each scan's progress as its routes answer it, written by the instance that runs
 * the scan after every step and read by whichever instance a request reaches. A scan whose instance stopped
 * writing for {@link #STALE} (it was stopped or died) is shown, and kept, as failed: it will never finish.
 */
final class LeadScanStore {
    /** Far longer than a step takes (a Gmail list, or one model call for ten senders). */
    static final Duration STALE = Duration.ofMinutes(2);

    private final Jdbi jdbi;
    private final ObjectMapper mapper;

    LeadScanStore(Jdbi jdbi, ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.mapper = mapper;
    }

    /** The scan as it stands now; a cancel asked for elsewhere stays visible ("cancelling") until it is honoured. */
    void publish(LeadScan scan) {
        String view;
        try {
            view = mapper.writeValueAsString(scan.view());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a lead scan's view is not JSON", e);
        }
        String status = scan.statusName();
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into lead_scans (id, user_id, status, view, finished_at)
                        values (:id, :u, :s, cast(:v as jsonb), case when :s = 'running' then null else now() end)
                        on conflict (id) do update set status = excluded.status,
                          view = case when lead_scans.cancel_requested and excluded.status = 'running'
                                      then jsonb_set(excluded.view, '{status}', '"cancelling"')
                                      else excluded.view end,
                          updated_at = now(), finished_at = excluded.finished_at""")
                .bind("id", scan.id).bind("u", scan.userId).bind("s", status).bind("v", view).execute());
    }

    /** The owner's scan; another user's is not found. A scan no instance writes to any more is failed first. */
    Optional<JsonNode> view(UUID user, UUID id) {
        failStale(user);
        return jdbi.withHandle(h -> h.createQuery("select view::text from lead_scans where id = :id and user_id = :u")
                .bind("id", id).bind("u", user).mapTo(String.class).findOne()).map(Json::tree);
    }

    /** The owner's scan that is still running and not being cancelled, if any. */
    Optional<JsonNode> running(UUID user) {
        failStale(user);
        return jdbi.withHandle(h -> h.createQuery("""
                        select view::text from lead_scans
                        where user_id = :u and status = 'running' and not cancel_requested
                        order by updated_at desc limit 1""")
                .bind("u", user).mapTo(String.class).findOne()).map(Json::tree);
    }

    /** Asks the owner's running scan to stop (its worker looks between batches); its view either way. */
    Optional<JsonNode> requestCancel(UUID user, UUID id) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update lead_scans set cancel_requested = true,
                          view = jsonb_set(view, '{status}', '"cancelling"')
                        where id = :id and user_id = :u and status = 'running'""")
                .bind("id", id).bind("u", user).execute());
        return view(user, id);
    }

    boolean cancelRequested(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("select cancel_requested from lead_scans where id = :id")
                .bind("id", id).mapTo(Boolean.class).findOne().orElse(false));
    }

    /** What the scan proposed, as its view holds it. */
    List<LeadProposal> proposals(JsonNode view) {
        List<LeadProposal> out = new ArrayList<>();
        for (JsonNode p : view.path("proposals")) {
            try {
                out.add(mapper.treeToValue(p, LeadProposal.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a stored lead proposal is not readable", e);
            }
        }
        return out;
    }

    /** Scans that ended more than {@code keep} ago are forgotten. */
    void forget(Duration keep) {
        jdbi.useHandle(h -> h.createUpdate("delete from lead_scans where finished_at < now() - make_interval(secs => "
                + ":s)").bind("s", (double) keep.toSeconds()).execute());
    }

    private void failStale(UUID user) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update lead_scans set status = 'failed', finished_at = now(),
                          view = view || jsonb_build_object('status', 'failed', 'error', jsonb_build_object(
                            'code', 'scan_interrupted', 'message',
                            'The service running this scan stopped before it finished; start it again'))
                        where user_id = :u and status = 'running' and updated_at < now() - make_interval(secs => :s)""")
                .bind("u", user).bind("s", (double) STALE.toSeconds()).execute());
    }
}
