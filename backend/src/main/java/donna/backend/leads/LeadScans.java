package donna.backend.leads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.services.gmail.model.ListMessagesResponse;
import com.google.api.services.gmail.model.Message;
import donna.backend.chat.LanguageModel;
import donna.backend.gmail.GmailAccess;
import donna.backend.gmail.GmailQuota;
import donna.backend.gmail.GmailSession;
import donna.backend.gmail.Inbox;
import donna.backend.http.ApiException;
import donna.backend.users.User;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Find leads in my inbox": reads the newest inbox mail (one list, one batch of headers), keeps one mail per
 * sender (the newest), leaves out the user's own address, no-reply senders, mailing lists and automated mail
 * ({@link SenderRules}) and the senders already leads, and has the model judge the rest in batches
 * ({@link LeadClassifier}). It writes nothing: the person accepts the proposals they want ({@link #accept}),
 * which go through {@link LeadStore} like any other lead (so {@code lead.created} webhooks fire).
 *
 * <p>A scan runs on the instance that started it; its progress is published to PostgreSQL after every step
 * ({@link LeadScanStore}), so with several instances behind one address any of them answers its reads, cancels
 * (a flag its worker looks at between batches) and accepts. Ended scans are forgotten after an hour; one whose
 * instance stopped is shown as failed.
 */
public final class LeadScans {
    static final int DEFAULT_MAILS = 100;
    static final int MAX_MAILS = 500;
    static final int BATCH = 10;
    static final Duration KEEP = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(LeadScans.class);

    private final GmailAccess access;
    private final Inbox inbox;
    private final LeadStore leads;
    private final LeadClassifier classifier;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final LeadScanStore store;

    public LeadScans(Jdbi jdbi, GmailAccess access, Inbox inbox, LeadStore leads, LanguageModel model,
            ObjectMapper mapper, Clock clock) {
        this.access = access;
        this.inbox = inbox;
        this.leads = leads;
        this.classifier = new LeadClassifier(model, mapper);
        this.mapper = mapper;
        this.clock = clock;
        this.store = new LeadScanStore(jdbi, mapper);
    }

    /**
     * Starts a scan of the newest {@code mails} inbox mails on a thread of its own; the user's scan already
     * running when there is one. Gmail not connected is the caller's error at once (409).
     */
    public Object start(User user, int mails) {
        store.forget(KEEP);
        Optional<JsonNode> running = store.running(user.id());
        if (running.isPresent()) {
            return running.get();
        }
        GmailSession session = access.open(user);
        LeadScan scan = new LeadScan(user.id(), clock.instant());
        store.publish(scan);
        Thread.ofVirtual().name("lead-scan-" + scan.id).start(() -> run(scan, session, mails, true));
        return scan.view();
    }

    /** A scan start to end on the caller's thread (the {@code find_leads_in_inbox} tool): its final view. */
    public Map<String, Object> scanNow(User user, int mails) {
        LeadScan scan = new LeadScan(user.id(), clock.instant());
        run(scan, access.open(user), mails, false);
        return scan.view();
    }

    /** The owner's scan; another user's is not found. */
    public Optional<JsonNode> view(UUID userId, UUID scanId) {
        return store.view(userId, scanId);
    }

    /** Asks the owner's scan to stop; its view. */
    public Optional<JsonNode> cancel(UUID userId, UUID scanId) {
        return store.requestCancel(userId, scanId);
    }

    /**
     * Stores the chosen proposals as leads (source {@code mail}, with the thread they came from). Every address
     * must be one this scan proposed, else nothing is stored (400 naming it).
     *
     * @return the leads as stored, and how many were new
     */
    public Optional<Accepted> accept(UUID userId, UUID scanId, List<String> emails) {
        Optional<JsonNode> found = store.view(userId, scanId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        List<LeadProposal> proposed = store.proposals(found.get());
        List<LeadProposal> chosen = new ArrayList<>();
        for (String email : emails) {
            chosen.add(proposed.stream().filter(p -> p.email().equalsIgnoreCase(email)).findFirst()
                    .orElseThrow(() -> LeadFields.invalid(
                    "emails: " + LeadClassifier.oneLine(email, 80) + " is not one of this scan's proposals")));
        }
        List<Lead> saved = new ArrayList<>();
        int created = 0;
        for (LeadProposal p : chosen) {
            ObjectNode body = mapper.createObjectNode().put("name", p.name()).put("email", p.email())
                    .put("company", p.company()).put("category", p.category()).put("category_reason", p.reason())
                    .put("source", "mail");
            List<String> threads = p.threadId() == null ? List.of()
                    : List.of(LeadFields.threadId("thread_id", p.threadId()));
            LeadStore.Saved s = leads.upsert(userId, LeadFields.parse(body, true), threads);
            saved.add(s.lead());
            created += s.created() ? 1 : 0;
        }
        return Optional.of(new Accepted(saved, created));
    }

    public record Accepted(List<Lead> leads, int created) {}

    /** @param published whether every step goes to the store (a route's scan) or stays here (the tool's) */
    private void run(LeadScan scan, GmailSession session, int mails, boolean published) {
        Runnable publish = published ? () -> store.publish(scan) : () -> { };
        try {
            List<LeadClassifier.Candidate> candidates = candidates(scan, session, mails);
            publish.run();
            for (int i = 0; i < candidates.size() && !cancelled(scan, published); i += BATCH) {
                List<LeadClassifier.Candidate> batch = candidates.subList(i, Math.min(candidates.size(), i + BATCH));
                LeadClassifier.Outcome outcome;
                try {
                    outcome = classifier.classify(batch);
                } catch (ApiException e) {
                    // The model could not answer for this batch: its senders are left out, the others go on.
                    log.warn("Lead scan {}: the model failed a batch of {}: {}", scan.id, batch.size(), e.code());
                    outcome = new LeadClassifier.Outcome(List.of(), batch.stream().map(c ->
                            new LeadClassifier.Skipped(c.email(), "model_failed", e.getMessage())).toList());
                }
                if (published && store.cancelRequested(scan.id)) {
                    scan.requestCancel(); // asked while this batch ran: what it found is dropped
                }
                scan.add(batch.size(), outcome);
                publish.run();
            }
            scan.finish(clock.instant());
        } catch (ApiException e) {
            scan.fail(e.code(), e.getMessage(), clock.instant());
        } catch (RuntimeException e) {
            log.warn("Lead scan {} failed", scan.id, e);
            scan.fail("scan_failed", "The inbox could not be read; try again", clock.instant());
        }
        try {
            publish.run();
        } catch (RuntimeException e) {
            log.warn("Lead scan {}: its end could not be stored: {}", scan.id, e.toString());
        }
    }

    /** Whether the person asked to stop, on any instance (the flag in the store), for a published scan. */
    private boolean cancelled(LeadScan scan, boolean published) {
        if (published && !scan.cancelRequested() && store.cancelRequested(scan.id)) {
            scan.requestCancel();
        }
        return scan.cancelRequested();
    }

    /** The newest mail of each sender worth asking about; the others recorded as skipped with their reason. */
    private List<LeadClassifier.Candidate> candidates(LeadScan scan, GmailSession session, int mails) {
        ListMessagesResponse list = access.call(session, GmailQuota.LIST, Duration.ofSeconds(30), gmail -> gmail
                .users().messages().list("me").setLabelIds(List.of("INBOX")).setMaxResults((long) mails).execute());
        List<String> ids = list.getMessages() == null ? List.of()
                : list.getMessages().stream().map(Message::getId).toList();
        Map<String, Message> metadata = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i += 100) { // Gmail batches hold 100 requests at most
            metadata.putAll(inbox.metadata(session, ids.subList(i, Math.min(ids.size(), i + 100)),
                    SenderRules.HEADERS));
        }
        Map<String, LeadClassifier.Candidate> bySender = new LinkedHashMap<>();
        Map<String, LeadClassifier.Skipped> skipped = new LinkedHashMap<>();
        for (String id : ids) { // newest first: the first mail of a sender is their newest
            Message m = metadata.get(id);
            if (m == null) {
                continue; // deleted since the list
            }
            Map<String, String> headers = Inbox.headers(m);
            Optional<SenderRules.Sender> sender = SenderRules.sender(headers);
            String key = sender.map(SenderRules.Sender::email).orElse(headers.getOrDefault("from", "(none)"));
            if (bySender.containsKey(key) || skipped.containsKey(key)) {
                continue;
            }
            Optional<String> excluded = SenderRules.exclusion(headers, session.email());
            if (excluded.isPresent()) {
                skipped.put(key, new LeadClassifier.Skipped(LeadClassifier.oneLine(key, 320), excluded.get(), null));
            } else {
                bySender.put(key, new LeadClassifier.Candidate(key, sender.get().name(), headers.get("subject"),
                        m.getSnippet(), m.getId(), m.getThreadId()));
            }
        }
        Set<String> known = leads.knownEmails(scan.userId, bySender.keySet());
        for (Iterator<String> it = bySender.keySet().iterator(); it.hasNext(); ) {
            String email = it.next();
            if (known.contains(email)) {
                skipped.put(email, new LeadClassifier.Skipped(email, "known_lead", null));
                it.remove();
            }
        }
        scan.read(ids.size(), bySender.size(), List.copyOf(skipped.values()));
        return List.copyOf(bySender.values());
    }

}
