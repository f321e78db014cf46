package donna.app.shell;

import donna.app.desktop.TrayViewModel;
import donna.app.settings.Theme;
import java.util.List;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Puts the shell on the stage: title, theme, shortcuts, the remembered size and position, and what the close button
 * does (hide to the tray or quit, as {@link TrayViewModel} decides).
 */
public final class MainWindow {
    public static final String TITLE = "DONNA";
    private static final List<Integer> ICON_SIZES = List.of(16, 32, 48, 64, 128, 256);

    private final Parent root;
    private final ObservableValue<Theme> theme;
    private final WindowStateStore windowStates;
    private final Runnable newChat;
    private final TrayViewModel tray;
    private Stage stage;
    /** The window is showing, not minimized and has the focus (what the follow-up window needs to listen). */
    private final javafx.beans.property.ReadOnlyBooleanWrapper foreground =
            new javafx.beans.property.ReadOnlyBooleanWrapper(false);

    public MainWindow(Parent root, ObservableValue<Theme> theme, WindowStateStore windowStates, Runnable newChat,
                      TrayViewModel tray) {
        this.root = root;
        this.theme = theme;
        this.windowStates = windowStates;
        this.newChat = newChat;
        this.tray = tray;
    }

    /** @param minimized started at login: open iconified, out of the way */
    public void show(Stage stage, boolean minimized) {
        this.stage = stage;
        Scene scene = new Scene(root, 1100, 720);
        Themes.apply(theme.getValue(), scene);
        theme.addListener((o, old, now) -> Themes.apply(now, scene));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), newChat);
        stage.setTitle(TITLE);
        stage.setMinWidth(720);
        stage.setMinHeight(480);
        stage.setScene(scene);
        restore(stage);
        stage.setOnHiding(e -> windowStates.save(new WindowStateStore.WindowState(stage.getX(), stage.getY(),
                stage.getWidth(), stage.getHeight(), stage.isMaximized())));
        stage.setOnCloseRequest(e -> {
            if (tray.windowCloseRequested() == TrayViewModel.CloseAction.HIDE_TO_TRAY) {
                e.consume();
                stage.hide();
            } else {
                tray.quit();
            }
        });
        stage.setIconified(minimized);
        Runnable inFront = () -> foreground.set(stage.isShowing() && !stage.isIconified() && stage.isFocused());
        stage.focusedProperty().addListener((o, was, now) -> inFront.run());
        stage.iconifiedProperty().addListener((o, was, now) -> inFront.run());
        stage.showingProperty().addListener((o, was, now) -> inFront.run());
        stage.show();
        inFront.run();
    }

    /** True while the window is showing, not minimized and focused; false before it is shown. */
    public javafx.beans.property.ReadOnlyBooleanProperty foregroundProperty() {
        return foreground.getReadOnlyProperty();
    }

    /** The window's scene, once shown. */
    public Scene scene() {
        return stage.getScene();
    }

    /** The window icons: after the first frame, as decoding them is not worth delaying it for. */
    public void addIcons() {
        ICON_SIZES.forEach(size -> stage.getIcons().add(new Image(
                MainWindow.class.getResource("/donna/app/icons/donna-" + size + ".png").toExternalForm())));
    }

    /** Shows the window again (from the tray, or when a second launch asks) and raises it. */
    public void bringForward() {
        if (stage == null) {
            return;
        }
        stage.show();
        stage.setIconified(false);
        stage.toFront();
        stage.requestFocus();
    }

    private void restore(Stage stage) {
        windowStates.load().ifPresent(s -> {
            // A window remembered on a monitor that is gone would open off-screen: then keep the default place.
            boolean visible = !Screen.getScreensForRectangle(new Rectangle2D(s.x(), s.y(), s.width(), s.height()))
                    .isEmpty();
            stage.setWidth(s.width());
            stage.setHeight(s.height());
            if (visible) {
                stage.setX(s.x());
                stage.setY(s.y());
            }
            stage.setMaximized(s.maximized());
        });
    }
}
