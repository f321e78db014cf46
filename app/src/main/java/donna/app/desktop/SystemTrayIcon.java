package donna.app.desktop;

import java.awt.AWTException;
import java.awt.EventQueue;
import java.awt.Image;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.Toolkit;
import java.awt.TrayIcon;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.value.ObservableValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tray icon through {@code java.awt.SystemTray}: the one AWT corner of the app. Everything AWT runs on its event
 * thread; commands go back to the view model on the FX thread. Where the OS has no tray (Xvfb, GNOME without the
 * AppIndicator extension) nothing is shown and the view model is told so.
 */
public final class SystemTrayIcon implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SystemTrayIcon.class);

    private final TrayIcon icon;

    private SystemTrayIcon(TrayIcon icon) {
        this.icon = icon;
    }

    /**
     * Blocking (starts AWT, a fraction of a second): call off the FX thread, after the first frame.
     *
     * @param ui runs the view model's commands (Platform::runLater)
     * @return the icon, or null when this desktop has no tray
     */
    public static SystemTrayIcon install(TrayViewModel vm, URL image, Executor ui) {
        if (java.awt.GraphicsEnvironment.isHeadless()) {
            return null;
        }
        String display = System.getenv("DISPLAY");
        if (X11SystemTray.applies(System.getProperty("os.name"), display)
                && X11SystemTray.present(display).equals(Optional.of(false))) {
            // Asked without AWT: starting it only to hear "no tray" would cost ~6 MB for as long as the app runs.
            logNoTray();
            return null;
        }
        try {
            SystemTrayIcon[] result = new SystemTrayIcon[1];
            EventQueue.invokeAndWait(() -> result[0] = installOnAwtThread(vm, image, ui));
            return result[0];
        } catch (InvocationTargetException e) {
            log.warn("No tray icon: {}", e.getCause().toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static SystemTrayIcon installOnAwtThread(TrayViewModel vm, URL imageUrl, Executor ui) {
        if (!SystemTray.isSupported()) {
            logNoTray();
            return null;
        }
        Image image = Toolkit.getDefaultToolkit().getImage(imageUrl);
        MenuItem status = new MenuItem(vm.statusProperty().get());
        status.setEnabled(false);
        MenuItem open = new MenuItem("Open DONNA");
        open.addActionListener(e -> ui.execute(vm::open));
        MenuItem quit = new MenuItem("Quit DONNA");
        quit.addActionListener(e -> ui.execute(vm::quit));
        PopupMenu menu = new PopupMenu();
        menu.add(status);
        menu.addSeparator();
        menu.add(open);
        menu.add(quit);

        TrayIcon icon = new TrayIcon(image, vm.tooltipProperty().get(), menu);
        icon.setImageAutoSize(true);
        icon.addActionListener(e -> ui.execute(vm::open)); // double-click (or click, per OS) opens the window
        try {
            SystemTray.getSystemTray().add(icon);
        } catch (AWTException e) {
            log.info("The system tray refused the icon ({}); closing the window will quit DONNA", e.getMessage());
            return null;
        }
        follow(vm.statusProperty(), status::setLabel);
        follow(vm.tooltipProperty(), icon::setToolTip);
        return new SystemTrayIcon(icon);
    }

    /** Property changes come on the FX thread; AWT objects are touched on AWT's. */
    private static void logNoTray() {
        log.info("This desktop has no system tray; closing the window will quit DONNA");
    }

    private static void follow(ObservableValue<String> value, java.util.function.Consumer<String> sink) {
        value.addListener((o, old, now) -> EventQueue.invokeLater(() -> sink.accept(now)));
    }

    @Override
    public void close() {
        EventQueue.invokeLater(() -> SystemTray.getSystemTray().remove(icon));
    }
}
