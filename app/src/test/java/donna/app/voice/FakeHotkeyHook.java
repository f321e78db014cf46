package donna.app.voice;

import donna.audio.hotkey.GlobalHotkey;
import donna.audio.hotkey.HotkeyCombo;
import donna.audio.hotkey.HotkeyStatus;
import donna.audio.hotkey.PushToTalkListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link HotkeyHook} that records what is registered and closed, and lets a test press the keys. Registers
 * ({@code Active}) unless told to refuse, as a desktop without global keys would. Thread-safe: the app registers on
 * task threads.
 */
final class FakeHotkeyHook implements HotkeyHook {
    /** "register Ctrl+Alt+Space", "close Ctrl+Alt+Space", in order. */
    final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile String refusal;
    private volatile PushToTalkListener live;

    /** From now on registrations give {@code Unavailable(reason)}. */
    void refuse(String reason) {
        refusal = reason;
    }

    @Override
    public GlobalHotkey.Registration register(HotkeyCombo combo, PushToTalkListener listener) {
        calls.add("register " + combo);
        if (refusal != null) {
            return new GlobalHotkey.Registration(new HotkeyStatus.Unavailable(refusal), () -> { });
        }
        live = listener;
        return new GlobalHotkey.Registration(new HotkeyStatus.Active(combo), () -> {
            calls.add("close " + combo);
            live = null;
        });
    }

    /** The registered hotkey goes down and comes up, as the hook's thread would report it. */
    void pressAndRelease(Runnable whileHeld) {
        PushToTalkListener listener = live;
        listener.pressed();
        whileHeld.run();
        listener.released();
    }

    boolean registered() {
        return live != null;
    }
}
