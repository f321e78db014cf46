package donna.app.actions;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** A draft as an editable card: To, Cc, Subject, Body; Send, Open in Mail, Discard; then the outbox's status. */
final class DraftCard extends VBox {

    DraftCard(DraftCardViewModel vm) {
        CardParts.frame(this, "draft-card", vm);
        HBox heading = CardParts.heading(Feather.EDIT_3, vm.isReply() ? "Draft reply" : "Draft");
        Label hint = new Label("Nothing is sent until you press Send");
        hint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        heading.getChildren().addAll(spacer, hint);
        hint.visibleProperty().bind(vm.editableProperty());

        TextField to = field(new TextField(), "draft-to", vm);
        to.textProperty().bindBidirectional(vm.toProperty());
        TextField cc = field(new TextField(), "draft-cc", vm);
        cc.textProperty().bindBidirectional(vm.ccProperty());
        cc.setPromptText("none");
        TextField subject = field(new TextField(), "draft-subject", vm);
        subject.textProperty().bindBidirectional(vm.subjectProperty());
        TextArea body = field(new TextArea(), "draft-body", vm);
        body.textProperty().bindBidirectional(vm.bodyProperty());
        body.setWrapText(true);
        body.setPrefRowCount(6);

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().addAll(labels, fields);
        form.addRow(0, label("To"), to);
        form.addRow(1, label("Cc"), cc);
        form.addRow(2, label("Subject"), subject);

        Button send = CardParts.button("Send", Feather.SEND, "card-send", Styles.ACCENT);
        send.disableProperty().bind(vm.canSendProperty().not());
        send.visibleProperty().bind(vm.editableProperty().or(vm.stateProperty().isEqualTo(CardState.WORKING)));
        send.setOnAction(e -> vm.send());
        Button open = CardParts.button("Open in Mail", Feather.MAIL, "card-open-in-mail", Styles.FLAT);
        open.visibleProperty().bind(vm.editableProperty());
        open.setOnAction(e -> vm.openInMail());
        Button discard = CardParts.button("Discard", Feather.TRASH_2, "card-discard", Styles.FLAT);
        discard.visibleProperty().bind(vm.editableProperty());
        discard.setOnAction(e -> vm.discard());
        Label keys = new Label("Ctrl+Enter sends");
        keys.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        keys.visibleProperty().bind(vm.editableProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, send, open, discard, gap, keys);
        buttons.setAlignment(Pos.CENTER_LEFT);
        // Once sent (or discarded, cancelled) the row of buttons goes; the status line takes its place.
        buttons.visibleProperty().bind(send.visibleProperty().or(keys.visibleProperty()));
        buttons.managedProperty().bind(buttons.visibleProperty());

        getChildren().addAll(heading, form, body, buttons, CardParts.status(vm), CardParts.error(vm));
    }

    private static <T extends TextInputControl> T field(T field, String styleClass, DraftCardViewModel vm) {
        field.getStyleClass().add(styleClass);
        field.editableProperty().bind(vm.editableProperty());
        return field;
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }
}
