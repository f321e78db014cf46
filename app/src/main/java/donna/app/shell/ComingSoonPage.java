package donna.app.shell;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** A placeholder pane that says what will be there. Static text, so no view model. */
final class ComingSoonPage extends VBox {

    ComingSoonPage(Page page, Ikon icon, String description) {
        getStyleClass().add("coming-soon");
        setId("page-" + page.name().toLowerCase(java.util.Locale.ROOT));
        setAlignment(Pos.CENTER);
        setSpacing(12);
        FontIcon big = new FontIcon(icon);
        big.getStyleClass().add("coming-soon-icon");
        Label title = new Label(page.title() + " is coming soon");
        title.getStyleClass().add(Styles.TITLE_2);
        Label text = new Label(description);
        text.setWrapText(true);
        text.setMaxWidth(520);
        text.getStyleClass().add(Styles.TEXT_MUTED);
        text.setStyle("-fx-text-alignment: center;");
        getChildren().addAll(big, title, text);
    }
}
