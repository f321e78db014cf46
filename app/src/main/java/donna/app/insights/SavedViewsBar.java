package donna.app.insights;

import donna.core.insights.SavedView;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;

/** The Conversations tab's order and saved views: a chooser (choosing applies), save under a name, delete. */
final class SavedViewsBar extends HBox {

    SavedViewsBar(ConversationsViewModel list) {
        super(8);
        setAlignment(Pos.CENTER_LEFT);
        SavedViewsViewModel vm = list.savedViews();

        ComboBox<SortChoice> sort = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(
                SortChoice.values()));
        sort.setId("insights-sort");
        sort.setAccessibleText("Order");
        sort.valueProperty().bindBidirectional(list.sortProperty());

        ComboBox<SavedView> chooser = new ComboBox<>(vm.views());
        chooser.setId("insights-saved-views");
        chooser.setAccessibleText("Saved views");
        chooser.setPromptText("Saved views");
        chooser.setCellFactory(l -> new NameCell());
        chooser.setButtonCell(new NameCell());
        chooser.valueProperty().bindBidirectional(vm.chosenProperty());
        chooser.disableProperty().bind(vm.busyProperty());

        TextField name = new TextField();
        name.setId("insights-view-name");
        name.setPromptText("Name these filters");
        name.setPrefColumnCount(12);
        name.textProperty().bindBidirectional(vm.nameProperty());
        name.setOnAction(e -> vm.save());
        Button save = new Button("Save view");
        save.setId("insights-save-view");
        save.disableProperty().bind(vm.busyProperty());
        save.setOnAction(e -> vm.save());
        Button delete = new Button("Delete view");
        delete.setId("insights-delete-view");
        delete.disableProperty().bind(vm.busyProperty().or(vm.chosenProperty().isNull()));
        delete.setOnAction(e -> vm.deleteChosen());

        Label status = Ui.note("insights-views-status", vm.statusProperty());
        Label error = Ui.note("insights-views-error", vm.errorProperty());
        error.getStyleClass().add(atlantafx.base.theme.Styles.DANGER);
        getChildren().addAll(Ui.label("Order", sort), sort, chooser, name, save, delete, status, error);
    }

    private static final class NameCell extends ListCell<SavedView> {
        @Override
        protected void updateItem(SavedView item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.name());
        }
    }
}
