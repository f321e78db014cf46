package donna.app.mail;

import atlantafx.base.theme.Styles;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Label;

/** Small pieces every Mail view uses the same way. */
final class ViewParts {
    private ViewParts() {}

    /** A red line with the view model's error; takes no room while there is none. */
    static Label error(ObservableStringValue text) {
        Label error = new Label();
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.textProperty().bind(text);
        shownWhen(error, error.textProperty().isNotEmpty());
        return error;
    }

    /** Visible, and laid out, only while {@code condition} holds. */
    static <N extends Node> N shownWhen(N node, ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(node.visibleProperty());
        return node;
    }
}
