package donna.backend.campaigns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.http.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code campaigns}, {@code campaign_recipients} and {@code mail_suppressions} tables. Every read and write the
 * routes make names the owner: another user's campaign is simply not found.
 */
final class CampaignStore {
    private static final String COLUMNS = "c.id, c.name, c.subject, c.body, c.status, c.daily_cap, c.personalise, c.created_at, "
            + "c.started_at, c.completed_at, (select coalesce(json_object_agg(s.status, s.n), '{}'::json)::text "
            + "from (select status, count(*) as n from campaign_recipients r where r.campaign_id = c.id "
            + "group by status) s) as counts";

    private final Jdbi jdbi;
    private final ObjectMapper mapper;

    CampaignStore(Jdbi jdbi, ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.mapper = mapper;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /** A new draft with its recipients, in one transaction. */
    UUID insert(UUID owner, String name, String subject, String body, int dailyCap, boolean personalise,
            List<Audience.Recipient> recipients) {
        return jdbi.inTransaction(h -> {
            UUID id = h.createQuery("insert into campaigns (user_id, name, subject, body, daily_cap, personalise) "
                            + "values (:u, :n, :s, :b, :cap, :p) returning id")
                    .bind("u", owner).bind("n", name).bind("s", subject).bind("b", body).bind("cap", dailyCap)
                    .bind("p", personalise)
                    .mapTo(UUID.class).one();
            var batch = h.prepareBatch("insert into campaign_recipients (campaign_id, position, email, name, merge) "
                    + "values (:c, :p, :e, :n, cast(:m as jsonb))");
            int position = 0;
            for (Audience.Recipient r : recipients) {
                batch.bind("c", id).bind("p", position++).bind("e", r.email()).bind("n", r.name())
                        .bind("m", json(r.fields())).add();
            }
            if (!recipients.isEmpty()) {
                batch.execute();
            }
            return id;
        });
    }

    /**
     * A draft's new name, subject, body and cap, and, when {@code recipients} is not null, its new audience, in one
     * transaction; false when it is no longer a draft (started meanwhile) or not the owner's.
     */
    boolean updateDraft(UUID owner, UUID id, String name, String subject, String body, int dailyCap,
            boolean personalise, List<Audience.Recipient> recipients) {
        return jdbi.inTransaction(h -> {
            int changed = h.createUpdate("update campaigns set name = :n, subject = :s, body = :b, daily_cap = :cap, "
                            + "personalise = :p where user_id = :u and id = :id and status = 'draft'")
                    .bind("u", owner).bind("id", id).bind("n", name).bind("s", subject).bind("b", body)
                    .bind("cap", dailyCap).bind("p", personalise).execute();
            if (changed == 1) {
                // The subject or the fields an opening was written from may have changed: write them again.
                h.createUpdate("update campaign_recipients set personal_line = null where campaign_id = :c")
                        .bind("c", id).execute();
            }
            if (changed == 1 && recipients != null) {
                h.createUpdate("delete from campaign_recipients where campaign_id = :c").bind("c", id).execute();
                var batch = h.prepareBatch("insert into campaign_recipients (campaign_id, position, email, name, "
                        + "merge) values (:c, :p, :e, :n, cast(:m as jsonb))");
                int position = 0;
                for (Audience.Recipient r : recipients) {
                    batch.bind("c", id).bind("p", position++).bind("e", r.email()).bind("n", r.name())
                            .bind("m", json(r.fields())).add();
                }
                batch.execute();
            }
            return changed == 1;
        });
    }

    /** A recipient's opening, written once (null: not yet); the same at preview, at send and at a retry. */
    Optional<String> personalLine(Handle h, UUID campaign, String email) {
        return h.createQuery("select personal_line from campaign_recipients where campaign_id = :c "
                        + "and lower(email) = lower(:e)")
                .bind("c", campaign).bind("e", email).mapTo(String.class).findOne();
    }

    /** Keeps {@code line} unless one was kept before; the line kept, either way. */
    String keepPersonalLine(Handle h, UUID campaign, String email, String line) {
        return h.createQuery("update campaign_recipients set personal_line = coalesce(personal_line, :l) "
                        + "where campaign_id = :c and lower(email) = lower(:e) returning personal_line")
                .bind("l", line).bind("c", campaign).bind("e", email).mapTo(String.class).findOne().orElse(line);
    }

    /** A campaign's recipients as an audience (for checking merge fields against a changed template). */
    List<Audience.Recipient> recipients(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("select position, email, name, merge::text from campaign_recipients "
                        + "where campaign_id = :c order by position")
                .bind("c", id)
                .map((rs, ctx) -> new Audience.Recipient(rs.getInt(1) + 1, rs.getString(2), rs.getString(3),
                        fields(rs.getString(4))))
                .list());
    }

    Optional<Campaign> find(UUID owner, UUID id) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from campaigns c "
                        + "where c.user_id = :u and c.id = :id")
                .bind("u", owner).bind("id", id).map((rs, ctx) -> row(rs)).findOne()
                .map(c -> c.withRecipients(h.createQuery("select email, name, status, error, sent_at, thread_id "
                                + "from campaign_recipients where campaign_id = :c order by position")
                        .bind("c", id).map((rs, ctx) -> new Campaign.Recipient(rs.getString(1), rs.getString(2),
                                rs.getString(3), rs.getString(4), rs.getObject(5, OffsetDateTime.class),
                                rs.getString(6)))
                        .list())));
    }

    List<Campaign> list(UUID owner) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from campaigns c where c.user_id = :u "
                        + "order by c.created_at desc limit 500")
                .bind("u", owner).map((rs, ctx) -> row(rs)).list());
    }

    /** One recipient's merge fields, or empty when the owner's campaign has no such address. */
    Optional<Map<String, String>> fields(UUID owner, UUID id, String email) {
        return jdbi.withHandle(h -> h.createQuery("select r.merge::text from campaign_recipients r "
                        + "join campaigns c on c.id = r.campaign_id "
                        + "where c.user_id = :u and c.id = :id and lower(r.email) = lower(:e)")
                .bind("u", owner).bind("id", id).bind("e", email).mapTo(String.class).findOne()
                .map(this::fields));
    }

    /** The first recipient's merge fields (a preview without an address). */
    Optional<Map<String, String>> firstFields(UUID owner, UUID id) {
        return jdbi.withHandle(h -> h.createQuery("select r.merge::text from campaign_recipients r "
                        + "join campaigns c on c.id = r.campaign_id where c.user_id = :u and c.id = :id "
                        + "order by r.position limit 1")
                .bind("u", owner).bind("id", id).mapTo(String.class).findOne().map(this::fields));
    }

    /** Of these addresses, those the owner's campaigns must leave out. */
    Set<String> suppressed(UUID owner, Collection<String> emails) {
        if (emails.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbi.withHandle(h -> h.createQuery("select email from mail_suppressions "
                        + "where user_id = :u and email = any(:e)")
                .bind("u", owner).bindArray("e", String.class, emails.toArray(String[]::new))
                .mapTo(String.class).list()));
    }

    /**
     * Moves the owner's campaign from one of {@code from} to {@code to} (with its timestamp); the status it had,
     * or empty when there is no such campaign. When the status was not one of {@code from}, nothing changed.
     */
    Optional<String> transition(Handle h, UUID owner, UUID id, Set<String> from, String to) {
        Optional<String> now = h.createQuery("select status from campaigns where user_id = :u and id = :id "
                        + "for update")
                .bind("u", owner).bind("id", id).mapTo(String.class).findOne();
        if (now.isPresent() && from.contains(now.get())) {
            h.createUpdate("update campaigns set status = :to, "
                            + "started_at = case when :to = 'running' then coalesce(started_at, now()) "
                            + "else started_at end, "
                            + "completed_at = case when :to in ('completed', 'cancelled') then now() "
                            + "else completed_at end where id = :id")
                    .bind("to", to).bind("id", id).execute();
        }
        return now;
    }

    boolean deleteDraft(UUID owner, UUID id) {
        return jdbi.withHandle(h -> h.createUpdate("delete from campaigns where user_id = :u and id = :id "
                + "and status = 'draft'").bind("u", owner).bind("id", id).execute()) == 1;
    }

    /** Whether the owner has such a campaign (whatever its status). */
    boolean exists(UUID owner, UUID id) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from campaigns where user_id = :u and id = :id")
                .bind("u", owner).bind("id", id).mapTo(Integer.class).one()) == 1;
    }

    String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, String> fields(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        Json.tree(json).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private Campaign row(ResultSet rs) throws SQLException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Campaign.COUNTED.forEach(k -> counts.put(k, 0));
        Json.tree(rs.getString("counts")).fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asInt()));
        return new Campaign(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("subject"),
                rs.getString("body"), rs.getString("status"), rs.getInt("daily_cap"), rs.getBoolean("personalise"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("started_at", OffsetDateTime.class),
                rs.getObject("completed_at", OffsetDateTime.class), counts, null);
    }
}
