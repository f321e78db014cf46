package donna.backend.today;

import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.autopilot.QueuedDraft;
import donna.backend.chat.LanguageModel;
import donna.backend.gmail.DraftReply;
import donna.backend.gmail.DraftService;
import com.google.api.services.gmail.model.ListMessagesResponse;
import com.google.api.services.gmail.model.Message;
import donna.backend.gmail.GmailAccess;
import donna.backend.gmail.GmailQuota;
import donna.backend.gmail.GmailSession;
import donna.backend.gmail.Inbox;
import donna.backend.gmail.MailMessage;
import donna.backend.gmail.MailSummary;
import donna.backend.http.ApiException;
import donna.backend.users.User;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * The mail side of Today: unread mail with the model's triage (what is cached; the rest is triaged in the
 * background and counted as pending), autopilot's review queue, and sent mail that got no reply. Gmail that is not
 * connected or fails leaves those parts empty with the reason in {@code triage_status}; the rest of Today still
 * answers. Nothing here sends: a follow-up is a draft the person reviews in the composer.
 */
public final class MailDesk implements AutoCloseable {
    /** The newest unread inbox mails triaged. */
    static final int UNREAD_LOOKED_AT = 50;
    static final Duration FOLLOW_UPS_FRESH = Duration.ofMinutes(1);
    private static final Duration MAX_QUOTA_WAIT = Duration.ofSeconds(10);
    private static final List<String> HEADERS = List.of("From", "To", "Subject", "Date");
    /**
     * What a follow-up draft is asked for. Worded as the person's instruction, as the Mail pane's "Draft with
     * DONNA" passes one.
     */
    static final String FOLLOW_UP = "saying I'm following up on my mail below, since I haven't heard back, and "
            + "that I'd be glad of a reply when they have a moment";

    private final GmailAccess access;
    private final Inbox inbox;
    private final DraftService drafts;
    private final Function<UUID, List<QueuedDraft>> reviewQueue;
    private final TriageStore store;
    private final TriageRunner runner;
    private final FollowUpFinder followUps;
    private final Clock clock;
    private final Map<UUID, FoundFollowUps> foundFollowUps = new ConcurrentHashMap<>();

    private record FoundFollowUps(int days, Instant at, List<FollowUp> list) {}

    /** @param reviewQueue autopilot's drafts waiting for the person ({@code AutopilotPass::reviewQueue}) */
    public MailDesk(GmailAccess access, Inbox inbox, DraftService drafts, Function<UUID, List<QueuedDraft>> reviewQueue,
            TriageStore store, TriageRunner runner, FollowUpFinder followUps, Clock clock) {
        this.access = access;
        this.inbox = inbox;
        this.drafts = drafts;
        this.reviewQueue = reviewQueue;
        this.store = store;
        this.runner = runner;
        this.followUps = followUps;
        this.clock = clock;
    }

    /** The desk over this database and Gmail, triaging with {@code model} (the Responses API). */
    public static MailDesk create(Jdbi jdbi, GmailAccess access, Inbox inbox, DraftService drafts,
            LanguageModel model, ObjectMapper mapper, Function<UUID, List<QueuedDraft>> reviewQueue, Clock clock) {
        TriageStore store = new TriageStore(jdbi);
        return new MailDesk(access, inbox, drafts, reviewQueue, store,
                new TriageRunner(new MailTriager(model, mapper), store, clock), new FollowUpFinder(access, clock),
                clock);
    }

    public TriageStore store() {
        return store;
    }

    /** Adds {@code triage}, {@code triage_status}, {@code review_queue}, {@code follow_ups} and the setting. */
    public void today(User user, Map<String, Object> body) {
        body.put("review_queue", reviewQueue.apply(user.id()));
        int days = store.followUpDays(user.id());
        body.put("follow_up_days", days);
        Map<String, Object> status = new LinkedHashMap<>();
        List<TriageEntry> triage = new ArrayList<>();
        List<FollowUp> due = new ArrayList<>();
        try {
            GmailSession session = access.open(user);
            // The ids first; Gmail's metadata only for mail without a verdict (the cache holds what the list
            // shows), so reading Today again while triage runs costs one list call, not a batch of 50 gets.
            ListMessagesResponse list = access.call(session, GmailQuota.LIST, MAX_QUOTA_WAIT, gmail -> gmail.users()
                    .messages().list("me").setQ("in:inbox is:unread").setMaxResults((long) UNREAD_LOOKED_AT)
                    .execute());
            List<String> unread = list.getMessages() == null ? List.of()
                    : list.getMessages().stream().map(Message::getId).toList();
            Map<String, TriageEntry> known = store.find(user.id(), unread);
            List<String> missing = unread.stream().filter(id -> !known.containsKey(id)).toList();
            Map<String, Message> meta = inbox.metadata(session, missing, HEADERS);
            List<MailSummary> pending = new ArrayList<>();
            for (String id : unread) {
                TriageEntry e = known.get(id);
                if (e != null) {
                    triage.add(e);
                } else if (meta.containsKey(id)) {
                    pending.add(summary(meta.get(id)));
                }
            }
            runner.request(user.id(), pending);
            TriageRunner.State state = runner.state(user.id());
            status.put("gmail", "connected");
            status.put("unread", unread.size());
            status.put("pending", pending.size());
            status.put("running", state.running());
            status.put("error", state.error());
            try {
                due.addAll(followUps(user, session, days));
            } catch (ApiException e) { // the triage above stands; the follow-ups say why they are missing
                body.put("follow_ups_error", e.getMessage());
            }
        } catch (ApiException e) {
            // Not connected, revoked, Gmail down or rate-limited: said, not thrown, so messages still show.
            status.put("gmail", e.status() == 409 || "gmail_not_configured".equals(e.code()) ? "not_connected"
                    : "error");
            status.put("unread", 0);
            status.put("pending", 0);
            status.put("running", false);
            status.put("error", e.getMessage());
        }
        body.put("triage", triage);
        body.put("triage_status", status);
        body.put("follow_ups", due);
    }

    /**
     * The follow-ups, found again at most once a {@link #FOLLOW_UPS_FRESH} per person and setting: the pane reads
     * Today every few seconds while triage runs, and threads cost Gmail quota.
     */
    private List<FollowUp> followUps(User user, GmailSession session, int days) {
        Instant now = clock.instant();
        FoundFollowUps cached = foundFollowUps.get(user.id());
        if (cached != null && cached.days() == days && cached.at().plus(FOLLOW_UPS_FRESH).isAfter(now)) {
            return cached.list();
        }
        List<FollowUp> found = followUps.find(session, days);
        foundFollowUps.put(user.id(), new FoundFollowUps(days, now, found));
        return found;
    }

    private static MailSummary summary(Message m) {
        Map<String, String> h = Inbox.headers(m);
        return new MailSummary(m.getId(), m.getThreadId(), h.get("from"), h.get("to"), h.get("subject"),
                m.getInternalDate() == null ? null : Instant.ofEpochMilli(m.getInternalDate()), m.getSnippet(),
                m.getLabelIds() != null && m.getLabelIds().contains("UNREAD"));
    }

    /**
     * DONNA's draft of a follow-up to a mail the person sent, addressed to whom that mail went; never sent (the
     * person reviews it in the composer and sends it themselves).
     */
    public DraftReply draftFollowUp(User user, String messageId) {
        GmailSession session = access.open(user);
        MailMessage original = inbox.message(session, messageId);
        String from = original.from() == null ? "" : original.from().toLowerCase(Locale.ROOT);
        if (session.email() == null || !from.contains(session.email().toLowerCase(Locale.ROOT))) {
            throw ApiException.badRequest("validation_failed", "That mail is not one you sent");
        }
        DraftReply draft = drafts.draft(user.id(), original, FOLLOW_UP);
        return new DraftReply(addresses(original.to()), addresses(original.cc()), draft.subject(), draft.body(),
                original.id());
    }

    private static List<String> addresses(String header) {
        try {
            return Arrays.stream(InternetAddress.parseHeader(header == null ? "" : header, false))
                    .map(InternetAddress::toUnicodeString).toList();
        } catch (AddressException e) {
            return List.of();
        }
    }

    @Override
    public void close() {
        runner.close();
    }
}
