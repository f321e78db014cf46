package donna.app.sales;

import atlantafx.base.theme.Styles;
import donna.app.actions.ActionViews;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The selected lead's detail beside the table: the mail it came from, notes, the next follow-up day with Save, and
 * "Draft a follow-up" with the draft's card under it. All by keyboard: Tab leaves the notes (it types no tab).
 */
final class LeadDetailPane extends VBox {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM);

    LeadDetailPane(LeadDetailViewModel vm) {
        setId("lead-detail");
        setSpacing(6);
        setPrefWidth(460);
        setMinWidth(320);
        setPadding(new javafx.geometry.Insets(0, 0, 0, 8));

        Label threadsTitle = new Label("Mail it came from");
        threadsTitle.getStyleClass().add(Styles.TEXT_BOLD);
        ListView<LeadThread> threads = new ListView<>(vm.threads());
        threads.setId("lead-threads");
        threads.setPrefHeight(92);
        threads.setMinHeight(64); // a squeezed list showed only its scroll bar
        threads.setPlaceholder(new Label("No mail: this lead was typed or said."));
        threads.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(LeadThread t, boolean empty) {
                super.updateItem(t, empty);
                setText(empty || t == null ? null : line(t));
            }
        });
        threadsTitle.setLabelFor(threads);

        TextArea notes = new TextArea();
        notes.setId("lead-notes");
        notes.setPromptText("Notes");
        notes.setAccessibleText("Notes");
        notes.setWrapText(true);
        notes.setPrefRowCount(4);
        notes.textProperty().bindBidirectional(vm.notesProperty());
        DatePicker followUp = new DatePicker();
        followUp.setId("lead-follow-up");
        followUp.setAccessibleText("Next follow-up");
        followUp.setPromptText("Next follow-up");
        followUp.valueProperty().bindBidirectional(vm.followUpProperty());
        notes.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.TAB && !e.isControlDown()) {
                e.consume();
                (e.isShiftDown() ? threads : followUp).requestFocus();
            }
        });
        Button save = new Button("Save");
        save.setId("lead-save");
        save.setOnAction(e -> vm.save());
        save.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label dayLabel = label("Follow up on", followUp);
        dayLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox dayRow = new HBox(8, dayLabel, followUp, save);
        dayRow.setAlignment(Pos.CENTER_LEFT);

        Button draft = new Button("Draft a follow-up");
        draft.setId("lead-draft-follow-up");
        draft.disableProperty().bind(vm.draftingProperty().or(vm.leadProperty().isNull()));
        draft.setOnAction(e -> vm.draftFollowUp());
        Label status = new Label();
        status.setId("lead-status");
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        Label error = new Label();
        error.setId("lead-error");
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        // The card takes at most 80% of the width it is given: give it this pane's whole width.
        javafx.beans.binding.DoubleBinding cardRoom = Bindings.createDoubleBinding(() -> getWidth() / 0.8,
                widthProperty());
        StackPane card = new StackPane();
        card.setId("lead-follow-up-card");
        card.setAlignment(Pos.TOP_LEFT);
        vm.cardProperty().addListener((o, was, now) -> card.getChildren().setAll(now == null ? java.util.List.of()
                : java.util.List.of(ActionViews.card(now, cardRoom))));

        for (var n : new javafx.scene.Node[] {threads, notes, followUp, save}) {
            n.disableProperty().bind(vm.leadProperty().isNull().or(
                    n == save ? vm.busyProperty() : Bindings.createBooleanBinding(() -> false)));
        }
        getChildren().addAll(threadsTitle, threads, label("Notes", notes), notes, dayRow, draft, status, error,
                card);
    }

    static String line(LeadThread t) {
        if (t.error() != null) {
            return "A thread that could not be read: " + t.error();
        }
        String day = t.date() == null ? "" : DAY.format(t.date().atZone(ZoneId.systemDefault())) + " \u00b7 ";
        return day + (t.subject() == null || t.subject().isBlank() ? "(no subject)" : t.subject())
                + (t.snippet() == null || t.snippet().isBlank() ? "" : " \u2014 " + t.snippet());
    }

    private static Label label(String text, javafx.scene.Node target) {
        Label l = new Label(text);
        l.setLabelFor(target);
        return l;
    }
}
