package donna.app.actions;

import donna.core.ServiceError;
import donna.core.api.ServiceException;
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

    /** A service that is not there (windows and tests without one): every call fails with "starting". */
    static ActionService detached() {
        return new ActionService() {
            private ServiceException unavailable() {
                return new ServiceException(new ServiceError(0, "starting", "DONNA's service is still starting",
                        null));
            }

            @Override
            public Draft editDraft(String draftId, DraftEdit edit) {
                throw unavailable();
            }

            @Override
            public void discardDraft(String draftId) {
                throw unavailable();
            }

            @Override
            public PendingAction sendDraft(String draftId) {
                throw unavailable();
            }

            @Override
            public Confirmation confirm(String actionId) {
                throw unavailable();
            }

            @Override
            public PendingAction cancel(String actionId) {
                throw unavailable();
            }
        };
    }
}
