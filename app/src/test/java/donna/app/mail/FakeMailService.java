package donna.app.mail;

import donna.core.ServiceError;
import donna.core.api.ServiceException;
import donna.core.mail.AutopilotDraft;
import donna.core.mail.AutopilotRun;
import donna.core.mail.AutopilotSettings;
import donna.core.mail.DraftReply;
import donna.core.mail.GmailStatus;
import donna.core.mail.MailMessage;
import donna.core.mail.MailPage;
import donna.core.mail.MailSummary;
import donna.core.oauth.LoopbackReceiver;
import donna.core.oauth.OAuthFlowException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A scripted mail service: an inbox of pages, messages by id, and a switch that makes every call unreachable. */
final class FakeMailService implements MailService {
    GmailStatus status = new GmailStatus(GmailStatus.State.NOT_CONNECTED, null);
    GmailStatus afterConnect = new GmailStatus(GmailStatus.State.CONNECTED, "me@example.com");
    RuntimeException connectFailure;
    boolean unreachable;
    /** Pages by "query|token". */
    final Map<String, MailPage> pages = new HashMap<>();
    final Map<String, MailMessage> messages = new HashMap<>();
    final List<String> pageCalls = new ArrayList<>();
    final List<String> draftCalls = new ArrayList<>();
    DraftReply draft;
    AutopilotSettings settings = new AutopilotSettings(false, false, 5, 20);
    final List<AutopilotDraft> drafts = new ArrayList<>();
    final List<String> sentDrafts = new ArrayList<>();
    int disconnects;

    static MailSummary summary(String id, String subject, boolean unread) {
        return new MailSummary(id, "t-" + id, "Ann Lee <ann@example.com>", "me@example.com", subject,
                Instant.parse("2026-11-22T08:00:00Z"), "snippet of " + subject, unread);
    }

    static MailMessage message(String id, String subject, String html) {
        return new MailMessage(id, "t-" + id, "Ann Lee <ann@example.com>", "me@example.com", null, subject,
                Instant.parse("2026-11-22T08:00:00Z"), "snippet", true, "Plain " + subject, html, "<" + id + "@x>",
                null);
    }

    private void check() {
        if (unreachable) {
            throw new ServiceException(new ServiceError(0, "unreachable", "The DONNA service could not be reached",
                    null));
        }
    }

    @Override
    public GmailStatus status() {
        check();
        return status;
    }

    @Override
    public GmailStatus connect(Consumer<LoopbackReceiver> onWaiting) {
        check();
        if (connectFailure != null) {
            throw connectFailure;
        }
        status = afterConnect;
        return status;
    }

    void failConnect(OAuthFlowException.Reason reason, String message) {
        connectFailure = new OAuthFlowException(reason, message, null);
    }

    @Override
    public void disconnect() {
        check();
        disconnects++;
        status = new GmailStatus(GmailStatus.State.NOT_CONNECTED, null);
    }

    @Override
    public MailPage page(String query, String pageToken, int limit) {
        check();
        String key = query + "|" + (pageToken == null ? "" : pageToken);
        pageCalls.add(key);
        return pages.getOrDefault(key, new MailPage(List.of(), null));
    }

    @Override
    public MailMessage message(String gmailId) {
        check();
        MailMessage m = messages.get(gmailId);
        if (m == null) {
            throw new ServiceException(new ServiceError(404, "not_found", "No such message", null));
        }
        return m;
    }

    @Override
    public DraftReply draftReply(String gmailId, String instructions) {
        check();
        draftCalls.add(gmailId + "|" + instructions);
        return draft;
    }

    @Override
    public AutopilotSettings autopilotSettings() {
        check();
        return settings;
    }

    @Override
    public AutopilotSettings saveAutopilotSettings(AutopilotSettings s) {
        check();
        settings = s;
        return s;
    }

    @Override
    public List<AutopilotDraft> autopilotDrafts() {
        check();
        return List.copyOf(drafts);
    }

    @Override
    public void sendAutopilotDraft(String draftId) {
        check();
        sentDrafts.add(draftId);
        drafts.removeIf(d -> d.id().equals(draftId));
    }

    @Override
    public void discardAutopilotDraft(String draftId) {
        check();
        drafts.removeIf(d -> d.id().equals(draftId));
    }

    @Override
    public AutopilotRun runAutopilot() {
        check();
        drafts.add(new AutopilotDraft("d-" + (drafts.size() + 1), "m1", List.of("ann@example.com"), "Re: Lunch",
                "Thursday works.", Instant.parse("2026-11-22T08:05:00Z")));
        return new AutopilotRun(1, 0, List.of(new AutopilotRun.Skipped("m2", "mailing_list")));
    }
}
