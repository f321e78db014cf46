package donna.app.today;

import donna.core.mail.DraftReply;
import donna.core.today.TakenMessage;
import donna.core.today.Today;

/** The front desk's day as the Today pane uses it; blocking, run through the app's executor. */
public interface TodayService {
    Today load();

    TakenMessage markDone(String messageId, boolean done);

    /** The person's yes to an autopilot draft: it is sent (autopilot's own route). */
    void approveDraft(String draftId);

    /** An autopilot draft thrown away (autopilot's own route). */
    void discardDraft(String draftId);

    /** DONNA's draft of a follow-up to a mail the person sent; not sent. */
    DraftReply draftFollowUp(String messageId);

    /** @return the setting as stored */
    int setFollowUpDays(int days);

    /** No service behind it (windows and tests without one): every call says so. */
    static TodayService detached() {
        return new TodayService() {
            @Override
            public Today load() {
                throw notRunning();
            }

            @Override
            public TakenMessage markDone(String messageId, boolean done) {
                throw notRunning();
            }

            @Override
            public void approveDraft(String draftId) {
                throw notRunning();
            }

            @Override
            public void discardDraft(String draftId) {
                throw notRunning();
            }

            @Override
            public DraftReply draftFollowUp(String messageId) {
                throw notRunning();
            }

            @Override
            public int setFollowUpDays(int days) {
                throw notRunning();
            }

            private IllegalStateException notRunning() {
                return new IllegalStateException("DONNA's service is not running");
            }
        };
    }
}
