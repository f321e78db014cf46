package donna.app.mail;

import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import donna.core.mail.GmailStatus;
import donna.core.oauth.LoopbackReceiver;
import donna.core.oauth.OAuthFlowException;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The Mail pane's link to Gmail: connected, not connected, or asking to be connected again, and the connect flow
 * (browser consent, back to a loopback redirect) with Cancel. The inbox, reader, composer, outbox and autopilot each
 * have their own view model; this one tells them when the link comes up.
 */
public final class MailViewModel {

    /** What the link is like, as far as the app knows. */
    public enum Link { UNKNOWN, CONNECTED, NOT_CONNECTED, NEEDS_RECONNECT }

    private final MailService service;
    private final TaskExecutor tasks;
    private final Runnable onConnected;
    private final Runnable onUnreachable;
    private final ReadOnlyObjectWrapper<Link> link = new ReadOnlyObjectWrapper<>(Link.UNKNOWN);
    private final ReadOnlyStringWrapper email = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("Checking Gmail...");
    private final ReadOnlyBooleanWrapper connecting = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private volatile LoopbackReceiver waiting;

    /**
     * @param onConnected   run (on the UI thread) whenever the link is found or made connected
     * @param onUnreachable run when the service cannot even say how the link is (what is saved must do)
     */
    public MailViewModel(MailService service, TaskExecutor tasks, Runnable onConnected, Runnable onUnreachable) {
        this.service = service;
        this.tasks = tasks;
        this.onConnected = onConnected;
        this.onUnreachable = onUnreachable;
    }

    public ReadOnlyObjectProperty<Link> linkProperty() {
        return link.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty emailProperty() {
        return email.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty connectingProperty() {
        return connecting.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    // ---- Commands

    /** Asks the service how the link is. */
    public void refreshStatus() {
        tasks.submit(service::status, this::show, failure -> {
            error.set("Could not check Gmail. " + ErrorText.of(failure));
            if (link.get() == Link.UNKNOWN) {
                statusText.set("Gmail status unknown");
            }
            onUnreachable.run();
        });
    }

    /** Connect (or reconnect): opens the browser at Google's consent page and waits for it to come back. */
    public void connect() {
        if (connecting.get()) {
            return;
        }
        connecting.set(true);
        error.set(null);
        statusText.set("Finish in your browser: allow DONNA to use Gmail...");
        tasks.submit(() -> service.connect(receiver -> waiting = receiver), status -> {
            waiting = null;
            connecting.set(false);
            show(status);
        }, failure -> {
            waiting = null;
            connecting.set(false);
            show(new GmailStatus(link.get() == Link.NEEDS_RECONNECT ? GmailStatus.State.NEEDS_RECONNECT
                    : GmailStatus.State.NOT_CONNECTED, email.get()));
            boolean cancelled = failure instanceof OAuthFlowException f
                    && f.reason() == OAuthFlowException.Reason.CANCELLED;
            error.set(cancelled ? null : "Gmail was not connected. " + reason(failure));
        });
    }

    /** Ends a connect that waits for the browser. */
    public void cancelConnect() {
        LoopbackReceiver r = waiting;
        if (r != null) {
            r.cancel();
        }
    }

    /** Forgets the Gmail link at the service. */
    public void disconnect() {
        tasks.submit(() -> {
            service.disconnect();
            return new GmailStatus(GmailStatus.State.NOT_CONNECTED, null);
        }, this::show, failure -> error.set("Could not disconnect. " + ErrorText.of(failure)));
    }

    public void dismissError() {
        error.set(null);
    }

    // ---- Internals

    private void show(GmailStatus status) {
        Link before = link.get();
        email.set(status.email());
        switch (status.state()) {
            case CONNECTED -> {
                link.set(Link.CONNECTED);
                statusText.set(status.email() == null ? "Gmail connected" : "Connected as " + status.email());
                error.set(null);
            }
            case NEEDS_RECONNECT -> {
                link.set(Link.NEEDS_RECONNECT);
                statusText.set("Gmail asks to be connected again (access was revoked or has expired)");
            }
            case NOT_CONNECTED -> {
                link.set(Link.NOT_CONNECTED);
                statusText.set("Gmail is not connected");
            }
        }
        if (link.get() == Link.CONNECTED && before != Link.CONNECTED) {
            onConnected.run();
        }
    }

    private static String reason(Throwable failure) {
        return failure instanceof OAuthFlowException f ? f.getMessage() + "." : ErrorText.of(failure);
    }
}
