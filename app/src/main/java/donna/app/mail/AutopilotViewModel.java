package donna.app.mail;

import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import donna.core.mail.AutopilotDraft;
import donna.core.mail.AutopilotRun;
import donna.core.mail.AutopilotSettings;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Autopilot: its settings (on, send without review, caps per run and per day) and its review queue, the replies it
 * drafted that wait for the person to send or discard.
 */
public final class AutopilotViewModel {
    private final MailService service;
    private final TaskExecutor tasks;
    private final BooleanProperty enabled = new SimpleBooleanProperty();
    private final BooleanProperty sendWithoutReview = new SimpleBooleanProperty();
    private final IntegerProperty perRunCap = new SimpleIntegerProperty(5);
    private final IntegerProperty perDayCap = new SimpleIntegerProperty(20);
    private final ObservableList<AutopilotDraft> drafts = FXCollections.observableArrayList();
    private final ObservableList<AutopilotDraft> readOnlyDrafts = FXCollections.unmodifiableObservableList(drafts);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper lastRun = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();

    public AutopilotViewModel(MailService service, TaskExecutor tasks) {
        this.service = service;
        this.tasks = tasks;
    }

    public BooleanProperty enabledProperty() {
        return enabled;
    }

    public BooleanProperty sendWithoutReviewProperty() {
        return sendWithoutReview;
    }

    public IntegerProperty perRunCapProperty() {
        return perRunCap;
    }

    public IntegerProperty perDayCapProperty() {
        return perDayCap;
    }

    /** The review queue. */
    public ObservableList<AutopilotDraft> drafts() {
        return readOnlyDrafts;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** What the last "Run now" did. */
    public ReadOnlyStringProperty lastRunProperty() {
        return lastRun.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    // ---- Commands

    public void load() {
        work(() -> new Loaded(service.autopilotSettings(), service.autopilotDrafts()), loaded -> {
            show(loaded.settings());
            drafts.setAll(loaded.drafts());
        }, "Could not load autopilot");
    }

    public void save() {
        AutopilotSettings wanted = new AutopilotSettings(enabled.get(), sendWithoutReview.get(),
                Math.max(0, perRunCap.get()), Math.max(0, perDayCap.get()));
        work(() -> service.saveAutopilotSettings(wanted), this::show, "Could not save the autopilot settings");
    }

    /** One autopilot pass now; its new drafts join the review queue. */
    public void runNow() {
        work(() -> new Ran(service.runAutopilot(), service.autopilotDrafts()), ran -> {
            AutopilotRun r = ran.run();
            lastRun.set("Drafted " + r.drafted() + ", sent " + r.sent() + ", skipped " + r.skipped().size());
            drafts.setAll(ran.drafts());
        }, "Autopilot could not run");
    }

    public void send(AutopilotDraft draft) {
        work(() -> {
            service.sendAutopilotDraft(draft.id());
            return draft;
        }, drafts::remove, "Could not send the draft");
    }

    public void discard(AutopilotDraft draft) {
        work(() -> {
            service.discardAutopilotDraft(draft.id());
            return draft;
        }, drafts::remove, "Could not discard the draft");
    }

    // ---- Internals

    private record Loaded(AutopilotSettings settings, List<AutopilotDraft> drafts) {}

    private record Ran(AutopilotRun run, List<AutopilotDraft> drafts) {}

    private void show(AutopilotSettings s) {
        enabled.set(s.enabled());
        sendWithoutReview.set(s.sendWithoutReview());
        perRunCap.set(s.perRunCap());
        perDayCap.set(s.perDayCap());
    }

    private <T> void work(Callable<T> call, Consumer<T> then, String what) {
        busy.set(true);
        error.set(null);
        tasks.submit(call, result -> {
            busy.set(false);
            then.accept(result);
        }, failure -> {
            busy.set(false);
            error.set(what + ". " + ErrorText.of(failure));
        });
    }
}
