package donna.app.chat;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import donna.core.chat.Profile;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The chat pane: past chats on the left, the conversation and the composer on the right. */
public final class ChatView extends BorderPane {
    private final ChatViewModel vm;
    private final TextArea composer = new TextArea();
    private final VBox messageBox = new VBox(10);
    private final ScrollPane scroll = new ScrollPane(messageBox);
    private final java.util.Map<MessageItem, MessageBubble> shown = new java.util.IdentityHashMap<>();

    public ChatView(ChatViewModel vm) {
        this.vm = vm;
        getStyleClass().add("chat-view");
        setLeft(new SessionListView(vm.sessions(), this::newChat));
        BorderPane conversation = new BorderPane(messages(), toolbar(), null, bottom(), null);
        setCenter(conversation);
    }

    /** Ctrl+N and the "+" button: a blank chat with the cursor in the composer. */
    public void newChat() {
        vm.newChat();
        composer.requestFocus();
    }

    public void focusComposer() {
        composer.requestFocus();
    }

    private HBox toolbar() {
        ComboBox<Profile> profile = new ComboBox<>();
        profile.setId("profile");
        profile.getItems().setAll(Profile.values());
        profile.valueProperty().bindBidirectional(vm.profileProperty());
        profile.setConverter(new StringConverter<>() {
            @Override
            public String toString(Profile p) {
                if (p == null) {
                    return "";
                }
                String n = p.name().toLowerCase(Locale.ROOT);
                return Character.toUpperCase(n.charAt(0)) + n.substring(1);
            }

            @Override
            public Profile fromString(String s) {
                return Profile.fromWire(s);
            }
        });
        Label label = new Label("Profile");
        label.getStyleClass().add(Styles.TEXT_MUTED);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button newChat = new Button("New chat", new FontIcon(Feather.PLUS));
        newChat.getStyleClass().add(Styles.FLAT);
        newChat.setOnAction(e -> newChat());
        HBox bar = new HBox(8, label, profile, spacer, newChat);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("chat-toolbar");
        return bar;
    }

    private StackPane messages() {
        messageBox.getStyleClass().add("messages");
        messageBox.setId("messages");
        messageBox.setPadding(new Insets(16));
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        vm.messages().addListener((ListChangeListener<MessageItem>) c -> rebuild());
        // Keep the newest text in view while a reply streams in.
        messageBox.heightProperty().addListener((o, a, b) -> scroll.setVvalue(1.0));

        // What she can do, in words a person would type (the demo's stand-in understands these too).
        Label empty = new Label("Ask DONNA to act on your mail: \"Summarise my unread mail\", \"What did Ann write?\", "
                + "\"Draft a reply to Ann saying Thursday works\", \"Remember that I sign "
                + "off with Best, Sam\". Or for the front desk and sales: \"Take a message from Bob: call him about "
                + "the van\", \"Classify Ann Lee ann@example.com as a hot lead because she asked for a quote\". "
                + "Nothing is sent until you say yes.");
        empty.getStyleClass().addAll(Styles.TEXT_MUTED, "empty-chat");
        empty.setWrapText(true);
        empty.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.messages()));
        empty.setMouseTransparent(true);
        return new StackPane(scroll, empty);
    }

    private void rebuild() {
        // Turns already shown keep their nodes: a card being edited keeps its caret and focus as the chat goes on.
        java.util.Map<MessageItem, MessageBubble> kept = new java.util.IdentityHashMap<>();
        vm.messages().forEach(m -> kept.put(m, shown.getOrDefault(m, null)));
        kept.replaceAll((m, node) -> node != null ? node : new MessageBubble(m, scroll.widthProperty()));
        shown.clear();
        shown.putAll(kept);
        messageBox.getChildren().setAll(vm.messages().stream().map(kept::get).toList());
    }

    private VBox bottom() {
        Label error = new Label();
        error.setId("chat-error");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        HBox.setHgrow(error, Priority.ALWAYS);
        error.setMaxWidth(Double.MAX_VALUE);
        Button retry = new Button("Retry", new FontIcon(Feather.REFRESH_CW));
        retry.setId("retry");
        retry.visibleProperty().bind(vm.canRetryProperty());
        retry.managedProperty().bind(retry.visibleProperty());
        retry.setOnAction(e -> vm.retry());
        // A long message wraps beside it; the button keeps its whole label (it was cut to "...").
        retry.setMinWidth(Region.USE_PREF_SIZE);
        Button dismiss = new Button(null, new FontIcon(Feather.X));
        dismiss.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        dismiss.setOnAction(e -> vm.dismissError());
        HBox errorBar = new HBox(8, new FontIcon(Feather.ALERT_TRIANGLE), error, retry, dismiss);
        errorBar.setAlignment(Pos.CENTER_LEFT);
        errorBar.getStyleClass().add("chat-error");
        errorBar.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        errorBar.managedProperty().bind(errorBar.visibleProperty());

        composer.setId("composer");
        composer.setPromptText("Message DONNA  (Enter sends, Shift+Enter adds a line)");
        composer.setWrapText(true);
        composer.setPrefRowCount(2);
        composer.textProperty().bindBidirectional(vm.draftProperty());
        composer.addEventFilter(KeyEvent.KEY_PRESSED, this::onComposerKey);
        HBox.setHgrow(composer, Priority.ALWAYS);
        Button send = new Button(null, new FontIcon(Feather.SEND));
        send.setId("send");
        send.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.ACCENT);
        send.disableProperty().bind(vm.canSendProperty().not());
        send.setOnAction(e -> vm.send());
        HBox composerRow = new HBox(8, composer, send);
        composerRow.setAlignment(Pos.BOTTOM_CENTER);

        VBox bottom = new VBox(8, errorBar, composerRow);
        bottom.getStyleClass().add("composer-bar");
        return bottom;
    }

    private void onComposerKey(KeyEvent e) {
        if (e.getCode() != KeyCode.ENTER) {
            return;
        }
        e.consume();
        if (e.isShiftDown()) {
            composer.insertText(composer.getCaretPosition(), "\n");
        } else {
            vm.send();
        }
    }
}
