package donna.backend.actions;

import donna.backend.drafts.Draft;
import donna.backend.drafts.DraftStore;
import donna.backend.gmail.GmailAccess;
import donna.backend.gmail.GmailSession;
import donna.backend.gmail.SendResult;
import donna.backend.gmail.SendService;
import donna.backend.http.ApiException;
import donna.backend.users.User;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pending actions and the confirmation rule (docs/security.md, "Nothing leaves without the person's yes"). Asking
 * to send only records a pending action. It is carried out by the person's click, or by the model relaying a yes
 * that came in a later user turn than the one that presented it, and never through the model when a recipient is
 * a new address. Carried out, the mail goes to the caller's outbox, or the service sends it with the draft id as
 * its idempotency key (exactly once, by {@link SendService}'s ledger).
 */
public final class ActionService {
    public static final String NOT_FROM_USER = "confirmation_not_from_user";
    public static final String REQUIRES_CLICK = "confirmation_requires_click";
    private static final Logger log = LoggerFactory.getLogger(ActionService.class);

    private final ActionStore actions;
    private final DraftStore drafts;
    private final GmailAccess gmail;
    private final RecipientGrounding grounding;
    private final SendService sender;

    public ActionService(org.jdbi.v3.core.Jdbi jdbi, DraftStore drafts, GmailAccess gmail,
            RecipientGrounding grounding, SendService sender) {
        this.actions = new ActionStore(jdbi);
        this.drafts = drafts;
        this.gmail = gmail;
        this.grounding = grounding;
        this.sender = sender;
    }

    /**
     * Asks to send an open draft: a pending action with its new addresses marked. Nothing is sent.
     *
     * @throws ApiException 404 no such draft; 409 {@code draft_not_open}, {@code draft_has_no_recipient}, Gmail's
     *     (not connected, needs reconnect)
     */
    public PendingAction requestSend(User user, UUID draftId, Origin origin) {
        Draft draft = drafts.find(user.id(), draftId).orElseThrow(() -> ApiException.notFound("No such draft"));
        if (!draft.open()) {
            throw new ApiException(409, "draft_not_open", "This draft is " + draft.status() + "; it cannot be sent again");
        }
        if (draft.to().isEmpty()) {
            throw new ApiException(409, "draft_has_no_recipient", "The draft has no recipient; add one first");
        }
        GmailSession session = gmail.open(user);
        List<String> recipients = new java.util.ArrayList<>(draft.to());
        recipients.addAll(draft.cc());
        List<String> fresh = grounding.newAddresses(session, origin.chatId() != null ? origin.chatId()
                : draft.chatId(), origin.userText(), recipients);
        PendingAction action = actions.create(user.id(), draft, fresh, origin);
        log.info("Pending send {} of draft {} for user {} ({} recipients, {} new, via {})", action.id(), draftId,
                user.id(), recipients.size(), fresh.size(), origin.channel());
        return action;
    }

    /** The person's click (their own client): always allowed for their own pending action. */
    public ConfirmResult confirmByClick(User user, UUID actionId, boolean clientOutbox) {
        PendingAction action = find(user, actionId);
        return carryOut(user, action, "click", clientOutbox);
    }

    /**
     * The model relaying a yes ({@code confirm_action}).
     *
     * @throws ApiException 409 {@link #REQUIRES_CLICK} when a recipient is new; 409 {@link #NOT_FROM_USER} when the
     *     yes cannot have come from the person after the presentation; 404 / 409 {@code action_cancelled}
     */
    public ConfirmResult confirmByModel(User user, UUID actionId, Origin origin) {
        PendingAction action = find(user, actionId);
        if (action.pending()) {
            if (action.requiresClick()) {
                throw new ApiException(409, REQUIRES_CLICK, "This mail goes to a new address ("
                        + String.join(", ", action.newAddresses()) + "): only the person's click on Send confirms it");
            }
            if (!laterUserTurn(user, action, origin)) {
                throw new ApiException(409, NOT_FROM_USER, "A yes must come from the person in a later turn than the "
                        + "one that presented this action; read it back and wait for their answer");
            }
        }
        return carryOut(user, action, "model", origin.clientOutbox());
    }

    /**
     * The rule: a typed turn other than the presenting one; or (voice, api) an audio item of the person other than
     * the one known at presentation, or a message of theirs stored in the chat after it.
     */
    private boolean laterUserTurn(User user, PendingAction action, Origin origin) {
        if (origin.turnId() != null) {
            return !origin.turnId().equals(action.turnId());
        }
        if (origin.userItemId() != null && !origin.userItemId().equals(action.userItemId())) {
            return true;
        }
        String chat = action.chatId() != null ? action.chatId() : origin.chatId();
        return actions.userSpokeSince(user.id(), chat, action.createdAt());
    }

    public PendingAction cancel(User user, UUID actionId) {
        PendingAction action = find(user, actionId);
        if (!actions.cancel(user.id(), actionId) && !"cancelled".equals(action.status())) {
            throw new ApiException(409, "action_not_pending", "This action was already confirmed");
        }
        return find(user, actionId);
    }

    public List<PendingAction> list(User user, String status) {
        return actions.list(user.id(), status, 100);
    }

    private PendingAction find(User user, UUID actionId) {
        return actions.find(user.id(), actionId).orElseThrow(() -> ApiException.notFound("No such action"));
    }

    /**
     * pending -> confirmed (once), then the mail: to the caller's outbox, or sent here under the draft id. A
     * confirmed action confirmed again gives the same mail (the outbox and the send ledger dedupe by the key), so
     * a retry after a failed send is safe.
     */
    private ConfirmResult carryOut(User user, PendingAction action, String by, boolean clientOutbox) {
        if ("cancelled".equals(action.status())) {
            throw new ApiException(409, "action_cancelled", "This action was cancelled (or its draft changed); "
                    + "ask to send again");
        }
        if (actions.confirm(user.id(), action.id(), by)) {
            log.info("User {} confirmed action {} by {}", user.id(), action.id(), by);
        }
        PendingAction confirmed = find(user, action.id());
        Draft draft = drafts.find(user.id(), action.draftId()).orElseThrow(() -> ApiException.notFound("No such draft"));
        OutboxMail mail = new OutboxMail(draft.id().toString(), action.to(), action.cc(), action.subject(),
                action.body(), draft.inReplyTo(), draft.threadId(), draft.replyToMessageId(), null);
        if (clientOutbox) {
            drafts.mark(user.id(), draft.id(), "sending");
            actions.sendStatus(user.id(), action.id(), "queued", null);
            return new ConfirmResult(confirmed, mail);
        }
        drafts.mark(user.id(), draft.id(), "sending");
        try {
            SendResult sent = sender.send(user, new SendService.Outgoing(action.to(), action.cc(), List.of(),
                    action.subject(), action.body(), draft.replyToMessageId()), mail.idempotencyKey());
            drafts.mark(user.id(), draft.id(), "sent");
            actions.sendStatus(user.id(), action.id(), "sent", sent.id());
            return new ConfirmResult(confirmed, mail.withSend(new OutboxMail.Send("sent", sent.id(), sent.replayed(),
                    null)));
        } catch (ApiException e) {
            log.warn("Service-side send of action {} for user {} failed: {}", action.id(), user.id(), e.code());
            actions.sendStatus(user.id(), action.id(), "failed", null);
            return new ConfirmResult(confirmed, mail.withSend(new OutboxMail.Send("failed", null, null,
                    e.code() + ": " + e.getMessage())));
        }
    }
}
