package donna.app.mail;

import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import donna.core.mail.outbox.FlushListener;
import donna.core.mail.outbox.FlushReport;
import donna.core.mail.outbox.Outbox;
import donna.core.mail.outbox.OutboxEntry;
import donna.core.mail.outbox.OutboxFlusher;
import donna.core.mail.outbox.OutboxState;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The outbox as the person sees it: every mail with its state and, when it failed or waits, why; retry, cancel and
 * edit; and the flush in progress ("sending 2 of 5", or when it will try again).
 */
public final class OutboxViewModel {
    /** Most mails listed; sent ones accumulate, the newest matter. */
    static final int SHOWN = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Outbox outbox;
    private final Runnable flushNow;
    private final TaskExecutor tasks;
    private final ZoneId zone;
    private final ObservableList<OutboxEntry> entries = FXCollections.observableArrayList();
    private final ObservableList<OutboxEntry> readOnlyEntries = FXCollections.unmodifiableObservableList(entries);
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper flushing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper waiting = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private Consumer<OutboxEntry> onEdit = e -> { };

    /**
     * @param flushNow sends what waits now (blocking; run through the executor)
     * @param ui       the UI thread: the outbox and the flusher report from theirs
     */
    public OutboxViewModel(Outbox outbox, OutboxFlusher flusher, Runnable flushNow, TaskExecutor tasks, Executor ui,
                           ZoneId zone) {
        this.outbox = outbox;
        this.flushNow = flushNow;
        this.tasks = tasks;
        this.zone = zone;
        outbox.addListener(() -> ui.execute(this::reload));
        flusher.addListener(new FlushListener() {
            @Override
            public void started(int total) {
                ui.execute(() -> {
                    flushing.set(true);
                    progress.set("Sending 1 of " + total + "...");
                });
            }

            @Override
            public void progressed(int done, int total, OutboxEntry entry) {
                ui.execute(() -> progress.set(done < total ? "Sending " + (done + 1) + " of " + total + "..."
                        : "Sent " + done + " of " + total));
            }

            @Override
            public void finished(FlushReport report) {
                ui.execute(() -> {
                    flushing.set(false);
                    progress.set(summary(report));
                });
            }
        });
    }

    public ObservableList<OutboxEntry> entries() {
        return readOnlyEntries;
    }

    /** "Sending 2 of 5...", "Sent 5 of 5", "3 waiting: Gmail is not connected. Next try at 12:03:10". */
    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty flushingProperty() {
        return flushing.getReadOnlyProperty();
    }

    /** Mails not sent yet (queued, sending or failed): the tab's badge. */
    public ReadOnlyIntegerProperty waitingProperty() {
        return waiting.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    void setOnEdit(Consumer<OutboxEntry> listener) {
        this.onEdit = Objects.requireNonNull(listener);
    }

    // ---- Commands

    public void reload() {
        tasks.submit(outbox::list, (List<OutboxEntry> all) -> {
            entries.setAll(all.stream().sorted(Comparator.comparingLong(OutboxEntry::id).reversed()).limit(SHOWN)
                    .toList());
            waiting.set((int) all.stream().filter(e -> e.state() == OutboxState.QUEUED
                    || e.state() == OutboxState.SENDING || e.state() == OutboxState.FAILED).count());
        }, failure -> error.set("Could not read the outbox. " + ErrorText.of(failure)));
    }

    public void flushNow() {
        tasks.run(flushNow);
    }

    public void retry(OutboxEntry entry) {
        change(() -> outbox.retry(entry.id()), true);
    }

    public void cancel(OutboxEntry entry) {
        change(() -> outbox.cancel(entry.id()), false);
    }

    public void edit(OutboxEntry entry) {
        if (entry.state().editable()) {
            onEdit.accept(entry);
        }
    }

    /** What a row says about its mail: the state, and why when there is a reason. */
    public static String describe(OutboxEntry e) {
        String state = switch (e.state()) {
            case QUEUED -> e.reason() == null ? "Queued" : "Waiting: " + e.reason();
            case SENDING -> "Sending...";
            case SENT -> "Sent";
            case FAILED -> "Failed: " + e.reason();
            case CANCELLED -> "Cancelled";
        };
        return state;
    }

    // ---- Internals

    private void change(Runnable change, boolean thenFlush) {
        error.set(null);
        tasks.submit(() -> {
            change.run();
            return null;
        }, done -> {
            if (thenFlush) {
                flushNow();
            }
        }, failure -> error.set(failure.getMessage()));
    }

    private String summary(FlushReport r) {
        if (r.retryAt().isEmpty()) {
            return r.sent() + r.failed() == 0 ? "" : "Sent " + r.sent() + (r.failed() > 0 ? ", failed " + r.failed()
                    : "");
        }
        return r.remaining() + " waiting: " + r.problem().orElse("the service is busy") + ". Next try at "
                + TIME.format(r.retryAt().get().atZone(zone));
    }
}
