package donna.app.chat;

import donna.app.actions.ActionViews;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableDoubleValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * One turn of the conversation: the user's bubble on the right; DONNA's on the left, with the tools she ran above it
 * (compact rows, live) and the cards of what she prepared below it.
 */
final class MessageBubble extends VBox {

    MessageBubble(MessageItem item, ObservableDoubleValue availableWidth) {
        Label text = new Label();
        text.setWrapText(true);
        text.getStyleClass().addAll("bubble", item.author() == MessageItem.Author.USER ? "bubble-user" : "bubble-donna");
        // While nothing has arrived yet the bubble shows a typing hint instead of collapsing to nothing.
        text.textProperty().bind(Bindings.when(item.textProperty().isEmpty().and(item.streamingProperty()))
                .then("\u2026").otherwise(item.textProperty()));
        text.maxWidthProperty().bind(Bindings.createDoubleBinding(() -> Math.max(200, availableWidth.get() * 0.72),
                availableWidth));
        HBox bubble = new HBox(text);
        bubble.getStyleClass().add("bubble-row");
        bubble.setAlignment(item.author() == MessageItem.Author.USER ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
        setSpacing(6);
        if (item.author() == MessageItem.Author.USER) {
            getChildren().add(bubble);
            return;
        }
        // A turn that only acted (a card, no words) shows no empty bubble.
        bubble.visibleProperty().bind(item.textProperty().isNotEmpty().or(item.streamingProperty()));
        bubble.managedProperty().bind(bubble.visibleProperty());
        VBox steps = new VBox(2);
        steps.getStyleClass().add("tool-steps");
        steps.managedProperty().bind(Bindings.isNotEmpty(item.steps()));
        steps.visibleProperty().bind(steps.managedProperty());
        Runnable showSteps = () -> steps.getChildren().setAll(item.steps().stream().map(ActionViews::step).toList());
        item.steps().addListener((ListChangeListener<Object>) c -> showSteps.run());
        showSteps.run();
        VBox cards = new VBox(8);
        cards.getStyleClass().add("action-cards");
        cards.managedProperty().bind(Bindings.isNotEmpty(item.cards()));
        cards.visibleProperty().bind(cards.managedProperty());
        Runnable showCards = () -> cards.getChildren().setAll(item.cards().stream()
                .map(card -> ActionViews.card(card, availableWidth)).toList());
        item.cards().addListener((ListChangeListener<Object>) c -> showCards.run());
        showCards.run();
        getChildren().addAll(steps, bubble, cards);
    }
}
