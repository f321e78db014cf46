package donna.app.mail;

import donna.core.mail.AutopilotDraft;
import donna.core.mail.AutopilotRun;
import donna.core.mail.AutopilotSettings;
import donna.core.mail.DraftReply;
import donna.core.mail.GmailStatus;
import donna.core.mail.MailMessage;
import donna.core.mail.MailPage;
import donna.core.oauth.LoopbackReceiver;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the Mail pane needs from the companion service. Blocking calls (run them through the TaskExecutor); they
 * throw {@link donna.core.api.ServiceException} on failure. Sending is not here: mail goes through the outbox.
 */
public interface MailService {

    GmailStatus status();

    /**
     * The browser round trip that links Gmail (see {@link donna.core.mail.connect.GmailConnectFlow}).
     *
     * @param onWaiting gets the loopback receiver while the browser is open, so Cancel can end the wait
     */
    GmailStatus connect(Consumer<LoopbackReceiver> onWaiting);

    void disconnect();

    /** The inbox, newest first; {@code query} (blank = all) searches as Gmail does; {@code pageToken} pages on. */
    MailPage page(String query, String pageToken, int limit);

    MailMessage message(String gmailId);

    /** DONNA's draft of a reply; never sent by itself. */
    DraftReply draftReply(String gmailId, String instructions);

    AutopilotSettings autopilotSettings();

    AutopilotSettings saveAutopilotSettings(AutopilotSettings settings);

    List<AutopilotDraft> autopilotDrafts();

    void sendAutopilotDraft(String draftId);

    void discardAutopilotDraft(String draftId);

    AutopilotRun runAutopilot();
}
