package donna.app.mail;

import atlantafx.base.theme.Styles;
import donna.core.mail.AutopilotDraft;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The autopilot tab: its settings, "Run now", and the review queue of replies it drafted. */
final class AutopilotView extends VBox {

    AutopilotView(AutopilotViewModel vm) {
        getStyleClass().add("mail-autopilot");
        setSpacing(10);
        setPadding(new Insets(12, 16, 12, 16));

        Label intro = new Label("Autopilot drafts replies to routine unread mail, never to mailing lists, no-reply "
                + "addresses or yourself. Drafts wait here for you unless you let it send without review.");
        intro.setId("autopilot-intro");
        intro.setWrapText(true);
        // The review list below takes the height it can; without this the intro is squeezed to one cut line.
        intro.setMinHeight(Region.USE_PREF_SIZE);
        intro.getStyleClass().add(Styles.TEXT_MUTED);

        CheckBox enabled = new CheckBox("Autopilot on");
        enabled.setId("autopilot-enabled");
        enabled.selectedProperty().bindBidirectional(vm.enabledProperty());
        CheckBox unreviewed = new CheckBox("Send without review");
        unreviewed.setId("autopilot-send-without-review");
        unreviewed.selectedProperty().bindBidirectional(vm.sendWithoutReviewProperty());
        Spinner<Integer> perRun = cap("autopilot-per-run", vm.perRunCapProperty().get(), AutopilotViewModel.MAX_PER_RUN);
        perRun.valueProperty().addListener((o, a, v) -> vm.perRunCapProperty().set(v));
        vm.perRunCapProperty().addListener((o, a, v) -> perRun.getValueFactory().setValue(v.intValue()));
        Spinner<Integer> perDay = cap("autopilot-per-day", vm.perDayCapProperty().get(), AutopilotViewModel.MAX_PER_DAY);
        perDay.valueProperty().addListener((o, a, v) -> vm.perDayCapProperty().set(v));
        vm.perDayCapProperty().addListener((o, a, v) -> perDay.getValueFactory().setValue(v.intValue()));
        Button save = new Button("Save", new FontIcon(Feather.CHECK));
        save.setId("autopilot-save");
        save.setOnAction(e -> vm.save());
        Button run = new Button("Run now", new FontIcon(Feather.PLAY));
        run.setId("autopilot-run");
        run.setOnAction(e -> vm.runNow());
        save.disableProperty().bind(vm.busyProperty());
        run.disableProperty().bind(vm.busyProperty());
        HBox settings = new HBox(12, enabled, unreviewed, new Label("Per run"), perRun, new Label("Per day"), perDay,
                save, run);
        settings.setAlignment(Pos.CENTER_LEFT);

        Label lastRun = new Label();
        lastRun.setId("autopilot-last-run");
        lastRun.textProperty().bind(vm.lastRunProperty());
        Label error = ViewParts.error(vm.errorProperty());

        Label queue = new Label("Waiting for review");
        queue.getStyleClass().add(Styles.TITLE_4);
        ListView<AutopilotDraft> drafts = new ListView<>(vm.drafts());
        drafts.setId("autopilot-drafts");
        drafts.setCellFactory(v -> new DraftCell(vm));
        Label empty = new Label("No drafts waiting.");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        drafts.setPlaceholder(empty);
        VBox.setVgrow(drafts, Priority.ALWAYS);

        getChildren().addAll(intro, settings, lastRun, error, queue, drafts);
    }

    private static Spinner<Integer> cap(String id, int value, int max) {
        Spinner<Integer> s = new Spinner<>(1, max, value);
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(90);
        return s;
    }

    private static final class DraftCell extends ListCell<AutopilotDraft> {
        private final Label subject = new Label();
        private final Label to = new Label();
        private final Label body = new Label();
        private final Button send = new Button("Send", new FontIcon(Feather.SEND));
        private final Button discard = new Button("Discard");
        private final HBox row;

        DraftCell(AutopilotViewModel vm) {
            setPrefWidth(0);
            subject.getStyleClass().add(Styles.TEXT_BOLD);
            to.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            body.setWrapText(true);
            body.setMaxHeight(60);
            send.getStyleClass().addAll(Styles.SMALL, Styles.ACCENT, "autopilot-send");
            discard.getStyleClass().addAll(Styles.SMALL, Styles.FLAT, "autopilot-discard");
            send.setOnAction(e -> vm.send(getItem()));
            discard.setOnAction(e -> vm.discard(getItem()));
            VBox text = new VBox(2, subject, to, body);
            HBox.setHgrow(text, Priority.ALWAYS);
            row = new HBox(8, text, send, discard);
            row.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(AutopilotDraft item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            subject.setText(item.subject());
            to.setText("To " + Addresses.join(item.to()));
            body.setText(item.body());
            setGraphic(row);
        }
    }
}
