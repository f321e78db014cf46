package donna.app.actions;

import donna.app.connection.BackendConnection;
import donna.core.tools.Confirmation;
import donna.core.tools.Draft;
import donna.core.tools.DraftEdit;
import donna.core.tools.PendingAction;

/** {@link ActionService} over the companion service; fails with "starting" until the connection is up. */
public final class BackendActionService implements ActionService {
    private final BackendConnection connection;

    public BackendActionService(BackendConnection connection) {
        this.connection = connection;
    }

    @Override
    public Draft editDraft(String draftId, DraftEdit edit) {
        return connection.client().editDraft(draftId, edit);
    }

    @Override
    public void discardDraft(String draftId) {
        connection.client().discardDraft(draftId);
    }

    @Override
    public PendingAction sendDraft(String draftId) {
        return connection.client().sendDraft(draftId);
    }

    @Override
    public Confirmation confirm(String actionId) {
        return connection.client().confirmAction(actionId);
    }

    @Override
    public PendingAction cancel(String actionId) {
        return connection.client().cancelAction(actionId);
    }
}
