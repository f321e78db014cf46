package donna.app.actions;

import donna.core.ServiceError;
import donna.core.api.ServiceException;
import donna.core.tools.Confirmation;
import donna.core.tools.ConfirmedMail;
import donna.core.tools.Draft;
import donna.core.tools.DraftEdit;
import donna.core.tools.PendingAction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The service's drafts and actions, in memory, following the contract: send_draft makes a pending action from the
 * draft as it is now; confirm answers the mail keyed on the draft id; a cancelled or confirmed action cannot be
 * confirmed again.
 */
public final class FakeActionService implements ActionService {
    public final List<String> calls = new CopyOnWriteArrayList<>();
    public final Map<String, Draft> drafts = new ConcurrentHashMap<>();
    public final Map<String, PendingAction> actions = new ConcurrentHashMap<>();
    public volatile int failNextCalls;
    private int nextAction = 1;

    public static Draft draft(String id, String to, String subject, String body) {
        return new Draft(id, List.of(to), List.of(), subject, body, null, null, null, "open", Instant.EPOCH,
                Instant.EPOCH);
    }

    public static PendingAction action(String id, Draft d, List<String> newAddresses) {
        return new PendingAction(id, "send_mail", d.id(), d.to(), d.cc(), d.subject(), d.body(), newAddresses,
                !newAddresses.isEmpty(), "pending", "c1", Instant.EPOCH);
    }

    public static ConfirmedMail mailOf(PendingAction a) {
        return new ConfirmedMail(a.draftId(), a.to(), a.cc(), a.subject(), a.body(), null, null, null);
    }

    public Draft add(Draft d) {
        drafts.put(d.id(), d);
        return d;
    }

    public PendingAction add(PendingAction a) {
        actions.put(a.id(), a);
        return a;
    }

    private void maybeFail() {
        if (failNextCalls > 0) {
            failNextCalls--;
            throw new ServiceException(new ServiceError(0, "unreachable", "down", null));
        }
    }

    @Override
    public synchronized Draft editDraft(String draftId, DraftEdit edit) {
        calls.add("edit " + draftId);
        maybeFail();
        Draft d = drafts.get(draftId);
        Draft edited = new Draft(d.id(), edit.to(), edit.cc(), edit.subject(), edit.body(), d.inReplyTo(),
                d.threadId(), d.replyToMessageId(), d.status(), d.createdAt(), Instant.now());
        drafts.put(draftId, edited);
        return edited;
    }

    @Override
    public synchronized void discardDraft(String draftId) {
        calls.add("discard " + draftId);
        maybeFail();
        drafts.remove(draftId);
    }

    @Override
    public synchronized PendingAction sendDraft(String draftId) {
        calls.add("send_draft " + draftId);
        maybeFail();
        return add(action("a-" + nextAction++, drafts.get(draftId), List.of()));
    }

    @Override
    public synchronized Confirmation confirm(String actionId) {
        calls.add("confirm " + actionId);
        maybeFail();
        PendingAction a = actions.get(actionId);
        if (a == null || !a.pending()) {
            throw new ServiceException(new ServiceError(409, "action_not_pending", "That send is no longer waiting",
                    null));
        }
        PendingAction confirmed = withStatus(a, "confirmed");
        actions.put(actionId, confirmed);
        return new Confirmation(confirmed, mailOf(a));
    }

    @Override
    public synchronized PendingAction cancel(String actionId) {
        calls.add("cancel " + actionId);
        maybeFail();
        PendingAction cancelled = withStatus(actions.get(actionId), "cancelled");
        actions.put(actionId, cancelled);
        return cancelled;
    }

    private static PendingAction withStatus(PendingAction a, String status) {
        return new PendingAction(a.id(), a.kind(), a.draftId(), a.to(), a.cc(), a.subject(), a.body(),
                a.newAddresses(), a.requiresClick(), status, a.chatId(), a.createdAt());
    }
}
