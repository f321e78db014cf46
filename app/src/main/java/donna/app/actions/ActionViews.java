package donna.app.actions;

import atlantafx.base.theme.Styles;
import donna.core.tools.ToolStep;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableDoubleValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The nodes of a turn's tool steps and cards, shared by the Chat and the Voice pane: a compact row per step, a card
 * per draft or confirmation, a line per memory.
 */
public final class ActionViews {
    /** Cards are read and typed in: wide enough for a mail, never wider than reads well. */
    static final double CARD_MAX = 620;

    private ActionViews() {}

    /** "Searched mail: 3 found", with an icon that says running, done or failed. */
    public static Node step(ToolStepItem item) {
        Label text = new Label();
        text.textProperty().bind(item.textProperty());
        text.setWrapText(true);
        text.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        FontIcon icon = new FontIcon();
        icon.iconCodeProperty().bind(Bindings.createObjectBinding(() -> switch (item.statusProperty().get()) {
            case RUNNING -> Feather.LOADER;
            case DONE -> Feather.CHECK;
            case FAILED -> Feather.ALERT_CIRCLE;
        }, item.statusProperty()));
        HBox row = new HBox(6, icon, text);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("tool-step");
        item.statusProperty().addListener((o, was, now) -> status(row, now));
        status(row, item.statusProperty().get());
        return row;
    }

    /** The card of a draft, a confirmation or a memory; {@code width} is what the conversation has. */
    public static Node card(CardItem item, ObservableDoubleValue width) {
        Node node = switch (item) {
            case DraftCardViewModel draft -> new DraftCard(draft);
            case ConfirmationCardViewModel confirmation -> new ConfirmationCard(confirmation);
            case MemoryNote note -> memory(note);
        };
        if (node instanceof javafx.scene.layout.Region region && !(item instanceof MemoryNote)) {
            region.maxWidthProperty().bind(Bindings.createDoubleBinding(
                    () -> Math.min(CARD_MAX, Math.max(320, width.get() * 0.8)), width));
        }
        return node;
    }

    private static Node memory(MemoryNote note) {
        Label text = new Label(note.text());
        text.setWrapText(true);
        text.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        HBox row = new HBox(6, new FontIcon(Feather.BOOKMARK), text);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().addAll("tool-step", "memory-note");
        return row;
    }

    private static void status(Node row, ToolStep.Status status) {
        row.getStyleClass().removeIf(c -> c.startsWith("tool-step-"));
        row.getStyleClass().add("tool-step-" + status.name().toLowerCase(java.util.Locale.ROOT));
    }
}
