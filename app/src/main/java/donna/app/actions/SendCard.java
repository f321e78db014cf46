package donna.app.actions;

import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import donna.core.mail.outbox.OutboxEntry;
import donna.core.tools.ConfirmedMail;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What a draft card and a confirmation card share: the person's Send, the mail it yields going into the outbox under
 * the draft's id, and the card following that mail (queued, sending, sent, failed with the reason).
 */
public abstract sealed class SendCard permits DraftCardViewModel, ConfirmationCardViewModel {
    final ActionService service;
    final CardOutbox outbox;
    final TaskExecutor tasks;
    final ReadOnlyObjectWrapper<CardState> state = new ReadOnlyObjectWrapper<>(CardState.OPEN);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    /** The confirmed mail, kept until the outbox has it: a failed write is retried without asking the service again. */
    private ConfirmedMail confirmed;
    private String key;
    private java.time.Instant seen;

    SendCard(ActionService service, CardOutbox outbox, TaskExecutor tasks) {
        this.service = service;
        this.outbox = outbox;
        this.tasks = tasks;
        state.addListener((o, was, now) -> {
            if (now != CardState.QUEUED && now != CardState.FAILED) {
                status.set(describe(now, null));
            }
        });
    }

    public ReadOnlyObjectProperty<CardState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** "Queued in the outbox", "Sending...", "Sent", "Failed: <reason>"; empty while the card waits for the person. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Why the last step failed (the service, the outbox), or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The idempotency key of its mail (the draft id), once confirmed; null before. */
    public String key() {
        return key;
    }

    /** The person's Send (button or Ctrl+Enter). Ignored unless the card waits for it. */
    public final void send() {
        if (state.get() != CardState.OPEN) {
            return;
        }
        error.set(null);
        if (confirmed != null) {
            queue(confirmed); // confirmed already; only the outbox write failed
        } else {
            confirm();
        }
    }

    /** Asks the service for the person's yes, then calls {@link #queue} with the mail. */
    abstract void confirm();

    /** Into the outbox under its key (once: the outbox dedupes), then a flush; the card follows the mail from here. */
    final void queue(ConfirmedMail mail) {
        confirmed = mail;
        key = mail.idempotencyKey();
        state.set(CardState.WORKING);
        tasks.submit(() -> outbox.queue(mail), entry -> {
            confirmed = null;
            follow(entry);
            tasks.run(outbox.flushNow());
        }, failure -> {
            state.set(CardState.OPEN);
            error.set(failure instanceof IllegalArgumentException ? "Not queued: " + failure.getMessage()
                    : "Confirmed, but not queued yet. " + ErrorText.of(failure) + " Send again to queue it.");
        });
    }

    /** The outbox's word on this card's mail. */
    final void follow(OutboxEntry entry) {
        if (key == null || !key.equals(entry.idempotencyKey()) || state.get() == CardState.SENT
                || (seen != null && entry.updatedAt().isBefore(seen))) {
            return; // not this card's mail, or an older look at it (lookups may finish out of order)
        }
        seen = entry.updatedAt();
        CardState next = switch (entry.state()) {
            case QUEUED -> CardState.QUEUED;
            case SENDING -> CardState.SENDING;
            case SENT -> CardState.SENT;
            case FAILED -> CardState.FAILED;
            case CANCELLED -> CardState.CANCELLED;
        };
        state.set(next);
        status.set(describe(next, entry.reason()));
    }

    /** Takes a key the card learned elsewhere (a confirmation relayed in chat), so it can follow that mail. */
    final void adoptKey(String idempotencyKey) {
        this.key = idempotencyKey;
    }

    final void failed(String what, Throwable failure) {
        state.set(CardState.OPEN);
        error.set(what + " " + ErrorText.of(failure));
    }

    static String describe(CardState s, String reason) {
        boolean why = reason != null && !reason.isBlank();
        return switch (s) {
            case OPEN -> "";
            case WORKING -> "Working\u2026";
            case QUEUED -> why ? "Queued in the outbox: " + reason : "Queued in the outbox";
            case SENDING -> "Sending\u2026";
            case SENT -> "Sent";
            case FAILED -> why ? "Failed: " + reason : "Failed";
            case DISCARDED -> "Discarded";
            case CANCELLED -> "Cancelled";
        };
    }
}
