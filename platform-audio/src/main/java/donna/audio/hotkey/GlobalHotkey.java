package donna.audio.hotkey;

import com.github.kwhat.jnativehook.GlobalScreen;
import com.github.kwhat.jnativehook.NativeHookException;
import com.github.kwhat.jnativehook.keyboard.NativeKeyEvent;
import com.github.kwhat.jnativehook.keyboard.NativeKeyListener;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push-to-talk hotkey anywhere on the desktop (jnativehook: XRecord on Linux/X11, a low-level hook on Windows,
 * an event tap on macOS). Registering never throws: where it cannot work (no X display, a Wayland session without
 * X11, macOS without the accessibility permission) the result is {@link HotkeyStatus.Unavailable} with a readable
 * reason, and the app falls back to the key inside its window. The native hook is one per process; every
 * registration adds a listener to it and the last one to close removes it.
 */
public final class GlobalHotkey {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(GlobalHotkey.class);
    private static int registrations;

    private GlobalHotkey() {}

    /** What registering gave: the status to show, and the way to undo it (nothing to undo when unavailable). */
    public record Registration(HotkeyStatus status, Runnable unregister) implements AutoCloseable {
        @Override
        public void close() {
            unregister.run();
        }
    }

    /** Registers {@code combo} in this process's desktop session. */
    public static Registration register(HotkeyCombo combo, PushToTalkListener listener) {
        return register(combo, listener, System.getenv());
    }

    static synchronized Registration register(HotkeyCombo combo, PushToTalkListener listener,
            Map<String, String> environment) {
        String missing = missingDisplay(environment);
        if (missing != null) {
            return unavailable(missing);
        }
        try {
            if (registrations == 0) {
                quietLibraryLogging();
                GlobalScreen.registerNativeHook();
                // After registering: registering replaces any dispatcher set before with its own.
                GlobalScreen.setEventDispatcher(Executors.newSingleThreadExecutor(
                        Thread.ofPlatform().name("donna-hotkey").daemon().factory()));
            }
        } catch (NativeHookException e) {
            return unavailable(reason(e));
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return unavailable("the keyboard hook did not load (" + e.getMessage() + ")");
        }
        registrations++;
        NativeKeyListener keys = new Keys(new ComboTracker(combo, listener));
        GlobalScreen.addNativeKeyListener(keys);
        LOG.info("global push-to-talk hotkey: {}", combo);
        boolean[] closed = {false};
        return new Registration(new HotkeyStatus.Active(combo), () -> {
            synchronized (GlobalHotkey.class) {
                if (!closed[0]) {
                    closed[0] = true;
                    GlobalScreen.removeNativeKeyListener(keys);
                    release();
                }
            }
        });
    }

    private static void release() {
        if (--registrations == 0) {
            try {
                GlobalScreen.unregisterNativeHook();
            } catch (NativeHookException e) {
                LOG.debug("keyboard hook did not unregister cleanly: {}", e.getMessage());
            }
        }
    }

    private static Registration unavailable(String reason) {
        HotkeyStatus.Unavailable status = new HotkeyStatus.Unavailable(reason);
        LOG.warn(status.note());
        return new Registration(status, () -> { });
    }

    /** On Linux the hook needs an X display; without one jnativehook would fail later and less clearly. */
    private static String missingDisplay(Map<String, String> environment) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return null;
        }
        if (environment.getOrDefault("DISPLAY", "").isBlank()) {
            return environment.getOrDefault("WAYLAND_DISPLAY", "").isBlank()
                    ? "no X display (DISPLAY is not set)"
                    : "this Wayland session gives apps no global keys (no X11 display)";
        }
        return null;
    }

    private static String reason(NativeHookException e) {
        return switch (e.getCode()) {
            case NativeHookException.X11_OPEN_DISPLAY -> "the X display cannot be opened";
            case NativeHookException.X11_RECORD_NOT_FOUND, NativeHookException.X11_RECORD_ALLOC_RANGE,
                    NativeHookException.X11_RECORD_CREATE_CONTEXT, NativeHookException.X11_RECORD_ENABLE_CONTEXT,
                    NativeHookException.X11_RECORD_GET_CONTEXT ->
                    "the X server does not let apps watch keys (RECORD extension)";
            case NativeHookException.DARWIN_AXAPI_DISABLED -> "macOS has not given DONNA the accessibility "
                    + "permission (System Settings, Privacy & Security, Accessibility)";
            case NativeHookException.WIN_SET_HOOK -> "Windows refused the keyboard hook";
            default -> "the keyboard hook failed (" + e.getMessage() + ")";
        };
    }

    /** jnativehook logs every key through java.util.logging: keep only its warnings. */
    private static void quietLibraryLogging() {
        Logger.getLogger(GlobalScreen.class.getPackage().getName()).setLevel(Level.WARNING);
    }

    /** jnativehook's events, passed to the tracker on the hook's dispatch thread. */
    private record Keys(ComboTracker tracker) implements NativeKeyListener {
        @Override
        public void nativeKeyPressed(NativeKeyEvent event) {
            tracker.keyPressed(event.getKeyCode(), event.getModifiers());
        }

        @Override
        public void nativeKeyReleased(NativeKeyEvent event) {
            tracker.keyReleased(event.getKeyCode());
        }
    }
}
