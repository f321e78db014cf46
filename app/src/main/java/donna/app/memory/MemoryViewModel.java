package donna.app.memory;

import com.fasterxml.jackson.databind.JsonNode;
import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import donna.core.api.MemoryEntry;
import java.util.Comparator;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Settings > Memory: what DONNA remembers about the person (what she is told in every chat and voice turn), each
 * entry editable and deletable. Read again each time it is shown, since chat and voice change it; errors inline.
 */
public final class MemoryViewModel {
    private final MemoryService service;
    private final TaskExecutor tasks;
    private final ObservableList<MemoryRow> rows = FXCollections.observableArrayList();
    private final ObservableList<MemoryRow> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper empty = new ReadOnlyStringWrapper("");
    private long generation;

    public MemoryViewModel(MemoryService service, TaskExecutor tasks) {
        this.service = service;
        this.tasks = tasks;
    }

    public ObservableList<MemoryRow> rows() {
        return readOnlyRows;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** What the list says when it has no rows ("DONNA remembers nothing yet..."), empty while loading or failed. */
    public ReadOnlyStringProperty emptyTextProperty() {
        return empty.getReadOnlyProperty();
    }

    public void refresh() {
        long gen = ++generation;
        loading.set(true);
        tasks.submit(service::list, (List<MemoryEntry> entries) -> {
            if (gen != generation) {
                return; // a newer refresh is on its way
            }
            loading.set(false);
            error.set(null);
            rows.setAll(entries.stream().sorted(Comparator.comparing(MemoryEntry::key)).map(MemoryRow::new).toList());
            empty.set("DONNA remembers nothing yet. Tell her in chat, e.g. \u201cremember that I sign off with "
                    + "Best, Sam\u201d.");
        }, failure -> {
            if (gen == generation) {
                loading.set(false);
                empty.set("");
                error.set("Could not load what DONNA remembers. " + ErrorText.of(failure));
            }
        });
    }

    public void save(MemoryRow row) {
        if (row.busyProperty().get() || !row.changedProperty().get()) {
            return;
        }
        JsonNode value = row.edited();
        row.busy(true);
        error.set(null);
        tasks.submit(() -> {
            service.put(row.key(), value);
            return value;
        }, stored -> {
            row.busy(false);
            row.saved(stored);
        }, failure -> {
            row.busy(false);
            error.set("Could not save \u201c" + row.key() + "\u201d. " + ErrorText.of(failure));
        });
    }

    /** Puts the field back to what the service has. */
    public void revert(MemoryRow row) {
        row.valueProperty().set(row.savedProperty().get());
    }

    public void delete(MemoryRow row) {
        if (row.busyProperty().get()) {
            return;
        }
        row.busy(true);
        error.set(null);
        tasks.submit(() -> {
            service.delete(row.key());
            return row;
        }, deleted -> rows.remove(deleted), failure -> {
            row.busy(false);
            error.set("Could not delete \u201c" + row.key() + "\u201d. " + ErrorText.of(failure));
        });
    }
}
