package donna.app.mail;

import donna.app.connection.BackendConnection;
import donna.core.mail.AutopilotDraft;
import donna.core.mail.AutopilotRun;
import donna.core.mail.AutopilotSettings;
import donna.core.mail.DraftReply;
import donna.core.mail.GmailStatus;
import donna.core.mail.MailMessage;
import donna.core.mail.MailPage;
import donna.core.mail.connect.GmailConnectFlow;
import donna.core.oauth.Browser;
import donna.core.oauth.LoopbackReceiver;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link MailService} over the companion service; fails with "starting" until the connection is up. */
public final class BackendMailService implements MailService {
    private static final Logger log = LoggerFactory.getLogger(BackendMailService.class);
    private final BackendConnection connection;
    private final Browser browser;

    private final java.util.function.Supplier<URI> googleAuthUrl;

    public BackendMailService(BackendConnection connection, Browser browser) {
        this(connection, browser, () -> GmailConnectFlow.GOOGLE_AUTH_URL);
    }

    /** @param googleAuthUrl the Google consent page in use (GOOGLE_AUTH_URL, or demo mode's fake) */
    public BackendMailService(BackendConnection connection, Browser browser,
            java.util.function.Supplier<URI> googleAuthUrl) {
        this.connection = connection;
        this.browser = browser;
        this.googleAuthUrl = googleAuthUrl;
    }

    @Override
    public GmailStatus status() {
        return connection.client().gmailStatus();
    }

    @Override
    public GmailStatus connect(Consumer<URI> onConsent, Consumer<LoopbackReceiver> onWaiting) {
        return new GmailConnectFlow(connection.client(), googleAuthUrl.get()).connect(uri -> {
            onConsent.accept(uri);
            try {
                browser.open(uri);
            } catch (RuntimeException e) {
                // No browser here: the pane shows the address to open elsewhere, and the wait goes on.
                log.info("No browser opened for the Gmail consent page: {}", e.toString());
            }
        }, GmailConnectFlow.DEFAULT_TIMEOUT, onWaiting);
    }

    @Override
    public void disconnect() {
        connection.client().gmailDisconnect();
    }

    @Override
    public MailPage page(String query, String pageToken, int limit) {
        return connection.client().mailPage(limit, pageToken, query);
    }

    @Override
    public MailMessage message(String gmailId) {
        return connection.client().mail(gmailId);
    }

    @Override
    public DraftReply draftReply(String gmailId, String instructions) {
        return connection.client().draftReply(gmailId, instructions);
    }

    @Override
    public AutopilotSettings autopilotSettings() {
        return connection.client().autopilotSettings();
    }

    @Override
    public AutopilotSettings saveAutopilotSettings(AutopilotSettings settings) {
        return connection.client().putAutopilotSettings(settings);
    }

    @Override
    public List<AutopilotDraft> autopilotDrafts() {
        return connection.client().autopilotDrafts();
    }

    @Override
    public void sendAutopilotDraft(String draftId) {
        connection.client().sendAutopilotDraft(draftId);
    }

    @Override
    public void discardAutopilotDraft(String draftId) {
        connection.client().deleteAutopilotDraft(draftId);
    }

    @Override
    public AutopilotRun runAutopilot() {
        return connection.client().autopilotRun();
    }
}
