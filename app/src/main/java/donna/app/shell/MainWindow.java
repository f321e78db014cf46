package donna.app.shell;

import donna.app.settings.Theme;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** Puts the shell on the stage: title, theme, shortcuts, and the remembered size and position. */
public final class MainWindow {
    public static final String TITLE = "DONNA";

    private final Parent root;
    private final ObservableValue<Theme> theme;
    private final WindowStateStore windowStates;
    private final Runnable newChat;

    public MainWindow(Parent root, ObservableValue<Theme> theme, WindowStateStore windowStates, Runnable newChat) {
        this.root = root;
        this.theme = theme;
        this.windowStates = windowStates;
        this.newChat = newChat;
    }

    public void show(Stage stage) {
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
        stage.show();
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
