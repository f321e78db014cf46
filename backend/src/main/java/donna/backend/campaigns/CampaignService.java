package donna.backend.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.backend.http.ApiException;
import donna.backend.users.User;
import donna.backend.webhooks.EventTypes;
import donna.backend.webhooks.WebhookEvents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Making campaigns (drafts only) and moving them through their states. Nothing here sends: {@link #start} is the
 * person's click, after which the {@link CampaignSender} sends queued recipients.
 */
public final class CampaignService {
    static final int MAX_NAME = 200;
    static final int MAX_SUBJECT = 998;
    static final int MAX_BODY = 100_000;
    static final int DEFAULT_DAILY_CAP = 400;
    /** Google Workspace's own daily limit; a consumer account's is 500. */
    static final int MAX_DAILY_CAP = 2_000;

    private final CampaignStore store;
    private final GmailAudience gmail;
    private final WebhookEvents events;
    private final ObjectMapper mapper;
    private final Personaliser personaliser;
    private final Runnable wake;

    CampaignService(CampaignStore store, GmailAudience gmail, WebhookEvents events, ObjectMapper mapper,
            Personaliser personaliser, Runnable wake) {
        this.store = store;
        this.gmail = gmail;
        this.events = events;
        this.mapper = mapper;
        this.personaliser = personaliser;
        this.wake = wake;
    }

    /** A new draft: the campaign with its recipients, the rows refused and why, and how many were suppressed. */
    public record Created(Campaign campaign, List<Audience.Refused> refused, int suppressed) {}

    /**
     * Makes a draft from {@code {"name","subject","body","audience":{...},"daily_cap"?,"personalise"?}}.
     *
     * @throws ApiException 400 {@code validation_failed} naming the field
     */
    public Created create(User user, JsonNode body) {
        String name = text(body, "name", MAX_NAME, true);
        String subject = text(body, "subject", MAX_SUBJECT, true);
        String text = text(body, "body", MAX_BODY, false);
        int cap = body.hasNonNull("daily_cap") ? dailyCap(body.get("daily_cap")) : DEFAULT_DAILY_CAP;
        boolean personalise = body.hasNonNull("personalise") && personalise(body.get("personalise"));
        Audiences audience = audience(user, body.get("audience"));
        checkTemplate(subject, text, personalise, audience.kept());
        UUID id = store.insert(user.id(), name, subject, text, cap, personalise, audience.kept());
        return new Created(store.find(user.id(), id).orElseThrow(), audience.refused(), audience.suppressed());
    }

    /**
     * Changes a draft: any of {@code name}, {@code subject}, {@code body}, {@code daily_cap}, and {@code audience}
     * (which replaces every recipient). The template is checked against the recipients it will have, as at creation.
     *
     * @throws ApiException 404 for another's or no campaign, 409 {@code campaign_not_draft} once it started, 400
     *                      {@code validation_failed} naming the field
     */
    public Created update(User user, UUID id, JsonNode body) {
        Campaign now = store.find(user.id(), id).orElseThrow(CampaignService::notFound);
        if (!now.status().equals("draft")) {
            throw notDraft(now.status());
        }
        if (!body.has("name") && !body.has("subject") && !body.has("body") && !body.has("daily_cap")
                && !body.has("audience") && !body.has("personalise")) {
            throw CampaignInput.invalid("nothing to change: give name, subject, body, daily_cap, personalise or "
                    + "audience");
        }
        String name = body.has("name") ? text(body, "name", MAX_NAME, true) : now.name();
        String subject = body.has("subject") ? text(body, "subject", MAX_SUBJECT, true) : now.subject();
        String text = body.has("body") ? text(body, "body", MAX_BODY, false) : now.body();
        int cap = body.has("daily_cap") ? dailyCap(body.get("daily_cap")) : now.dailyCap();
        boolean personalise = body.has("personalise") ? personalise(body.get("personalise")) : now.personalise();
        Audiences audience = body.has("audience") ? audience(user, body.get("audience"))
                : new Audiences(store.recipients(id), List.of(), 0);
        checkTemplate(subject, text, personalise, audience.kept());
        if (!store.updateDraft(user.id(), id, name, subject, text, cap, personalise,
                body.has("audience") ? audience.kept() : null)) {
            throw notDraft(store.find(user.id(), id).map(Campaign::status).orElseThrow(CampaignService::notFound));
        }
        return new Created(store.find(user.id(), id).orElseThrow(), audience.refused(), audience.suppressed());
    }

    /** An audience read and split: who will be mailed, the rows refused and why, how many were suppressed. */
    private record Audiences(List<Audience.Recipient> kept, List<Audience.Refused> refused, int suppressed) {}

    private Audiences audience(User user, JsonNode audience) {
        Audience.Parsed parsed = switch (Audience.kind(audience)) {
            case "emails" -> Audience.emails(audience.get("emails"));
            case "csv" -> Audience.csv(audience.get("csv"));
            default -> gmail.senders(user, audience.get("gmail_query").asText());
        };
        Set<String> suppressed = store.suppressed(user.id(),
                parsed.recipients().stream().map(Audience.Recipient::email).toList());
        List<Audience.Recipient> kept = new ArrayList<>();
        List<Audience.Refused> refused = new ArrayList<>(parsed.refused());
        for (Audience.Recipient r : parsed.recipients()) {
            if (suppressed.contains(r.email())) {
                refused.add(new Audience.Refused(r.row(), r.email(), Audience.SUPPRESSED));
            } else {
                kept.add(r);
            }
        }
        if (kept.isEmpty()) {
            throw CampaignInput.invalid("audience has no address that can be mailed (" + refused.size()
                    + " refused)");
        }
        refused.sort(java.util.Comparator.comparingInt(Audience.Refused::row));
        return new Audiences(kept, refused, suppressed.size());
    }

    private static void checkTemplate(String subject, String text, boolean personalise,
            List<Audience.Recipient> kept) {
        if (personalise && !MergeFields.used(text).contains(Personaliser.FIELD)) {
            throw CampaignInput.invalid("body must place {{" + Personaliser.FIELD + "}} where DONNA's personal "
                    + "opening goes, when personalise is on");
        }
        if (personalise && MergeFields.used(subject).contains(Personaliser.FIELD)) {
            throw CampaignInput.invalid("subject cannot use {{" + Personaliser.FIELD + "}}: the opening goes in "
                    + "the body");
        }
        checkFields("subject", subject, kept, Set.of());
        for (String used : MergeFields.used(subject)) {
            kept.stream().filter(r -> r.fields().get(used).matches("(?s).*[\\r\\n].*")).findFirst().ifPresent(r -> {
                throw CampaignInput.invalid("subject uses the merge field {{" + used + "}}, which has a line break "
                        + "for " + r.email() + " (a subject is one line)");
            });
        }
        // A personalised body's opening is written for each recipient at the preview or the send: no field needed.
        checkFields("body", text, kept, personalise ? Set.of(Personaliser.FIELD) : Set.of());
    }

    private static boolean personalise(JsonNode p) {
        if (!p.isBoolean()) {
            throw CampaignInput.invalid("personalise must be true or false");
        }
        return p.asBoolean();
    }

    private static int dailyCap(JsonNode c) {
        if (!c.isIntegralNumber() || c.asLong() < 1 || c.asLong() > MAX_DAILY_CAP) {
            throw CampaignInput.invalid("daily_cap must be a whole number from 1 to " + MAX_DAILY_CAP);
        }
        return c.asInt();
    }

    private static ApiException notDraft(String status) {
        return new ApiException(409, "campaign_not_draft", "Only a draft can be changed (this one is " + status + ")");
    }

    /** Every merge field the template uses must have a value for every recipient: else refused, naming it. */
    private static void checkFields(String field, String template, List<Audience.Recipient> recipients,
            Set<String> writtenLater) {
        for (String used : MergeFields.used(template)) {
            if (writtenLater.contains(used)) {
                continue;
            }
            List<String> lacking = recipients.stream()
                    .filter(r -> r.fields().get(used) == null || r.fields().get(used).isBlank())
                    .map(Audience.Recipient::email).toList();
            if (!lacking.isEmpty()) {
                throw CampaignInput.invalid(field + " uses the merge field {{" + used + "}}, which "
                        + (lacking.size() == recipients.size() ? "no recipient has"
                                : lacking.size() + " recipient" + (lacking.size() == 1 ? " lacks" : "s lack")
                                        + " (first: " + lacking.getFirst() + ")"));
            }
        }
    }

    public Optional<Campaign> find(User user, UUID id) {
        return store.find(user.id(), id);
    }

    public List<Campaign> list(User user) {
        return store.list(user.id());
    }

    /** What one recipient gets (the first one without an address). */
    public ObjectNode preview(User user, UUID id, String email) {
        Campaign c = store.find(user.id(), id).orElseThrow(CampaignService::notFound);
        Map<String, String> fields = (email == null || email.isBlank() ? store.firstFields(user.id(), id)
                : store.fields(user.id(), id, email.strip()))
                .orElseThrow(() -> ApiException.notFound("No such recipient in this campaign"));
        if (c.personalise()) {
            fields = withOpening(c, fields);
        }
        ObjectNode out = mapper.createObjectNode().put("email", fields.get("email"))
                .put("subject", MergeFields.fill(c.subject(), fields)).put("body", MergeFields.fill(c.body(), fields));
        return out;
    }

    /**
     * The recipient's fields with their opening: the one written before, else written now and kept, so what the
     * person previews is what that recipient is sent (also when the sender, not a preview, writes it first).
     */
    Map<String, String> withOpening(Campaign c, Map<String, String> fields) {
        return withOpening(c.id(), c.subject(), fields);
    }

    Map<String, String> withOpening(UUID campaign, String subject, Map<String, String> fields) {
        String email = fields.get("email");
        String line = store.jdbi().withHandle(h -> store.personalLine(h, campaign, email)).orElse(null);
        if (line == null) {
            String written = personaliser.lineFor(subject, fields);
            // Another preview or the sender may have written one meanwhile: the one kept first is the one used.
            line = store.jdbi().withHandle(h -> store.keepPersonalLine(h, campaign, email, written));
        }
        Map<String, String> out = new LinkedHashMap<>(fields);
        out.put(Personaliser.FIELD, line);
        return out;
    }

    /** The person's click: a draft starts sending. */
    public Campaign start(User user, UUID id) {
        return move(user, id, Set.of("draft"), "running", "Only a draft can be started");
    }

    public Campaign pause(User user, UUID id) {
        return move(user, id, Set.of("running"), "paused", "Only a running campaign can be paused");
    }

    public Campaign resume(User user, UUID id) {
        return move(user, id, Set.of("paused"), "running", "Only a paused campaign can be resumed");
    }

    /** Stops for good: the recipients not sent yet are {@code skipped}. */
    public Campaign cancel(User user, UUID id) {
        return move(user, id, Set.of("draft", "running", "paused"), "cancelled",
                "A completed or cancelled campaign cannot be cancelled");
    }

    public void deleteDraft(User user, UUID id) {
        if (!store.deleteDraft(user.id(), id)) {
            if (store.exists(user.id(), id)) {
                throw new ApiException(409, "campaign_not_draft", "Only a draft can be deleted; cancel it instead");
            }
            throw notFound();
        }
    }

    private Campaign move(User user, UUID id, Set<String> from, String to, String refusal) {
        String was = store.jdbi().inTransaction(h -> {
            Optional<String> before = store.transition(h, user.id(), id, from, to);
            if (before.isPresent() && from.contains(before.get())) {
                if (to.equals("cancelled")) {
                    // The one being sent right now (locked by the sender) finishes as sent; the rest are skipped
                    // without waiting for it.
                    h.createUpdate("update campaign_recipients set status = 'skipped' where id in (select id "
                            + "from campaign_recipients where campaign_id = :c and status = 'queued' "
                            + "for update skip locked)").bind("c", id).execute();
                }
                if (before.get().equals("draft") && to.equals("running")) {
                    events.publish(h, user.id(), EventTypes.CAMPAIGN_STARTED, event(h, id));
                }
            }
            return before.orElse(null);
        });
        if (was == null) {
            throw notFound();
        }
        if (!from.contains(was)) {
            throw new ApiException(409, "campaign_state", refusal + " (this one is " + was + ")");
        }
        if (to.equals("running")) {
            wake.run();
        }
        return store.find(user.id(), id).orElseThrow(CampaignService::notFound);
    }

    /** What a campaign webhook carries: its id, name, status and counts (no addresses, no mail text). */
    ObjectNode event(org.jdbi.v3.core.Handle h, UUID id) {
        Map<String, Object> row = h.createQuery("select id::text as id, name, status from campaigns where id = :id")
                .bind("id", id).mapToMap().one();
        ObjectNode data = mapper.createObjectNode().put("campaign_id", (String) row.get("id"))
                .put("name", (String) row.get("name")).put("status", (String) row.get("status"));
        ObjectNode counts = data.putObject("counts");
        Map<String, Integer> n = new LinkedHashMap<>();
        Campaign.COUNTED.forEach(k -> n.put(k, 0));
        h.createQuery("select status, count(*)::int as n from campaign_recipients where campaign_id = :id "
                        + "group by status")
                .bind("id", id).mapToMap().forEach(r -> n.put((String) r.get("status"), (Integer) r.get("n")));
        n.forEach(counts::put);
        return data;
    }

    private static String text(JsonNode body, String field, int max, boolean oneLine) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw CampaignInput.invalid(field + " is required");
        }
        String s = v.asText();
        if (s.length() > max) {
            throw CampaignInput.invalid(field + " is longer than " + max + " characters");
        }
        if (oneLine && (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0)) {
            throw CampaignInput.invalid(field + " must be one line");
        }
        return oneLine ? s.strip() : s;
    }

    static ApiException notFound() {
        return ApiException.notFound("No such campaign");
    }
}
