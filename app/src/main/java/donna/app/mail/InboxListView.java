package donna.app.mail;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import donna.core.mail.MailSummary;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The left column of the Mail pane: search, the offline mark, the inbox with unread marks, and paging. */
final class InboxListView extends VBox {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM");

    private final ZoneId zone;

    InboxListView(InboxViewModel vm, ZoneId zone) {
        this.zone = zone;
        getStyleClass().add("inbox-list");
        setSpacing(8);
        setPadding(new Insets(12));
        setMinWidth(260);
        setPrefWidth(340);
        setMaxWidth(480);

        CustomTextField search = new CustomTextField();
        search.setId("mail-search");
        search.setPromptText("Search mail (e.g. from:ann)");
        search.setRight(new FontIcon(Feather.SEARCH));
        PauseTransition debounce = new PauseTransition(Duration.millis(300));
        debounce.setOnFinished(e -> vm.search(search.getText()));
        search.textProperty().addListener((o, a, b) -> debounce.playFromStart());
        search.setOnAction(e -> {
            debounce.stop();
            vm.search(search.getText());
        });

        Label offline = new Label(null, new FontIcon(Feather.WIFI_OFF));
        offline.setId("mail-offline");
        offline.getStyleClass().addAll("mail-offline", Styles.TEXT_SMALL);
        offline.setWrapText(true);
        offline.textProperty().bind(vm.offlineTextProperty());
        ViewParts.shownWhen(offline, vm.offlineProperty());

        ListView<MailSummary> list = new ListView<>(vm.messages());
        list.setId("mail-list");
        list.setCellFactory(v -> new SummaryCell());
        Label empty = new Label();
        empty.textProperty().bind(Bindings.when(vm.loadingProperty()).then("Loading...")
                .otherwise(Bindings.when(vm.queryProperty().isEmpty()).then("No mail here yet")
                        .otherwise("No mail matches")));
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        list.setPlaceholder(empty);
        VBox.setVgrow(list, Priority.ALWAYS);
        list.getSelectionModel().selectedItemProperty().addListener((o, a, now) -> vm.open(now));

        Button more = new Button("Load more");
        more.setId("mail-more");
        more.getStyleClass().add(Styles.FLAT);
        more.setMaxWidth(Double.MAX_VALUE);
        more.setOnAction(e -> vm.loadMore());
        ViewParts.shownWhen(more, vm.hasMoreProperty());

        Label error = ViewParts.error(vm.errorProperty());
        error.setId("inbox-error");

        getChildren().addAll(search, offline, list, more, error);
    }

    private String when(Instant date) {
        if (date == null) {
            return "";
        }
        var local = date.atZone(zone);
        return local.toLocalDate().equals(LocalDate.now(zone)) ? TIME.format(local) : DAY.format(local);
    }

    private final class SummaryCell extends ListCell<MailSummary> {
        private final Label from = new Label();
        private final Label date = new Label();
        private final Label subject = new Label();
        private final Label snippet = new Label();
        private final FontIcon dot = new FontIcon(Feather.CIRCLE);
        private final VBox box;

        SummaryCell() {
            setPrefWidth(0); // long subjects must not widen the list
            dot.getStyleClass().add("unread-dot");
            date.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            snippet.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox top = new HBox(6, dot, from, spacer, date);
            top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            box = new VBox(2, top, subject, snippet);
        }

        @Override
        protected void updateItem(MailSummary item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().remove("unread");
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            from.setText(Addresses.name(item.from()));
            date.setText(when(item.date()));
            subject.setText(item.subject() == null || item.subject().isBlank() ? "(no subject)" : item.subject());
            snippet.setText(item.snippet() == null ? "" : item.snippet());
            dot.setVisible(item.unread());
            if (item.unread()) {
                getStyleClass().add("unread");
            }
            setGraphic(box);
        }
    }
}
