package donna.app.sales;

import atlantafx.base.theme.Styles;
import donna.core.leads.Lead;
import java.time.LocalDate;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Sales workspace: "Find leads in my inbox" with its proposals, filters, the follow-ups due today, the leads in
 * a table by stage, the selected lead's stage to change, and its detail (mail, notes, follow-up day, "Draft a
 * follow-up"). Everything is reachable by keyboard (Tab through the controls; Space ticks a proposal).
 */
public final class SalesView extends VBox {
    private final SalesViewModel vm;

    public SalesView(SalesViewModel vm) {
        this.vm = vm;
        getStyleClass().add("sales-view");
        setSpacing(10);
        setPadding(new Insets(16));

        Label title = new Label("Sales");
        title.getStyleClass().add(Styles.TITLE_3);
        Label summary = new Label();
        summary.setId("sales-summary");
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        summary.textProperty().bind(vm.summaryProperty());

        ComboBox<String> stage = new ComboBox<>(FXCollections.observableArrayList(SalesViewModel.stageChoices()));
        stage.setId("sales-stage-filter");
        stage.setAccessibleText("Stage");
        stage.valueProperty().bindBidirectional(vm.stageFilterProperty());
        ComboBox<String> category = new ComboBox<>(FXCollections.observableArrayList(
                SalesViewModel.categoryChoices()));
        category.setId("sales-category-filter");
        category.setAccessibleText("Category");
        category.valueProperty().bindBidirectional(vm.categoryFilterProperty());
        TextField search = new TextField();
        search.setId("sales-search");
        search.setPromptText("Find a name, company or note (Enter)");
        search.textProperty().bindBidirectional(vm.queryProperty());
        search.setOnAction(e -> vm.refresh());
        HBox.setHgrow(search, Priority.ALWAYS);
        Button refresh = new Button(null, new FontIcon(Feather.REFRESH_CW));
        refresh.setId("sales-refresh");
        refresh.setAccessibleText("Refresh");
        refresh.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        refresh.disableProperty().bind(vm.loadingProperty());
        refresh.setOnAction(e -> vm.refresh());
        HBox filters = new HBox(8, label("Stage", stage), stage, label("Category", category), category, search,
                refresh);
        filters.setAlignment(Pos.CENTER_LEFT);

        Label error = new Label();
        error.setId("sales-error");
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        Label dueTitle = new Label("Follow-ups due today");
        dueTitle.getStyleClass().add(Styles.TITLE_4);
        ListView<Lead> due = new ListView<>(vm.dueToday());
        due.setId("sales-due");
        due.setPrefHeight(96);
        due.setPlaceholder(new Label("No follow-ups due today."));
        due.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Lead lead, boolean empty) {
                super.updateItem(lead, empty);
                setText(empty || lead == null ? null : dueLine(lead, LocalDate.now()));
            }
        });
        due.getSelectionModel().selectedItemProperty().addListener((o, was, lead) -> {
            if (lead != null) {
                vm.select(lead);
            }
        });

        TableView<Lead> table = new TableView<>(vm.leads());
        table.setId("sales-leads");
        table.setPlaceholder(new Label());
        ((Label) table.getPlaceholder()).textProperty().bind(vm.summaryProperty());
        table.getColumns().add(column("Name", Lead::name, 160));
        table.getColumns().add(column("Company", Lead::company, 130));
        table.getColumns().add(column("Email", Lead::email, 180));
        table.getColumns().add(column("Stage", Lead::stage, 90));
        table.getColumns().add(column("Category", Lead::category, 90));
        table.getColumns().add(column("Follow-up", l -> l.nextFollowUp() == null ? "" : l.nextFollowUp().toString(),
                100));
        table.getColumns().add(column("Why", Lead::categoryReason, 220));
        // The short columns keep their width; the reason takes what is left.
        table.getColumns().stream().filter(c -> c.getPrefWidth() <= 100).forEach(c -> c.setMinWidth(c.getPrefWidth()));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().selectedItemProperty().addListener((o, was, lead) -> {
            if (lead != null) {
                vm.select(lead);
            }
        });
        // After a refresh or a move the row is a new record: keep the person's selection on it.
        vm.selectedProperty().addListener((o, was, lead) -> {
            if (lead != null && table.getSelectionModel().getSelectedItem() != lead
                    && table.getItems().contains(lead)) {
                table.getSelectionModel().select(lead);
            }
        });

        Button find = new Button("Find leads in my inbox", new FontIcon(Feather.SEARCH));
        find.setId("sales-find-leads");
        find.disableProperty().bind(vm.scan().runningProperty().or(vm.scan().busyProperty()));
        find.setOnAction(e -> vm.scan().find());
        Region headerSpace = new Region();
        HBox.setHgrow(headerSpace, Priority.ALWAYS);
        HBox header = new HBox(12, title, summary, headerSpace, find);
        header.setAlignment(Pos.CENTER_LEFT);

        VBox left = new VBox(8, table, detail());
        VBox.setVgrow(table, Priority.ALWAYS);
        left.setMinWidth(300);
        // A divider the person can move: on a small window the table keeps its columns readable.
        LeadDetailPane lead = new LeadDetailPane(vm.detail());
        SplitPane body = new SplitPane(left, lead);
        body.setDividerPositions(0.58);
        SplitPane.setResizableWithParent(lead, false);
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(header, new LeadScanPanel(vm.scan()), filters, error, dueTitle, due, body);
    }

    /** The selected lead: who, and its stage to change (pick a stage, then Move). */
    private HBox detail() {
        Label name = new Label();
        name.setId("lead-name");
        name.getStyleClass().add(Styles.TEXT_BOLD);
        name.textProperty().bind(Bindings.createStringBinding(() -> vm.selectedProperty().get() == null
                ? "Select a lead to change its stage." : describe(vm.selectedProperty().get()), vm.selectedProperty()));
        ComboBox<String> stage = new ComboBox<>(FXCollections.observableArrayList(Lead.STAGES));
        stage.setId("lead-stage");
        stage.setAccessibleText("Move to stage");
        vm.selectedProperty().addListener((o, was, lead) -> stage.setValue(lead == null ? null : lead.stage()));
        Button move = new Button("Move");
        move.setId("lead-move");
        move.disableProperty().bind(vm.selectedProperty().isNull().or(stage.valueProperty().isNull())
                .or(Bindings.createBooleanBinding(() -> vm.selectedProperty().get() != null
                        && vm.selectedProperty().get().stage().equals(stage.getValue()), vm.selectedProperty(),
                        stage.valueProperty())));
        move.setOnAction(e -> vm.moveStage(vm.selectedProperty().get(), stage.getValue()));
        stage.disableProperty().bind(vm.selectedProperty().isNull());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label stageLabel = new Label("Stage");
        stageLabel.setLabelFor(stage);
        stageLabel.setMinWidth(Region.USE_PREF_SIZE);
        move.setMinWidth(Region.USE_PREF_SIZE);
        stage.setMinWidth(Region.USE_PREF_SIZE);
        name.setMinWidth(0);
        HBox box = new HBox(8, name, spacer, stageLabel, stage, move);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    static String describe(Lead lead) {
        StringBuilder s = new StringBuilder(lead.name() == null ? "(no name)" : lead.name());
        if (lead.company() != null) {
            s.append(", ").append(lead.company());
        }
        if (lead.email() != null) {
            s.append(" <").append(lead.email()).append('>');
        }
        if (!lead.threads().isEmpty()) {
            s.append(" \u00b7 from ").append(lead.threads().size()).append(lead.threads().size() == 1 ? " thread"
                    : " threads");
        }
        return s.toString();
    }

    static String dueLine(Lead lead, LocalDate today) {
        String when = lead.nextFollowUp().isBefore(today) ? "overdue since " + lead.nextFollowUp() : "today";
        return lead.name() + (lead.company() == null ? "" : " (" + lead.company() + ")") + " \u2014 " + when
                + (lead.category() == null ? "" : " \u00b7 " + lead.category());
    }

    private static Label label(String text, javafx.scene.Node target) {
        Label l = new Label(text);
        l.setLabelFor(target);
        return l;
    }

    private static TableColumn<Lead, String> column(String title, Function<Lead, String> value, double width) {
        TableColumn<Lead, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> constant(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static ObservableValue<String> constant(String value) {
        return new ReadOnlyStringWrapper(value == null ? "" : value);
    }
}
