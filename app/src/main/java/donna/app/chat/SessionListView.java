package donna.app.chat;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import donna.core.chat.SessionSummary;
import java.util.Objects;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The left column of the chat pane: search, new chat, past chats with rename and delete. */
final class SessionListView extends VBox {
    private final SessionListViewModel vm;
    private final ListView<SessionSummary> list = new ListView<>();

    SessionListView(SessionListViewModel vm, Runnable newChat) {
        this.vm = vm;
        getStyleClass().add("session-list");
        setSpacing(8);
        setPadding(new Insets(12));
        setPrefWidth(260);
        setMinWidth(200);

        CustomTextField search = new CustomTextField();
        search.setId("session-search");
        search.setPromptText("Search chats");
        search.setRight(new FontIcon(Feather.SEARCH));
        PauseTransition debounce = new PauseTransition(javafx.util.Duration.millis(250));
        debounce.setOnFinished(e -> vm.search(search.getText()));
        search.textProperty().addListener((o, a, b) -> debounce.playFromStart());

        Button add = iconButton(Feather.PLUS, "New chat (Ctrl+N)", newChat);
        add.setId("new-chat");
        Button rename = iconButton(Feather.EDIT_2, "Rename", () -> rename(selected()));
        Button delete = iconButton(Feather.TRASH_2, "Delete", () -> delete(selected()));
        rename.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        delete.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        Label heading = new Label("Chats");
        heading.getStyleClass().add(Styles.TITLE_4);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox tools = new HBox(4, heading, spacer, add, rename, delete);
        tools.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        list.setId("sessions");
        list.setItems(vm.sessions());
        list.setCellFactory(v -> new SessionCell());
        list.setPlaceholder(placeholder());
        VBox.setVgrow(list, Priority.ALWAYS);
        list.getSelectionModel().selectedItemProperty().addListener((o, a, now) -> vm.open(now));
        vm.currentChatIdProperty().addListener((o, a, id) -> reselect(id));
        vm.sessions().addListener((javafx.collections.ListChangeListener<SessionSummary>) c ->
                reselect(vm.currentChatIdProperty().get()));

        Label error = new Label();
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        Button retry = new Button("Retry");
        retry.setOnAction(e -> vm.retry());
        VBox errorBox = new VBox(4, error, retry);
        errorBox.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        errorBox.managedProperty().bind(errorBox.visibleProperty());

        Button more = new Button("Load more");
        more.getStyleClass().add(Styles.FLAT);
        more.setMaxWidth(Double.MAX_VALUE);
        more.setOnAction(e -> vm.loadMore());
        more.visibleProperty().bind(vm.hasMoreProperty());
        more.managedProperty().bind(more.visibleProperty());

        getChildren().addAll(tools, search, list, more, errorBox);
    }

    private Label placeholder() {
        Label empty = new Label();
        empty.textProperty().bind(javafx.beans.binding.Bindings.when(vm.queryProperty().isEmpty())
                .then("No chats yet").otherwise("No chat matches"));
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        return empty;
    }

    private SessionSummary selected() {
        return list.getSelectionModel().getSelectedItem();
    }

    private void reselect(String chatId) {
        if (chatId == null) {
            list.getSelectionModel().clearSelection();
            return;
        }
        vm.sessions().stream().filter(s -> chatId.equals(s.chatId())).findFirst()
                .ifPresent(s -> list.getSelectionModel().select(s));
    }

    private void rename(SessionSummary session) {
        if (session == null) {
            return;
        }
        TextInputDialog dialog = new TextInputDialog(Objects.requireNonNullElse(session.title(), ""));
        dialog.setTitle("Rename chat");
        dialog.setHeaderText(null);
        dialog.setContentText("New name:");
        dialog.initOwner(getScene().getWindow());
        dialog.showAndWait().ifPresent(title -> vm.rename(session, title));
    }

    private void delete(SessionSummary session) {
        if (session == null) {
            return;
        }
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Delete \"" + title(session)
                + "\" and all its messages? This cannot be undone.", ButtonType.CANCEL, ButtonType.OK);
        confirm.setHeaderText(null);
        confirm.initOwner(getScene().getWindow());
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(b -> vm.delete(session));
    }

    private static String title(SessionSummary s) {
        return s.title() == null || s.title().isBlank() ? "Untitled chat" : s.title();
    }

    private static Button iconButton(Feather icon, String tip, Runnable action) {
        Button b = new Button(null, new FontIcon(icon));
        b.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private final class SessionCell extends ListCell<SessionSummary> {
        private final Label title = new Label();
        private final Label preview = new Label();
        private final VBox box = new VBox(2, title, preview);

        SessionCell() {
            // Without this a long title widens the cell and the list grows a horizontal scroll bar.
            setPrefWidth(0);
            title.setMaxWidth(Double.MAX_VALUE);
            title.getStyleClass().add(Styles.TEXT_BOLD);
            preview.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            MenuItem rename = new MenuItem("Rename", new FontIcon(Feather.EDIT_2));
            rename.setOnAction(e -> rename(getItem()));
            MenuItem delete = new MenuItem("Delete", new FontIcon(Feather.TRASH_2));
            delete.setOnAction(e -> delete(getItem()));
            setContextMenu(new ContextMenu(rename, delete));
        }

        @Override
        protected void updateItem(SessionSummary item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            title.setText(SessionListView.title(item));
            preview.setText(item.lastMessage() == null ? "" : item.lastMessage().lines().findFirst().orElse(""));
            setGraphic(box);
        }
    }
}
