package donna.app.actions;

import donna.app.common.TaskExecutor;
import donna.core.tools.ConfirmedMail;
import donna.core.tools.PendingAction;
import java.util.List;

/**
 * A send that waits for the person's yes: the recipients (a first-time one marked "new address"), the subject and
 * the text, with Send / Cancel. Send confirms it at the service and puts the mail in the outbox under the draft's id;
 * then the card follows the mail.
 */
public final class ConfirmationCardViewModel extends SendCard implements CardItem {

    /** One recipient; {@code isNew}: the person has never written to it, nor typed it in this chat. */
    public record Recipient(String address, boolean isNew) {}

    private final PendingAction action;

    ConfirmationCardViewModel(PendingAction action, ActionService service, CardOutbox outbox, TaskExecutor tasks) {
        super(service, outbox, tasks);
        this.action = action;
    }

    public String actionId() {
        return action.id();
    }

    public String draftId() {
        return action.draftId();
    }

    public List<Recipient> to() {
        return action.to().stream().map(a -> new Recipient(a, action.isNew(a))).toList();
    }

    public List<Recipient> cc() {
        return action.cc().stream().map(a -> new Recipient(a, action.isNew(a))).toList();
    }

    public boolean hasNewAddress() {
        return !action.newAddresses().isEmpty();
    }

    public String subject() {
        return action.subject();
    }

    public String body() {
        return action.body();
    }

    public void cancel() {
        if (state.get() != CardState.OPEN) {
            return;
        }
        state.set(CardState.WORKING);
        error.set(null);
        tasks.submit(() -> service.cancel(action.id()), ignored -> state.set(CardState.CANCELLED),
                failure -> failed("Could not cancel.", failure));
    }

    @Override
    void confirm() {
        state.set(CardState.WORKING);
        tasks.submit(() -> service.confirm(action.id()), confirmation -> queue(confirmation.mail()),
                failure -> failed("Not sent.", failure));
    }

    /** The person's yes reached the service another way (typed in chat): the mail goes into the outbox, once. */
    void confirmedElsewhere(ConfirmedMail mail) {
        if (state.get().confirmed() || state.get() == CardState.WORKING) {
            adoptKey(mail.idempotencyKey());
            return; // already on its way: the outbox has it under the same key
        }
        queue(mail);
    }

    @Override
    public String toString() {
        return "action " + action.id() + " to " + action.to() + ": " + state.get();
    }
}
