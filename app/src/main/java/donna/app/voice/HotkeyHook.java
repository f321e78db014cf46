package donna.app.voice;

import donna.audio.hotkey.GlobalHotkey;
import donna.audio.hotkey.HotkeyCombo;
import donna.audio.hotkey.HotkeyStatus;
import donna.audio.hotkey.PushToTalkListener;

/**
 * Registers a global hotkey: {@code GlobalHotkey::register} in the app; UI tests pass a fake, since the real hook
 * needs a desktop session that lets apps watch keys. Blocking (native code): call it off the FX thread.
 */
@FunctionalInterface
public interface HotkeyHook {
    GlobalHotkey.Registration register(HotkeyCombo combo, PushToTalkListener listener);

    /** For windows built without voice (UI tests of other panes): nothing is ever registered. */
    static HotkeyHook none() {
        return (combo, listener) -> new GlobalHotkey.Registration(
                new HotkeyStatus.Unavailable("this window has no voice"), () -> { });
    }
}
