package donna.app.launch;

import java.time.Instant;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * Tells when the window's first frame is out: the first pulse after the stage is shown has laid out the scene and
 * handed it to the renderer. Heavy start-up work waits for this, so it never competes with the first frame.
 */
public final class FirstFrame {
    private FirstFrame() {}

    /** Registers before {@code stage.show()}; {@code then} gets the instant and runs on the FX thread after it. */
    public static void whenShown(Stage stage, Consumer<Instant> then) {
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, new EventHandler<>() {
            @Override
            public void handle(WindowEvent event) {
                stage.removeEventHandler(WindowEvent.WINDOW_SHOWN, this);
                afterFrames(stage.getScene(), 1, then);
            }
        });
    }

    /**
     * Runs {@code then} on the FX thread once {@code frames} more pulses have laid out the scene. A pulse renders
     * only after the one before it was drawn, so after two the first of them is on screen.
     */
    public static void afterFrames(Scene scene, int frames, Consumer<Instant> then) {
        scene.addPostLayoutPulseListener(new Runnable() {
            private int seen;

            @Override
            public void run() {
                if (++seen != frames) {
                    if (seen < frames) {
                        Platform.requestNextPulse();
                    }
                    return;
                }
                Instant at = Instant.now();
                // Not from inside the pulse: listeners must not change the listener list while it runs.
                Platform.runLater(() -> {
                    scene.removePostLayoutPulseListener(this);
                    then.accept(at);
                });
            }
        });
        Platform.requestNextPulse();
    }
}
