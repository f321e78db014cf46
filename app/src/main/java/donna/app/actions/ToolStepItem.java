package donna.app.actions;

import donna.core.tools.ToolStep;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One tool DONNA runs in a turn, as a compact row that changes as the step goes from running to done or failed. */
public final class ToolStepItem {
    private final String callId;
    private final String name;
    private final ReadOnlyObjectWrapper<ToolStep.Status> status;
    private final ReadOnlyStringWrapper summary;
    private final StringBinding text;

    public ToolStepItem(ToolStep step) {
        this.callId = step.callId();
        this.name = step.name();
        this.status = new ReadOnlyObjectWrapper<>(step.status());
        this.summary = new ReadOnlyStringWrapper(step.summary());
        this.text = Bindings.createStringBinding(() -> ToolStepText.of(name, status.get(), summary.get()), status,
                summary);
    }

    public String callId() {
        return callId;
    }

    public String name() {
        return name;
    }

    public ReadOnlyObjectProperty<ToolStep.Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public StringBinding textProperty() {
        return text;
    }

    public String text() {
        return text.get();
    }

    /** A later event or the reply's record of the same call; a finished step never goes back to running. */
    public void update(ToolStep step) {
        if (step.status() == ToolStep.Status.RUNNING && status.get() != ToolStep.Status.RUNNING) {
            return;
        }
        status.set(step.status());
        if (!step.summary().isBlank() || step.status() != ToolStep.Status.RUNNING) {
            summary.set(step.summary());
        }
    }

    @Override
    public String toString() {
        return text();
    }
}
