package donna.backend.today;

import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.autopilot.QueuedDraft;
import donna.backend.chat.LanguageModel;
import donna.backend.gmail.DraftReply;
import donna.backend.gmail.DraftService;
import donna.backend.gmail.GmailAccess;
import donna.backend.gmail.GmailSession;
import donna.backend.gmail.Inbox;
import donna.backend.gmail.MailMessage;
import donna.backend.gmail.MailSummary;
import donna.backend.http.ApiException;
import donna.backend.users.User;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
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

    /** @param reviewQueue autopilot's drafts waiting for the person ({@code AutopilotPass::reviewQueue}) */
    public MailDesk(GmailAccess access, Inbox inbox, DraftService drafts, Function<UUID, List<QueuedDraft>> reviewQueue,
            TriageStore store, TriageRunner runner, FollowUpFinder followUps) {
        this.access = access;
        this.inbox = inbox;
        this.drafts = drafts;
        this.reviewQueue = reviewQueue;
        this.store = store;
        this.runner = runner;
        this.followUps = followUps;
    }

    /** The desk over this database and Gmail, triaging with {@code model} (the Responses API). */
    public static MailDesk create(Jdbi jdbi, GmailAccess access, Inbox inbox, DraftService drafts,
            LanguageModel model, ObjectMapper mapper, Function<UUID, List<QueuedDraft>> reviewQueue, Clock clock) {
        TriageStore store = new TriageStore(jdbi);
        return new MailDesk(access, inbox, drafts, reviewQueue, store,
                new TriageRunner(new MailTriager(model, mapper), store, clock), new FollowUpFinder(access, clock));
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
            List<MailSummary> unread = inbox.page(session, UNREAD_LOOKED_AT, null, "in:inbox is:unread").messages();
            Map<String, TriageEntry> known = store.find(user.id(), unread.stream().map(MailSummary::id).toList());
            List<MailSummary> pending = new ArrayList<>();
            for (MailSummary m : unread) {
                TriageEntry e = known.get(m.id());
                if (e != null) {
                    triage.add(e);
                } else {
                    pending.add(m);
                }
            }
            runner.request(user.id(), pending);
            TriageRunner.State state = runner.state(user.id());
            status.put("gmail", "connected");
            status.put("unread", unread.size());
            status.put("pending", pending.size());
            status.put("running", state.running());
            status.put("error", state.error());
            due.addAll(followUps.find(session, days));
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
