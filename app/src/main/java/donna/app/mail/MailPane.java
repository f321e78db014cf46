package donna.app.mail;

import donna.app.common.TaskExecutor;
import java.time.ZoneId;
import java.util.concurrent.Executor;

/**
 * The Mail pane's view models, built and wired together: opening a row shows it in the reader; the reader's Reply
 * and "Draft with DONNA" open the composer; the outbox's Edit too; a mail written goes to the outbox and a flush is
 * asked for; the link coming up loads the inbox and the review queue and sends what waits.
 */
public final class MailPane {
    private final MailViewModel link;
    private final InboxViewModel inbox;
    private final ReaderViewModel reader;
    private final ComposeViewModel compose;
    private final OutboxViewModel outbox;
    private final AutopilotViewModel autopilot;

    public MailPane(MailParts parts, TaskExecutor tasks, Executor ui, ZoneId zone) {
        inbox = new InboxViewModel(parts.service(), parts.cache(), tasks, zone);
        reader = new ReaderViewModel(parts.service(), parts.cache(), tasks);
        compose = new ComposeViewModel(parts.service(), parts.outbox(), tasks, parts.watcher()::flushNow);
        outbox = new OutboxViewModel(parts.outbox(), parts.flusher(), parts.watcher()::flushNow, tasks, ui, zone);
        autopilot = new AutopilotViewModel(parts.service(), tasks);
        link = new MailViewModel(parts.service(), tasks, ui, () -> {
            inbox.refresh();
            autopilot.load();
            tasks.run(parts.watcher()::flushNow);
        }, inbox::refresh); // unreachable: the refresh fails, and the saved inbox shows, marked offline
        inbox.setOnOpen(m -> reader.open(m.id()));
        reader.setOnReply(compose::reply);
        reader.setOnDraft(compose::replyWithDraft);
        reader.setOnMailTo(compose::mailTo);
        outbox.setOnEdit(compose::edit);
        // The watcher saw the service or Gmail come or go: ask how the link is now.
        parts.watcher().addListener(c -> ui.execute(link::refreshStatus));
    }

    /** The window is up: paint the saved inbox and the outbox at once, before the service answers. */
    public void show() {
        inbox.showSaved();
        outbox.reload();
    }

    /** The service answered: how is Gmail? (Connected loads the inbox.) */
    public void connected() {
        link.refreshStatus();
    }

    public MailViewModel link() {
        return link;
    }

    public InboxViewModel inbox() {
        return inbox;
    }

    public ReaderViewModel reader() {
        return reader;
    }

    public ComposeViewModel compose() {
        return compose;
    }

    public OutboxViewModel outbox() {
        return outbox;
    }

    public AutopilotViewModel autopilot() {
        return autopilot;
    }
}
