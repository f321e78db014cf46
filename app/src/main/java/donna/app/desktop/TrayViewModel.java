package donna.app.desktop;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The tray icon and what closing the window means. The icon shows push-to-talk's state (the voice feature reports
 * it through {@link #pushToTalkStatus}), opens the window and quits. Closing the window hides it to the tray only
 * when the user chose so in Settings and a tray icon is really there; otherwise it quits, so DONNA never runs on
 * with no way to reach it.
 */
public final class TrayViewModel {

    /** What a click on the window's close button does. */
    public enum CloseAction { HIDE_TO_TRAY, QUIT }

    public static final String NAME = "DONNA";

    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Push-to-talk: off");
    private final ReadOnlyStringWrapper tooltip = new ReadOnlyStringWrapper(NAME);
    private final ReadOnlyBooleanWrapper shown = new ReadOnlyBooleanWrapper(false);
    private final BooleanProperty keepRunningInTray = new SimpleBooleanProperty(false);
    private final Runnable openWindow;
    private final Runnable quitApp;

    /** @param openWindow shows and raises the main window; {@code quitApp} ends the app */
    public TrayViewModel(Runnable openWindow, Runnable quitApp) {
        this.openWindow = openWindow;
        this.quitApp = quitApp;
    }

    /** The line in the tray menu, e.g. "Push-to-talk: listening". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty tooltipProperty() {
        return tooltip.getReadOnlyProperty();
    }

    /** True once an icon sits in the system tray (never on desktops without one, e.g. Xvfb or bare GNOME). */
    public ReadOnlyBooleanProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** The user's choice in Settings; bind it to the settings view model. */
    public BooleanProperty keepRunningInTrayProperty() {
        return keepRunningInTray;
    }

    // ---- Commands

    /** The voice feature's hook: "ready", "listening", "speaking", ... or blank when push-to-talk is off. */
    public void pushToTalkStatus(String state) {
        String text = state == null || state.isBlank() ? "off" : state.strip();
        status.set("Push-to-talk: " + text);
        tooltip.set(NAME + " - push-to-talk: " + text);
    }

    /** Reported by the tray adapter once it knows whether the OS has a tray. */
    public void trayShown(boolean isShown) {
        shown.set(isShown);
    }

    public CloseAction windowCloseRequested() {
        return keepRunningInTray.get() && shown.get() ? CloseAction.HIDE_TO_TRAY : CloseAction.QUIT;
    }

    public void open() {
        openWindow.run();
    }

    public void quit() {
        quitApp.run();
    }
}
