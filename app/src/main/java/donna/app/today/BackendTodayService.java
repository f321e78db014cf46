package donna.app.today;

import donna.app.connection.BackendConnection;
import donna.core.mail.DraftReply;
import donna.core.today.TakenMessage;
import donna.core.today.Today;

/**
 * {@link TodayService} over the companion service; fails with "starting" until the connection is up. The review
 * queue's approve and discard go through autopilot's own routes, as the Mail pane's do.
 */
public final class BackendTodayService implements TodayService {
    private final BackendConnection connection;

    public BackendTodayService(BackendConnection connection) {
        this.connection = connection;
    }

    @Override
    public Today load() {
        return connection.client().today().load();
    }

    @Override
    public TakenMessage markDone(String messageId, boolean done) {
        return connection.client().today().markDone(messageId, done);
    }

    @Override
    public void approveDraft(String draftId) {
        connection.client().sendAutopilotDraft(draftId);
    }

    @Override
    public void discardDraft(String draftId) {
        connection.client().deleteAutopilotDraft(draftId);
    }

    @Override
    public DraftReply draftFollowUp(String messageId) {
        return connection.client().today().draftFollowUp(messageId);
    }

    @Override
    public int setFollowUpDays(int days) {
        return connection.client().today().setFollowUpDays(days);
    }
}
