package donna.app.mail;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The composer, over the reader while open: To, Cc, Subject, "Draft with DONNA" for replies, the body, Send. */
final class ComposeView extends VBox {

    ComposeView(ComposeViewModel vm) {
        getStyleClass().add("mail-compose");
        setId("mail-compose");
        setSpacing(8);
        setPadding(new Insets(12, 16, 12, 16));

        Label title = new Label();
        title.getStyleClass().add(Styles.TITLE_4);
        title.textProperty().bind(vm.titleProperty());

        TextField to = field("compose-to", "ana@example.com, bo@example.com");
        to.textProperty().bindBidirectional(vm.toProperty());
        TextField cc = field("compose-cc", "");
        cc.textProperty().bindBidirectional(vm.ccProperty());
        TextField subject = field("compose-subject", "");
        subject.textProperty().bindBidirectional(vm.subjectProperty());
        GridPane heads = new GridPane(8, 6);
        heads.getColumnConstraints().addAll(new ColumnConstraints(), grow());
        heads.addRow(0, new Label("To"), to);
        heads.addRow(1, new Label("Cc"), cc);
        heads.addRow(2, new Label("Subject"), subject);

        TextField hints = field("compose-instructions", "What should the reply say? (optional: \"accept\", "
                + "\"propose Friday\")");
        hints.textProperty().bindBidirectional(vm.instructionsProperty());
        HBox.setHgrow(hints, Priority.ALWAYS);
        Button draft = new Button("Draft with DONNA", new FontIcon(Feather.ZAP));
        draft.setId("compose-draft");
        draft.getStyleClass().add(Styles.ACCENT);
        draft.disableProperty().bind(vm.canDraftProperty().not());
        draft.setOnAction(e -> vm.draftWithDonna());
        ProgressIndicator drafting = new ProgressIndicator();
        drafting.setPrefSize(18, 18);
        ViewParts.shownWhen(drafting, vm.draftingProperty());
        HBox drafter = new HBox(8, hints, draft, drafting);
        drafter.setAlignment(Pos.CENTER_LEFT);
        ViewParts.shownWhen(drafter, vm.replyToProperty().isNotNull());

        TextArea body = new TextArea();
        body.setId("compose-body");
        body.setWrapText(true);
        body.textProperty().bindBidirectional(vm.bodyProperty());
        VBox.setVgrow(body, Priority.ALWAYS);

        Label error = ViewParts.error(vm.errorProperty());
        error.setId("compose-error");

        Label note = new Label("Sent through the outbox: it goes out once, as soon as Gmail can be reached.");
        note.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        note.setWrapText(true);
        note.setMinWidth(0);
        HBox.setHgrow(note, Priority.ALWAYS);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button discard = new Button("Discard");
        discard.setId("compose-discard");
        discard.getStyleClass().add(Styles.FLAT);
        discard.setOnAction(e -> vm.discard());
        Button send = new Button("Send", new FontIcon(Feather.SEND));
        send.setId("compose-send");
        send.getStyleClass().add(Styles.ACCENT);
        send.disableProperty().bind(vm.canSendProperty().not());
        send.setOnAction(e -> vm.send());
        discard.setMinWidth(Region.USE_PREF_SIZE);
        send.setMinWidth(Region.USE_PREF_SIZE);
        HBox buttons = new HBox(8, note, spacer, discard, send);
        buttons.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(title, heads, drafter, body, error, buttons);
        visibleProperty().bind(vm.openProperty());
        managedProperty().bind(visibleProperty());
    }

    private static TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        return f;
    }

    private static ColumnConstraints grow() {
        ColumnConstraints c = new ColumnConstraints();
        c.setHgrow(Priority.ALWAYS);
        return c;
    }
}
