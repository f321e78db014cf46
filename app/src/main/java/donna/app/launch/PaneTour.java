package donna.app.launch;

import java.util.List;
import javafx.scene.Scene;

/**
 * What a smoke run does after its first frame: shows each pane in turn, each drawn before the next, then ends. The
 * packaged app's check so covers every pane, and the AOT cache's training run (a smoke run) loads their classes:
 * panes are built when first shown, and a pane whose classes are not in the cache opens noticeably slower.
 */
public final class PaneTour {
    private PaneTour() {}

    /** @param steps each shows one pane; @param done runs on the FX thread after the last pane was drawn */
    public static void run(Scene scene, List<Runnable> steps, Runnable done) {
        if (steps.isEmpty()) {
            FirstFrame.afterFrames(scene, 2, drawn -> done.run());
            return;
        }
        FirstFrame.afterFrames(scene, 2, drawn -> {
            steps.getFirst().run();
            run(scene, steps.subList(1, steps.size()), done);
        });
    }
}
