package donna.app.chat;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableDoubleValue;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

/** One row of the conversation: the user's bubble on the right, DONNA's on the left. */
final class MessageBubble extends HBox {

    MessageBubble(MessageItem item, ObservableDoubleValue availableWidth) {
        Label text = new Label();
        text.setWrapText(true);
        text.getStyleClass().addAll("bubble", item.author() == MessageItem.Author.USER ? "bubble-user" : "bubble-donna");
        // While nothing has arrived yet the bubble shows a typing hint instead of collapsing to nothing.
        text.textProperty().bind(Bindings.when(item.textProperty().isEmpty().and(item.streamingProperty()))
                .then("\u2026").otherwise(item.textProperty()));
        text.maxWidthProperty().bind(Bindings.createDoubleBinding(() -> Math.max(200, availableWidth.get() * 0.72),
                availableWidth));
        getStyleClass().add("bubble-row");
        setAlignment(item.author() == MessageItem.Author.USER ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
        getChildren().add(text);
    }
}
