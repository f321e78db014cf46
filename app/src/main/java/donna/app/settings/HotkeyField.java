package donna.app.settings;

import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The push-to-talk hotkey field: a button that, once clicked, takes the next key combination pressed; "Reset to
 * default"; under them, whether the hotkey is registered and why a combination was refused. Key events become text
 * here ("Ctrl+Alt" plus JavaFX's key name, which {@code HotkeyCombo} reads) so the view model stays free of the scene
 * graph.
 */
final class HotkeyField {
    private final HBox row;
    private final VBox notes;

    HotkeyField(HotkeyFieldViewModel vm) {
        Button keys = new Button();
        keys.setId("ptt-hotkey");
        keys.setPrefWidth(260); // room for the capture prompt; the field does not jump as its text changes
        keys.setMinWidth(Region.USE_PREF_SIZE);
        keys.textProperty().bind(vm.textProperty());
        keys.setDisable(vm.locked());
        keys.setOnAction(e -> vm.startCapture());
        // While capturing, every key belongs to the capture: Space must not click, Tab must not move on.
        keys.addEventFilter(KeyEvent.ANY, e -> {
            if (vm.capturingProperty().get()) {
                capture(vm, e);
                e.consume();
            }
        });
        keys.focusedProperty().addListener((o, was, focused) -> {
            if (!focused) {
                vm.cancelCapture();
            }
        });
        vm.capturingProperty().addListener((o, was, now) -> {
            keys.getStyleClass().remove(Styles.ACCENT);
            if (now) {
                keys.getStyleClass().add(Styles.ACCENT);
            }
        });

        Button reset = new Button("Reset to default", new FontIcon(Feather.ROTATE_CCW));
        reset.setId("ptt-hotkey-reset");
        reset.getStyleClass().add(Styles.FLAT);
        reset.setMinWidth(Region.USE_PREF_SIZE);
        reset.setDisable(vm.locked());
        reset.setOnAction(e -> vm.reset());

        Label status = new Label();
        status.setId("ptt-hotkey-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        vm.worksProperty().addListener((o, was, works) -> statusStyle(status, works));
        statusStyle(status, vm.worksProperty().get());

        Label error = new Label();
        error.setId("ptt-hotkey-error");
        error.setWrapText(true);
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        Label hint = new Label(vm.hint());
        hint.setId("ptt-hotkey-hint");
        hint.setWrapText(true);
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);

        row = new HBox(8, keys, reset);
        row.setAlignment(Pos.CENTER_LEFT);
        notes = new VBox(4, status, error, hint);
    }

    /** The key button and "Reset to default", for the row beside the label. */
    HBox keys() {
        return row;
    }

    /** Whether the hotkey works, why a combination was refused, how to use the field: the row under it. */
    VBox notes() {
        return notes;
    }

    /**
     * Esc cancels; a modifier going down shows progress; any other key completes the combination; a modifier coming
     * up before any key was pressed is "a modifier alone", which the view model refuses.
     */
    private static void capture(HotkeyFieldViewModel vm, KeyEvent e) {
        KeyCode code = e.getCode();
        String modifier = modifierName(code);
        if (e.getEventType() == KeyEvent.KEY_PRESSED) {
            if (code == KeyCode.ESCAPE) {
                vm.cancelCapture();
            } else if (modifier != null) {
                vm.held(modifiers(e, modifier));
            } else {
                vm.pressed(join(modifiers(e, null), code.getName()));
            }
        } else if (e.getEventType() == KeyEvent.KEY_RELEASED && modifier != null) {
            vm.pressed(modifiers(e, modifier));
        }
    }

    /** The modifiers held during {@code e} plus {@code extra}, in the order Settings writes them. */
    private static String modifiers(KeyEvent e, String extra) {
        List<String> held = new ArrayList<>();
        add(held, e.isControlDown() || "Ctrl".equals(extra), "Ctrl");
        add(held, e.isAltDown() || "Alt".equals(extra), "Alt");
        add(held, e.isShiftDown() || "Shift".equals(extra), "Shift");
        add(held, e.isMetaDown() || "Meta".equals(extra), "Meta");
        return String.join("+", held);
    }

    private static void add(List<String> held, boolean down, String name) {
        if (down) {
            held.add(name);
        }
    }

    private static String join(String modifiers, String key) {
        return modifiers.isEmpty() ? key : modifiers + "+" + key;
    }

    private static String modifierName(KeyCode code) {
        return switch (code) {
            case CONTROL -> "Ctrl";
            case ALT, ALT_GRAPH -> "Alt";
            case SHIFT -> "Shift";
            case META, WINDOWS, COMMAND -> "Meta";
            default -> null;
        };
    }

    private static void statusStyle(Label status, boolean works) {
        status.getStyleClass().removeAll(Styles.SUCCESS, Styles.WARNING);
        status.getStyleClass().add(works ? Styles.SUCCESS : Styles.WARNING);
    }
}
