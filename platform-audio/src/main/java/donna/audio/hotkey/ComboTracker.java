package donna.audio.hotkey;

/**
 * Turns raw key events into one press and one release of a combination: auto-repeat while held fires nothing, and
 * letting go of the key or of any of its modifiers is the release. Called on the hook's dispatch thread only.
 */
final class ComboTracker {
    private final HotkeyCombo combo;
    private final PushToTalkListener listener;
    private boolean down;

    ComboTracker(HotkeyCombo combo, PushToTalkListener listener) {
        this.combo = combo;
        this.listener = listener;
    }

    void keyPressed(int keyCode, int modifiers) {
        if (!down && combo.completedBy(keyCode, modifiers)) {
            down = true;
            listener.pressed();
        }
    }

    void keyReleased(int keyCode) {
        if (down && combo.brokenBy(keyCode)) {
            down = false;
            listener.released();
        }
    }
}
