package donna.app.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import donna.core.api.MemoryEntry;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One thing DONNA remembers, as a row the person can edit: text stays text; a value stored as other JSON (a list,
 * a number) is shown as JSON and read back as JSON when it still parses, else kept as the text typed.
 */
public final class MemoryRow {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String key;
    private final ReadOnlyStringWrapper saved = new ReadOnlyStringWrapper();
    private final StringProperty value = new SimpleStringProperty();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final BooleanBinding changed;
    private boolean text;

    MemoryRow(MemoryEntry entry) {
        this.key = entry.key();
        show(entry.value());
        changed = Bindings.createBooleanBinding(() -> !value.get().equals(saved.get()), value, saved);
    }

    public String key() {
        return key;
    }

    /** What is in the field (edited or not). */
    public StringProperty valueProperty() {
        return value;
    }

    public ReadOnlyStringProperty savedProperty() {
        return saved.getReadOnlyProperty();
    }

    /** The field differs from what the service has: Save means something. */
    public BooleanBinding changedProperty() {
        return changed;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    void busy(boolean working) {
        busy.set(working);
    }

    /** The field's text as the JSON to store. */
    JsonNode edited() {
        String typed = value.get();
        if (text) {
            return TextNode.valueOf(typed);
        }
        try {
            return JSON.readTree(typed);
        } catch (Exception e) {
            return TextNode.valueOf(typed);
        }
    }

    void saved(JsonNode stored) {
        show(stored);
    }

    private void show(JsonNode v) {
        text = v == null || v.isTextual() || v.isMissingNode() || v.isNull();
        String shown = v == null || v.isMissingNode() || v.isNull() ? "" : v.isTextual() ? v.asText() : v.toString();
        saved.set(shown);
        value.set(shown);
    }

    @Override
    public String toString() {
        return key + " = " + value.get();
    }
}
