package donna.app.actions;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** What both cards are made of: the frame, the heading, the buttons, the outbox status and the error line. */
final class CardParts {
    private CardParts() {}

    static void frame(VBox card, String styleClass, SendCard vm) {
        card.getStyleClass().addAll("action-card", styleClass);
        card.setSpacing(8);
        card.setFocusTraversable(false);
        // Ctrl+Enter sends the card that has the focus (in one of its fields or on one of its buttons).
        card.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && (e.isControlDown() || e.isShortcutDown())) {
                e.consume();
                vm.send();
            }
        });
    }

    static HBox heading(Feather icon, String text) {
        Label title = new Label(text, new FontIcon(icon));
        title.getStyleClass().addAll(Styles.TEXT_BOLD, "card-title");
        HBox row = new HBox(8, title);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    static Button button(String text, Feather icon, String styleClass, String... styles) {
        Button b = new Button(text, new FontIcon(icon));
        b.getStyleClass().add(styleClass);
        b.getStyleClass().addAll(styles);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.managedProperty().bind(b.visibleProperty());
        return b;
    }

    /** The outbox's word on the mail (queued, sending, sent, failed and why), shown once the person said yes. */
    static Label status(SendCard vm) {
        Label status = new Label();
        status.getStyleClass().addAll("card-status", Styles.TEXT_SMALL);
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        status.graphicProperty().bind(Bindings.createObjectBinding(() -> switch (vm.stateProperty().get()) {
            case WORKING, QUEUED, SENDING -> new FontIcon(Feather.CLOCK);
            case SENT -> new FontIcon(Feather.CHECK_CIRCLE);
            case FAILED -> new FontIcon(Feather.ALERT_TRIANGLE);
            case DISCARDED, CANCELLED -> new FontIcon(Feather.X_CIRCLE);
            case OPEN -> null;
        }, vm.stateProperty()));
        status.visibleProperty().bind(vm.statusProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());
        vm.stateProperty().addListener((o, was, now) -> state(status, now));
        state(status, vm.stateProperty().get());
        return status;
    }

    static Label error(SendCard vm) {
        Label error = new Label();
        error.getStyleClass().addAll("card-error", Styles.DANGER, Styles.TEXT_SMALL);
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        return error;
    }

    private static void state(Label status, CardState state) {
        status.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER, Styles.TEXT_MUTED);
        status.getStyleClass().add(switch (state) {
            case SENT -> Styles.SUCCESS;
            case FAILED -> Styles.DANGER;
            default -> Styles.TEXT_MUTED;
        });
    }
}
