package donna.app.testing;

import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import org.testfx.api.FxRobot;
import org.testfx.api.FxRobotInterface;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Clicks into a field as the person would, with the field found and measured on the FX thread. TestFX's
 * {@code clickOn(query)} walks the scene graph and measures the node from the test thread while the FX thread lays
 * the chat out; twice on a loaded CI machine the draft card's field it had found had no scene by the time it was
 * measured (an NPE inside TestFX). Here the lookup and the measuring happen in one FX pulse; and because the chat
 * may still be scrolling the new card into view, the click is repeated until the field has the focus.
 */
public final class FxClicks {
    private static final int ATTEMPTS = 5;

    private FxClicks() {
    }

    /** Clicks the first visible node matching {@code query} until it (or a node inside it) has the focus. */
    public static FxRobotInterface focus(FxRobot robot, String query) throws Exception {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            WaitForAsyncUtils.waitForFxEvents();
            Point2D centre = WaitForAsyncUtils.asyncFx(() -> centreOf(robot, query)).get(30, TimeUnit.SECONDS);
            robot.clickOn(centre);
            WaitForAsyncUtils.waitForFxEvents();
            if (WaitForAsyncUtils.asyncFx(() -> hasFocus(robot, query)).get(30, TimeUnit.SECONDS)) {
                return robot;
            }
        }
        throw new AssertionError(query + " did not take the focus after " + ATTEMPTS + " clicks");
    }

    private static Point2D centreOf(FxRobot robot, String query) {
        Node node = robot.lookup(query).match(Node::isVisible).tryQuery()
                .orElseThrow(() -> new AssertionError("nothing visible matches " + query));
        Bounds onScreen = node.localToScreen(node.getBoundsInLocal());
        if (onScreen == null) {
            throw new AssertionError(query + " is not in a showing window");
        }
        return new Point2D(onScreen.getCenterX(), onScreen.getCenterY());
    }

    private static boolean hasFocus(FxRobot robot, String query) {
        return robot.lookup(query).match(Node::isVisible).tryQuery().map(node -> {
            Node owner = node.getScene() == null ? null : node.getScene().getFocusOwner();
            for (Node n = owner; n != null; n = n.getParent()) {
                if (n == node) {
                    return true;
                }
            }
            return false;
        }).orElse(false);
    }
}
