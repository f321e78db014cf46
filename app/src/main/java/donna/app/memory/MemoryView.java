package donna.app.memory;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Memory section of Settings: each remembered thing with its value to edit (Enter or Save) or delete. */
public final class MemoryView extends VBox {
    private final MemoryViewModel vm;
    private final VBox list = new VBox();

    public MemoryView(MemoryViewModel vm) {
        this.vm = vm;
        getStyleClass().add("memory-view");
        setSpacing(8);
        Label title = new Label("Memory");
        title.getStyleClass().add(Styles.TITLE_4);
        Label intro = new Label("What DONNA remembers about you. She is told this in every chat and voice turn.");
        intro.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        intro.setWrapText(true);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button refresh = new Button(null, new FontIcon(Feather.REFRESH_CW));
        refresh.setId("memory-refresh");
        refresh.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        refresh.disableProperty().bind(vm.loadingProperty());
        refresh.setOnAction(e -> vm.refresh());
        HBox heading = new HBox(8, title, spacer, refresh);
        heading.setAlignment(Pos.CENTER_LEFT);

        list.setId("memory-list");
        Label empty = new Label();
        empty.setId("memory-empty");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        empty.setWrapText(true);
        empty.textProperty().bind(vm.emptyTextProperty());
        empty.visibleProperty().bind(Bindings.isEmpty(vm.rows()).and(vm.emptyTextProperty().isNotEmpty()));
        empty.managedProperty().bind(empty.visibleProperty());
        Label error = new Label();
        error.setId("memory-error");
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        vm.rows().addListener((ListChangeListener<MemoryRow>) c -> rebuild());
        rebuild();
        getChildren().addAll(heading, intro, list, empty, error);
    }

    private void rebuild() {
        list.getChildren().setAll(vm.rows().stream().map(this::row).toList());
    }

    private HBox row(MemoryRow row) {
        Label key = new Label(row.key());
        key.getStyleClass().addAll(Styles.TEXT_BOLD, "memory-key");
        key.setMinWidth(140);
        key.setPrefWidth(160);
        key.setWrapText(true);
        TextField value = new TextField();
        value.getStyleClass().add("memory-value");
        value.textProperty().bindBidirectional(row.valueProperty());
        value.disableProperty().bind(row.busyProperty());
        value.setOnAction(e -> vm.save(row));
        HBox.setHgrow(value, Priority.ALWAYS);
        Button save = new Button("Save");
        save.getStyleClass().addAll("memory-save", Styles.SMALL, Styles.ACCENT);
        save.visibleProperty().bind(row.changedProperty());
        save.managedProperty().bind(save.visibleProperty());
        save.disableProperty().bind(row.busyProperty());
        save.setOnAction(e -> vm.save(row));
        Button revert = new Button("Undo");
        revert.getStyleClass().addAll("memory-revert", Styles.SMALL, Styles.FLAT);
        revert.visibleProperty().bind(row.changedProperty());
        revert.managedProperty().bind(revert.visibleProperty());
        revert.setOnAction(e -> vm.revert(row));
        Button delete = new Button(null, new FontIcon(Feather.TRASH_2));
        delete.getStyleClass().addAll("memory-delete", Styles.BUTTON_ICON, Styles.FLAT, Styles.DANGER);
        delete.disableProperty().bind(row.busyProperty());
        delete.setOnAction(e -> vm.delete(row));
        HBox box = new HBox(8, key, value, save, revert, delete);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("memory-row");
        return box;
    }
}
