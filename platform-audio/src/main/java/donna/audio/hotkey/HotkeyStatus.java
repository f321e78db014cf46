package donna.audio.hotkey;

/** Whether the global push-to-talk hotkey works, and if not, what the user reads instead. */
public sealed interface HotkeyStatus {

    /** The hotkey works everywhere on the desktop. */
    record Active(HotkeyCombo combo) implements HotkeyStatus {}

    /** The hotkey could not be registered: {@link #note()} is the line the app shows. */
    record Unavailable(String reason) implements HotkeyStatus {
        public String note() {
            return "global hotkey unavailable: " + reason + "; use Space in the window";
        }
    }
}
