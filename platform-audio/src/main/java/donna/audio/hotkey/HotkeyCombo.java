package donna.audio.hotkey;

import com.github.kwhat.jnativehook.keyboard.NativeKeyEvent;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A push-to-talk key combination such as {@code Ctrl+Alt+Space}: at least one modifier plus one key, written the way
 * Settings shows it. A bare key is refused, except a function key (F1 to F24, a usual push-to-talk key that types
 * nothing): the hook watches every app, so it would fire whenever that key is typed anywhere. Key names are jnativehook's ({@code Space}, {@code F9}, {@code A}, {@code Back Quote} as
 * {@code BackQuote}), case and spaces around {@code +} ignored.
 *
 * @param modifiers held while the key goes down
 * @param keyCode   jnativehook's virtual key code ({@code NativeKeyEvent.VC_*})
 * @param keyName   the key as written
 */
public record HotkeyCombo(Set<Modifier> modifiers, int keyCode, String keyName) {
    /** The default: Ctrl+Alt+Space. */
    private static final Pattern FUNCTION_KEY = Pattern.compile("F([1-9]|1[0-9]|2[0-4])");
    public static final HotkeyCombo DEFAULT = parse("Ctrl+Alt+Space");

    /** A modifier key and its jnativehook mask (either side counts). */
    public enum Modifier {
        CTRL("Ctrl", NativeKeyEvent.CTRL_MASK),
        ALT("Alt", NativeKeyEvent.ALT_MASK),
        SHIFT("Shift", NativeKeyEvent.SHIFT_MASK),
        META("Meta", NativeKeyEvent.META_MASK);

        private final String label;
        private final int mask;

        Modifier(String label, int mask) {
            this.label = label;
            this.mask = mask;
        }

        boolean heldIn(int modifiers) {
            return (modifiers & mask) != 0;
        }

        /** The modifier a key code itself is (its press or release arrives as a key event), or null. */
        static Modifier ofKey(int keyCode) {
            return switch (keyCode) {
                case NativeKeyEvent.VC_CONTROL -> CTRL;
                case NativeKeyEvent.VC_ALT -> ALT;
                case NativeKeyEvent.VC_SHIFT -> SHIFT;
                case NativeKeyEvent.VC_META -> META;
                default -> null;
            };
        }
    }

    public HotkeyCombo {
        modifiers = Set.copyOf(modifiers);
    }

    /**
     * Reads {@code Ctrl+Alt+Space}.
     *
     * @throws IllegalArgumentException with a readable reason (that Settings shows) for a combination that cannot
     *                                  be a hotkey: no key, two keys, a key the hook has no name for, no modifier
     *                                  (except for a function key)
     */
    public static HotkeyCombo parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a hotkey needs a key, e.g. Ctrl+Alt+Space");
        }
        EnumSet<Modifier> modifiers = EnumSet.noneOf(Modifier.class);
        String key = null;
        for (String part : text.split("\\+")) {
            String name = part.trim();
            Modifier modifier = modifier(name);
            if (modifier != null) {
                modifiers.add(modifier);
            } else if (key != null) {
                throw new IllegalArgumentException("a hotkey has one key besides Ctrl, Alt, Shift and Meta, not "
                        + key + " and " + name);
            } else {
                key = name;
            }
        }
        if (key == null) {
            throw new IllegalArgumentException("a hotkey needs a key besides its modifiers, e.g. Ctrl+Alt+Space");
        }
        int code = keyCode(key);
        String keyName = NativeKeyEvent.getKeyText(code).replace(" ", "");
        // A function key alone is a usual push-to-talk key (it types nothing); any other key alone would fire
        // whenever it is typed in any app.
        if (modifiers.isEmpty() && !FUNCTION_KEY.matcher(keyName).matches()) {
            throw new IllegalArgumentException("a hotkey needs Ctrl, Alt, Shift or Meta with its key: " + keyName
                    + " alone would fire whenever it is typed in any app (a function key, F1 to F24, may be alone)");
        }
        return new HotkeyCombo(modifiers, code, keyName);
    }

    /** True when a key press of {@code keyCode} with {@code modifiers} held completes this combination. */
    boolean completedBy(int keyCode, int modifiers) {
        return keyCode == this.keyCode && this.modifiers.stream().allMatch(m -> m.heldIn(modifiers));
    }

    /** True when releasing {@code keyCode} breaks this combination (its key or one of its modifiers). */
    boolean brokenBy(int keyCode) {
        Modifier modifier = Modifier.ofKey(keyCode);
        return keyCode == this.keyCode || modifier != null && modifiers.contains(modifier);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (Modifier m : Modifier.values()) {
            if (modifiers.contains(m)) {
                parts.add(m.label);
            }
        }
        parts.add(keyName);
        return String.join("+", parts);
    }

    private static Modifier modifier(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "ctrl", "control" -> Modifier.CTRL;
            case "alt", "option" -> Modifier.ALT;
            case "shift" -> Modifier.SHIFT;
            case "meta", "super", "win", "cmd", "command" -> Modifier.META;
            default -> null;
        };
    }

    /**
     * jnativehook's {@code NativeKeyEvent.VC_*} constants are the vocabulary: {@code PageUp}, {@code Page Up} and
     * {@code page_up} all name {@code VC_PAGE_UP}.
     */
    private static int keyCode(String name) {
        String wanted = squash(name);
        for (Field field : NativeKeyEvent.class.getFields()) {
            if (field.getName().startsWith("VC_") && squash(field.getName().substring(3)).equals(wanted)) {
                try {
                    return field.getInt(null);
                } catch (IllegalAccessException e) {
                    break;
                }
            }
        }
        throw new IllegalArgumentException("no key called " + name + " (try Space, F9, A, BackQuote)");
    }

    private static String squash(String name) {
        return name.replace(" ", "").replace("_", "").toUpperCase(Locale.ROOT);
    }
}
