package donna.app.insights;

import atlantafx.base.theme.Styles;
import donna.core.insights.Conversation;
import donna.core.insights.UsagePattern;
import java.time.ZoneId;
import java.util.function.Consumer;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Overview's patterns: recurring topics and failure clusters side by side; selecting one lists its
 * conversations below, and a click (or Enter) on one of those opens it on the Conversations tab.
 */
final class PatternsView extends VBox {

    PatternsView(PatternsViewModel vm, Consumer<Conversation> open, ZoneId zone) {
        setSpacing(6);
        Label title = new Label("Patterns");
        title.getStyleClass().add(Styles.TITLE_4);
        Button analyze = new Button("Analyse now");
        analyze.setId("insights-patterns-analyze");
        analyze.disableProperty().bind(vm.busyProperty());
        analyze.setOnAction(e -> vm.analyzeNow());
        HBox header = new HBox(8, title, analyze);
        header.setAlignment(Pos.CENTER_LEFT);
        Label status = Ui.note("insights-patterns-status", vm.statusProperty());
        status.setWrapText(true);

        ListView<UsagePattern> topics = patterns("insights-patterns-topics", vm.topics(), "No recurring topics.");
        ListView<UsagePattern> clusters = patterns("insights-patterns-clusters", vm.failureClusters(),
                "No failure clusters.");
        // One selection across both lists: the pattern whose conversations show below.
        topics.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                clusters.getSelectionModel().clearSelection();
                vm.selectedProperty().set(now);
            }
        });
        clusters.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                topics.getSelectionModel().clearSelection();
                vm.selectedProperty().set(now);
            }
        });
        VBox topicsBox = new VBox(4, Ui.label("Recurring topics", topics), topics);
        VBox clustersBox = new VBox(4, Ui.label("Failure clusters", clusters), clusters);
        HBox lists = new HBox(8, topicsBox, clustersBox);
        HBox.setHgrow(topicsBox, Priority.ALWAYS);
        HBox.setHgrow(clustersBox, Priority.ALWAYS);
        topicsBox.setPrefWidth(240);
        clustersBox.setPrefWidth(360);

        Label membersTitle = new Label();
        membersTitle.getStyleClass().add(Styles.TEXT_MUTED);
        membersTitle.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
                vm.selectedProperty().get() == null ? "Conversations of a topic or cluster"
                        : "Newest conversations of: " + PatternsViewModel.line(vm.selectedProperty().get()),
                vm.selectedProperty()));
        ListView<Conversation> members = new ListView<>(vm.conversations());
        membersTitle.setLabelFor(members);
        members.setId("insights-patterns-conversations");
        members.setPrefHeight(110);
        members.getStyleClass().add(Styles.DENSE);
        members.setAccessibleText("Conversations of the selected pattern");
        members.setPlaceholder(new Label("Select a topic or cluster to see its conversations."));
        members.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Conversation c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty || c == null ? null : "Health " + InsightsText.health(c.healthScore()) + " \u00b7 "
                        + InsightsText.title(c) + " \u00b7 " + InsightsText.source(c.source()) + " \u00b7 "
                        + InsightsText.when(c.startedAt(), zone));
            }
        });
        members.setOnMouseClicked(e -> {
            if (members.getSelectionModel().getSelectedItem() != null) {
                open.accept(members.getSelectionModel().getSelectedItem());
            }
        });
        members.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && members.getSelectionModel().getSelectedItem() != null) {
                open.accept(members.getSelectionModel().getSelectedItem());
            }
        });
        getChildren().addAll(header, Ui.errorWithRetry("insights-patterns-error", vm.errorProperty(), vm::refresh),
                status, lists, membersTitle, members);
    }

    private static ListView<UsagePattern> patterns(String id, ObservableList<UsagePattern> items, String none) {
        ListView<UsagePattern> list = new ListView<>(items);
        list.setId(id);
        list.setPrefHeight(110);
        list.getStyleClass().add(Styles.DENSE);
        list.setPlaceholder(new Label(none));
        list.setCellFactory(v -> {
            ListCell<UsagePattern> cell = new ListCell<>() {
                @Override
                protected void updateItem(UsagePattern p, boolean empty) {
                    super.updateItem(p, empty);
                    setText(empty || p == null ? null : PatternsViewModel.line(p));
                }
            };
            // Long labels wrap instead of scrolling sideways.
            cell.setWrapText(true);
            cell.prefWidthProperty().bind(list.widthProperty().subtract(24));
            return cell;
        });
        return list;
    }
}
