package donna.audio.hotkey;

import java.io.IOException;

/**
 * Child-process half of {@link TestGlobalHotkey}: registers a hotkey in the display it was started with, prints its
 * status and every press and release, and ends when its input closes.
 */
public final class HotkeyProbe {
    private HotkeyProbe() {}

    public static void main(String[] args) throws IOException {
        GlobalHotkey.Registration registration = GlobalHotkey.register(HotkeyCombo.parse(args[0]),
                new PushToTalkListener() {
                    @Override
                    public void pressed() {
                        say("pressed");
                    }

                    @Override
                    public void released() {
                        say("released");
                    }
                });
        say(switch (registration.status()) {
            case HotkeyStatus.Active active -> "active " + active.combo();
            case HotkeyStatus.Unavailable unavailable -> "unavailable " + unavailable.note();
        });
        while (System.in.read() >= 0) {
            // until the test closes our input
        }
        registration.close();
        Runtime.getRuntime().halt(0);
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
