package donna.app.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import donna.app.settings.Theme;
import javafx.application.Application;
import javafx.css.PseudoClass;
import javafx.scene.Scene;

/** The one place the AtlantaFX theme is set; the app's own CSS goes on top and uses only theme variables. */
public final class Themes {
    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");
    private static final String APP_CSS = Themes.class.getResource("/donna/app/donna.css").toExternalForm();

    private Themes() {}

    public static void apply(Theme theme, Scene scene) {
        // The binary form: the same rules, without parsing 160 kB of CSS before the first frame.
        Application.setUserAgentStylesheet(theme == Theme.DARK ? new PrimerDark().getUserAgentStylesheetBSS()
                : new PrimerLight().getUserAgentStylesheetBSS());
        if (!scene.getStylesheets().contains(APP_CSS)) {
            scene.getStylesheets().add(APP_CSS);
        }
        scene.getRoot().pseudoClassStateChanged(DARK, theme == Theme.DARK);
    }
}
