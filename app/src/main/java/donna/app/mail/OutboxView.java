package donna.app.mail;

import atlantafx.base.theme.Styles;
import donna.core.mail.outbox.OutboxEntry;
import donna.core.mail.outbox.OutboxState;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The outbox tab: each mail with its state and reason, retry / cancel / edit, and the flush's progress. */
final class OutboxView extends VBox {

    OutboxView(OutboxViewModel vm) {
        getStyleClass().add("mail-outbox");
        setSpacing(8);
        setPadding(new Insets(12, 16, 12, 16));

        Label progress = new Label();
        progress.setId("outbox-progress");
        progress.setWrapText(true);
        progress.textProperty().bind(vm.progressProperty());
        HBox.setHgrow(progress, Priority.ALWAYS);
        progress.setMaxWidth(Double.MAX_VALUE);
        Button flush = new Button("Send now", new FontIcon(Feather.SEND));
        flush.setId("outbox-flush");
        flush.disableProperty().bind(vm.flushingProperty().or(vm.waitingProperty().isEqualTo(0)));
        flush.setOnAction(e -> vm.flushNow());
        HBox top = new HBox(8, progress, flush);
        top.setAlignment(Pos.CENTER_LEFT);

        ListView<OutboxEntry> list = new ListView<>(vm.entries());
        list.setId("outbox-list");
        list.setCellFactory(v -> new EntryCell(vm));
        Label empty = new Label("Nothing in the outbox. Mail you send waits here until Gmail has it.");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        list.setPlaceholder(empty);
        VBox.setVgrow(list, Priority.ALWAYS);

        Label error = ViewParts.error(vm.errorProperty());

        getChildren().addAll(top, list, error);
    }

    private static final class EntryCell extends ListCell<OutboxEntry> {
        private final Label subject = new Label();
        private final Label to = new Label();
        private final Label state = new Label();
        private final Button retry = new Button("Retry");
        private final Button cancel = new Button("Cancel");
        private final Button edit = new Button("Edit");
        private final HBox row;

        EntryCell(OutboxViewModel vm) {
            setPrefWidth(0);
            subject.getStyleClass().add(Styles.TEXT_BOLD);
            to.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            state.getStyleClass().addAll("outbox-state", Styles.TEXT_SMALL);
            state.setWrapText(true);
            for (Button b : new Button[] {retry, cancel, edit}) {
                b.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
                b.managedProperty().bind(b.visibleProperty());
                b.setMinWidth(Region.USE_PREF_SIZE); // a long reason wraps; the buttons keep their labels
            }
            retry.getStyleClass().add("outbox-retry");
            cancel.getStyleClass().add("outbox-cancel");
            edit.getStyleClass().add("outbox-edit");
            retry.setOnAction(e -> vm.retry(getItem()));
            cancel.setOnAction(e -> vm.cancel(getItem()));
            edit.setOnAction(e -> vm.edit(getItem()));
            VBox text = new VBox(2, subject, to, state);
            HBox.setHgrow(text, Priority.ALWAYS);
            Region spacer = new Region();
            row = new HBox(6, text, spacer, edit, retry, cancel);
            row.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(OutboxEntry item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            subject.setText(item.mail().subject().isBlank() ? "(no subject)" : item.mail().subject());
            to.setText("To " + Addresses.join(item.mail().to()) + "  \u00b7  mail " + item.id());
            state.setText(OutboxViewModel.describe(item));
            state.getStyleClass().removeIf(c -> c.startsWith("outbox-state-"));
            state.getStyleClass().add("outbox-state-" + item.state().name().toLowerCase(Locale.ROOT));
            retry.setVisible(item.state() == OutboxState.FAILED);
            edit.setVisible(item.state().editable());
            cancel.setVisible(item.state().editable());
            setGraphic(row);
        }
    }
}
