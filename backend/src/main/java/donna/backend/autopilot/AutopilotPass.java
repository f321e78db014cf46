package donna.backend.autopilot;

import com.google.api.services.gmail.model.ListMessagesResponse;
import com.google.api.services.gmail.model.Message;
import donna.backend.gmail.DraftReply;
import donna.backend.gmail.DraftService;
import donna.backend.gmail.GmailAccess;
import donna.backend.gmail.GmailQuota;
import donna.backend.gmail.GmailSession;
import donna.backend.gmail.Inbox;
import donna.backend.gmail.MailMessage;
import donna.backend.gmail.SendResult;
import donna.backend.gmail.SendService;
import donna.backend.users.User;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One autopilot pass for one user: the unread inbox (one list, one batch of headers), minus what the rules exclude
 * ({@link RoutineFilter}) and what was drafted before, answered by the model when it judges the mail routine, up
 * to the run's cap and the day's cap (reserved in the database before drafting, so instances together never
 * exceed it). Drafts wait in the review queue, or go out at once when the user allowed sending without review.
 */
public final class AutopilotPass {
    static final String SCHEDULE = "schedule";
    static final String REQUEST = "request";
    private static final Logger log = LoggerFactory.getLogger(AutopilotPass.class);
    private static final int MAX_LOOKED_AT = 50;

    private final GmailAccess access;
    private final Inbox inbox;
    private final DraftService drafts;
    private final SendService sender;
    private final AutopilotStore store;
    private final Clock clock;

    public AutopilotPass(GmailAccess access, Inbox inbox, DraftService drafts, SendService sender,
            Jdbi jdbi, Clock clock) {
        this.access = access;
        this.inbox = inbox;
        this.drafts = drafts;
        this.sender = sender;
        this.store = new AutopilotStore(jdbi);
        this.clock = clock;
    }

    AutopilotStore store() {
        return store;
    }

    /** The review queue: this person's drafts waiting for their yes, oldest first (Today lists them too). */
    public List<QueuedDraft> reviewQueue(UUID userId) {
        return store.pending(userId);
    }

    /** Whether anyone has autopilot on: until then a desktop service need not schedule passes at all. */
    public boolean anyoneEnabled() {
        return store.anyEnabled();
    }

    /** The scheduled job: a pass for every user with autopilot on; one user's failure does not stop the others. */
    public void runForEnabledUsers() {
        for (User user : store.enabledUsers()) {
            try {
                run(user, SCHEDULE);
            } catch (RuntimeException e) {
                log.warn("Autopilot pass for user {} failed: {}", user.id(), e.getMessage());
            }
        }
    }

    AutopilotRun run(User user, String trigger) {
        GmailSession session = access.open(user);
        AutopilotSettings settings = store.settings(user.id());
        long runId = store.startRun(user.id(), trigger);
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<AutopilotRun.Skipped> skipped = new ArrayList<>();
        int drafted = 0;
        int sent = 0;
        List<String> unread = unread(session, settings);
        Map<String, Message> metadata = inbox.metadata(session, unread, RoutineFilter.HEADERS);
        Set<String> done = store.drafted(user.id(), unread);
        for (String id : unread) {
            Message message = metadata.get(id);
            if (message == null) {
                continue; // deleted since the list
            }
            Map<String, String> headers = Inbox.headers(message);
            Optional<String> excluded = done.contains(id) ? Optional.of("already_drafted")
                    : RoutineFilter.exclusion(headers, session.email());
            if (excluded.isEmpty() && (drafted >= settings.perRunCap()
                    || !store.reserveDay(user.id(), today, settings.perDayCap()))) {
                excluded = Optional.of("cap_reached");
            }
            if (excluded.isPresent()) {
                skipped.add(new AutopilotRun.Skipped(id, excluded.get()));
                continue;
            }
            String sender = RoutineFilter.sender(headers);
            Outcome outcome = answer(user, session, id, settings, today, sender,
                    SenderAuthentication.vouchedFor(headers, sender));
            switch (outcome) {
                case SENT -> {
                    drafted++;
                    sent++;
                }
                case QUEUED -> drafted++;
                case NOT_ROUTINE -> skipped.add(new AutopilotRun.Skipped(id, "not_routine"));
                case TAKEN -> skipped.add(new AutopilotRun.Skipped(id, "already_drafted"));
            }
        }
        AutopilotRun run = new AutopilotRun(drafted, sent, skipped);
        store.finishRun(runId, run);
        log.info("Autopilot ({}) for user {}: {} drafted, {} sent, {} skipped", trigger, user.id(), drafted, sent,
                skipped.size());
        return run;
    }

    private enum Outcome { QUEUED, SENT, NOT_ROUTINE, TAKEN }

    /**
     * Drafts (and maybe sends) a reply to one message whose day slot is already reserved. It goes out without
     * review only when the user allowed that, Gmail vouched for the sender (DKIM or DMARC, {@link
     * SenderAuthentication}) and the reply is addressed to that one sender and nobody else.
     */
    private Outcome answer(User user, GmailSession session, String id, AutopilotSettings settings, LocalDate today,
            String sender, boolean vouchedFor) {
        Optional<DraftReply> reply;
        try {
            MailMessage original = inbox.message(session, id);
            reply = drafts.draftForAutopilot(user.id(), original);
        } catch (RuntimeException e) {
            store.releaseDay(user.id(), today);
            throw e;
        }
        if (reply.isEmpty()) {
            store.releaseDay(user.id(), today);
            return Outcome.NOT_ROUTINE;
        }
        DraftReply r = reply.get();
        Optional<UUID> draftId = store.queue(user.id(), id, r.to(), r.subject(), r.body());
        if (draftId.isEmpty()) {
            store.releaseDay(user.id(), today);
            return Outcome.TAKEN;
        }
        if (!settings.sendsWithoutReview() || !vouchedFor || !toOnly(r.to(), sender)) {
            return Outcome.QUEUED;
        }
        send(user, draftId.get(), r.to(), r.subject(), r.body(), id);
        store.countSent(user.id(), today);
        return Outcome.SENT;
    }

    /** Whether the reply goes to exactly the one sender (its address; the display name may differ). */
    private static boolean toOnly(List<String> to, String sender) {
        if (sender == null || to.size() != 1) {
            return false;
        }
        try {
            return new jakarta.mail.internet.InternetAddress(to.getFirst()).getAddress().equalsIgnoreCase(sender);
        } catch (jakarta.mail.internet.AddressException e) {
            return false;
        }
    }

    /** Sends a queued draft; its key comes from the draft's id, so sending it again only replays. */
    SendResult send(User user, UUID draftId, List<String> to, String subject, String body, String gmailId) {
        SendResult result = sender.send(user, new SendService.Outgoing(to, List.of(), List.of(), subject, body,
                gmailId), "autopilot-draft-" + draftId);
        store.markSent(draftId);
        return result;
    }

    private List<String> unread(GmailSession session, AutopilotSettings settings) {
        long max = Math.min(MAX_LOOKED_AT, Math.max(25, settings.perRunCap() * 5L));
        ListMessagesResponse list = access.call(session, GmailQuota.LIST, Duration.ofSeconds(30), gmail -> gmail
                .users().messages().list("me").setQ("is:unread in:inbox").setMaxResults(max).execute());
        return list.getMessages() == null ? List.of() : list.getMessages().stream().map(Message::getId).toList();
    }
}
