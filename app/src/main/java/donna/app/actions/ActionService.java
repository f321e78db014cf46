package donna.app.actions;

import donna.core.tools.Confirmation;
import donna.core.tools.Draft;
import donna.core.tools.DraftEdit;
import donna.core.tools.PendingAction;

/**
 * What the cards need from the companion service: the drafts DONNA wrote and the actions that wait for the person's
 * yes. Blocking calls; they throw ServiceException on failure.
 */
public interface ActionService {

    Draft editDraft(String draftId, DraftEdit edit);

    void discardDraft(String draftId);

    /** Asks to send a draft: a pending action comes back, nothing is sent. */
    PendingAction sendDraft(String draftId);

    /** The person's click on Send: the mail to put in the outbox comes back. */
    Confirmation confirm(String actionId);

    PendingAction cancel(String actionId);
}
