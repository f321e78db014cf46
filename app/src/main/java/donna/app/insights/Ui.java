package donna.app.insights;

import atlantafx.base.theme.Styles;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** Small pieces the Insights views share: an error line with Retry, a muted note, a label for a field. */
final class Ui {
    private Ui() {}

    /** The error text and a Retry button, shown only while there is an error. */
    static HBox errorWithRetry(String id, ObservableStringValue error, Runnable retry) {
        Label text = new Label();
        text.setId(id);
        text.getStyleClass().add(Styles.DANGER);
        text.setWrapText(true);
        text.textProperty().bind(error);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button again = new Button("Retry");
        again.setId(id + "-retry");
        again.setOnAction(e -> retry.run());
        HBox box = new HBox(8, text, again);
        box.setAlignment(Pos.CENTER_LEFT);
        box.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(error));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /** A muted line shown only while {@code text} is not empty. */
    static Label note(String id, ObservableStringValue text) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        l.setWrapText(true);
        l.textProperty().bind(text);
        l.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(text));
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    static Label label(String text, Node target) {
        Label l = new Label(text);
        l.setLabelFor(target);
        return l;
    }
}
