package donna.app.insights;

import atlantafx.base.theme.Styles;
import donna.core.insights.Conversation;
import java.time.ZoneId;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Conversations tab: filters, the table (a row opens its drill-down on the right), Load more. */
final class ConversationsView extends VBox {

    ConversationsView(ConversationsViewModel vm, ConversationDetailViewModel detail, ZoneId zone) {
        setSpacing(8);
        setPadding(new Insets(12, 0, 0, 0));

        ComboBox<SourceChoice> source = new ComboBox<>(FXCollections.observableArrayList(SourceChoice.values()));
        source.setId("insights-list-source");
        source.setAccessibleText("Source");
        source.valueProperty().bindBidirectional(vm.sourceProperty());
        ComboBox<FailureFilter> failures = new ComboBox<>(FXCollections.observableArrayList(FailureFilter.values()));
        failures.setId("insights-list-failures");
        failures.setAccessibleText("Failures");
        failures.valueProperty().bindBidirectional(vm.failuresProperty());
        TextField min = number("insights-health-min", "min", vm.healthMinProperty(), vm::refresh);
        TextField max = number("insights-health-max", "max", vm.healthMaxProperty(), vm::refresh);
        TextField search = new TextField();
        search.setId("insights-search");
        search.setPromptText("Find words or an id (Enter)");
        search.textProperty().bindBidirectional(vm.queryProperty());
        search.setOnAction(e -> vm.refresh());
        HBox.setHgrow(search, Priority.ALWAYS);
        Button apply = new Button("Apply");
        apply.setId("insights-apply");
        apply.setOnAction(e -> vm.refresh());
        HBox filters = new HBox(8, source, failures, Ui.label("Health", min), min, new Label("to"), max, search,
                apply);
        filters.setAlignment(Pos.CENTER_LEFT);

        TableView<Conversation> table = new TableView<>(vm.conversations());
        table.setId("insights-conversations");
        Label placeholder = new Label();
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(vm.emptyProperty());
        table.setPlaceholder(placeholder);
        table.getColumns().add(column("Started", c -> InsightsText.when(c.startedAt(), zone), 100));
        table.getColumns().add(column("Health", c -> c.healthScore() == null ? "\u2014" : c.healthScore().toString(),
                70));
        table.getColumns().add(column("Failures", c -> Integer.toString(c.failureCount()), 80));
        table.getColumns().add(column("Msgs", c -> Integer.toString(c.messageCount()), 60));
        table.getColumns().add(column("Source", c -> InsightsText.source(c.source()), 95));
        table.getColumns().add(column("Conversation", InsightsText::title, 180));
        table.getStyleClass().add(Styles.DENSE);
        table.getColumns().stream().filter(c -> c.getPrefWidth() <= 100).forEach(c -> c.setMinWidth(c.getPrefWidth()));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().selectedItemProperty().addListener((o, was, c) -> {
            if (c != null && (detail.conversationProperty().get() == null
                    || !detail.conversationProperty().get().id().equals(c.id()))) {
                detail.open(c.id());
            }
        });
        Button more = new Button("Load more");
        more.setId("insights-load-more");
        more.visibleProperty().bind(vm.moreProperty());
        more.managedProperty().bind(more.visibleProperty());
        more.disableProperty().bind(vm.loadingProperty());
        more.setOnAction(e -> vm.loadMore());
        Label loading = new Label("Loading\u2026");
        loading.getStyleClass().add(Styles.TEXT_MUTED);
        loading.visibleProperty().bind(vm.loadingProperty());
        VBox left = new VBox(6, table, new HBox(8, more, loading));
        VBox.setVgrow(table, Priority.ALWAYS);

        SplitPane split = new SplitPane(left, new ConversationDetailView(detail, zone));
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.5);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(filters, new SavedViewsBar(vm),
                Ui.errorWithRetry("insights-list-error", vm.errorProperty(), vm::refresh),
                split);
    }

    private static TextField number(String id, String prompt, javafx.beans.property.StringProperty value,
            Runnable apply) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(3);
        f.textProperty().bindBidirectional(value);
        f.setOnAction(e -> apply.run());
        return f;
    }

    private static TableColumn<Conversation, String> column(String title, Function<Conversation, String> value,
            double width) {
        TableColumn<Conversation, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
