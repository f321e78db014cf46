package donna.app.settings;

import donna.audio.hotkey.HotkeyCombo;
import donna.audio.hotkey.HotkeyStatus;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The push-to-talk hotkey field of Settings. A click starts a capture; the view reports the keys as they go down,
 * written as Settings shows them ("Ctrl+Alt+Space"). A combination {@link HotkeyCombo} accepts is saved and takes
 * effect at once; a refused one says why and the capture goes on; Esc, or leaving the field, cancels. When
 * {@value #OVERRIDE_VARIABLE} holds a valid combination it wins over the setting: the field shows it, read-only.
 */
public final class HotkeyFieldViewModel {
    /** The environment variable that overrides the setting (for managed machines and scripted runs). */
    public static final String OVERRIDE_VARIABLE = "DONNA_PTT_HOTKEY";
    static final String PROMPT = "Press the keys… (Esc cancels)";

    private final Consumer<HotkeyCombo> save;
    private final boolean locked;
    private final String hint;
    private final ReadOnlyObjectWrapper<HotkeyCombo> hotkey = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper capturing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper works = new ReadOnlyBooleanWrapper();

    /**
     * @param saved    the hotkey in the settings file
     * @param override the value of {@value #OVERRIDE_VARIABLE}, if set
     * @param save     keeps a newly chosen hotkey (blocking work is the caller's to move off the UI thread)
     */
    HotkeyFieldViewModel(HotkeyCombo saved, Optional<String> override, Consumer<HotkeyCombo> save) {
        this.save = save;
        Optional<String> set = override.filter(value -> !value.isBlank());
        HotkeyCombo inEffect = saved;
        boolean fromEnvironment = false;
        String note = "Click, then press the keys: Ctrl, Alt, Shift or Meta with one more key, or a function key alone.";
        if (set.isPresent()) {
            try {
                inEffect = HotkeyCombo.parse(set.get());
                fromEnvironment = true;
                note = "Set by " + OVERRIDE_VARIABLE + " in the environment; remove it to choose here.";
            } catch (IllegalArgumentException e) {
                note = OVERRIDE_VARIABLE + " is ignored: " + e.getMessage() + ".";
            }
        }
        locked = fromEnvironment;
        hint = note;
        hotkey.set(inEffect);
        text.set(inEffect.toString());
    }

    /** The hotkey in effect (the environment's, or the setting). */
    public ReadOnlyObjectProperty<HotkeyCombo> hotkeyProperty() {
        return hotkey.getReadOnlyProperty();
    }

    /** What the field shows: the hotkey, or the keys held so far while capturing. */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty capturingProperty() {
        return capturing.getReadOnlyProperty();
    }

    /** Why the last combination pressed was refused; empty otherwise. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Whether the hotkey is registered, or why not; empty before the first registration. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** True while the hotkey works anywhere on the desktop. */
    public ReadOnlyBooleanProperty worksProperty() {
        return works.getReadOnlyProperty();
    }

    /** True when the environment decides the hotkey: the field cannot change it. */
    public boolean locked() {
        return locked;
    }

    /** How to use the field, or why it is read-only. */
    public String hint() {
        return hint;
    }

    // ---- Commands

    public void startCapture() {
        if (locked) {
            return;
        }
        capturing.set(true);
        error.set("");
        text.set(PROMPT);
    }

    /** Modifiers are down, no key yet ("Ctrl+Alt"). */
    public void held(String modifiers) {
        if (capturing.get()) {
            text.set(modifiers + "+…");
        }
    }

    /** A combination went down ("Ctrl+Alt+Space"), or modifiers came up with no key ("Ctrl"). */
    public void pressed(String keys) {
        if (!capturing.get()) {
            return;
        }
        HotkeyCombo combo;
        try {
            combo = HotkeyCombo.parse(keys);
        } catch (IllegalArgumentException e) {
            error.set("Cannot use " + keys + ": " + e.getMessage() + ".");
            text.set(PROMPT);
            return;
        }
        capturing.set(false);
        error.set("");
        choose(combo);
    }

    public void cancelCapture() {
        if (capturing.get()) {
            capturing.set(false);
            error.set("");
            text.set(hotkey.get().toString());
        }
    }

    public void reset() {
        if (!locked) {
            cancelCapture();
            choose(HotkeyCombo.DEFAULT);
        }
    }

    /** The outcome of registering the hotkey in effect (null: not registered yet). */
    public void showStatus(HotkeyStatus outcome) {
        works.set(outcome instanceof HotkeyStatus.Active);
        status.set(switch (outcome) {
            case null -> "";
            case HotkeyStatus.Active active -> "Works anywhere on the desktop.";
            case HotkeyStatus.Unavailable unavailable -> "Not available: " + unavailable.reason()
                    + ". Hold Space in the Voice pane instead.";
        });
    }

    private void choose(HotkeyCombo combo) {
        text.set(combo.toString());
        if (!combo.equals(hotkey.get())) {
            hotkey.set(combo);
            works.set(false);
            status.set("Applying " + combo + "…");
            save.accept(combo);
        }
    }
}
