package donna.app.chat;

import donna.app.actions.CardItem;
import donna.app.actions.ToolStepItem;
import donna.core.tools.ToolStep;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One bubble of the conversation. DONNA's grows while her reply streams in; above it, the tools she ran in that turn
 * (each a compact row, live), below it the cards of what she prepared (drafts, confirmations, memories).
 */
public final class MessageItem {

    public enum Author { USER, DONNA }

    private final Author author;
    private final ReadOnlyStringWrapper text;
    private final ReadOnlyBooleanWrapper streaming;
    private final ObservableList<ToolStepItem> steps = FXCollections.observableArrayList();
    private final ObservableList<CardItem> cards = FXCollections.observableArrayList();
    // One read-only view each, kept: a fresh wrapper per call listens to its list only weakly, so a view's listener
    // added to a wrapper nobody holds stops firing after the next garbage collection (cards then never showed).
    private final ObservableList<ToolStepItem> stepsView = FXCollections.unmodifiableObservableList(steps);
    private final ObservableList<CardItem> cardsView = FXCollections.unmodifiableObservableList(cards);

    private MessageItem(Author author, String text, boolean streaming) {
        this.author = author;
        this.text = new ReadOnlyStringWrapper(text);
        this.streaming = new ReadOnlyBooleanWrapper(streaming);
    }

    public static MessageItem user(String text) {
        return new MessageItem(Author.USER, text, false);
    }

    public static MessageItem donna(String text) {
        return new MessageItem(Author.DONNA, text, false);
    }

    static MessageItem donnaStreaming() {
        return new MessageItem(Author.DONNA, "", true);
    }

    public Author author() {
        return author;
    }

    public String text() {
        return text.get();
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty streamingProperty() {
        return streaming.getReadOnlyProperty();
    }

    /** The tools DONNA ran in this turn, in the order they started. */
    public ObservableList<ToolStepItem> steps() {
        return stepsView;
    }

    /** Drafts, confirmations and memories of this turn. */
    public ObservableList<CardItem> cards() {
        return cardsView;
    }

    /** A tool event, or the reply's record of a step: a new row, or the row of the same call updated. */
    void step(ToolStep step) {
        steps.stream().filter(s -> s.callId().equals(step.callId())).findFirst()
                .ifPresentOrElse(s -> s.update(step), () -> steps.add(new ToolStepItem(step)));
    }

    void addCards(List<CardItem> more) {
        cards.addAll(more);
    }

    void append(String delta) {
        text.set(text.get() + delta);
    }

    /** The service's final text wins over the concatenated deltas (it is what got stored). */
    void finish(String finalText) {
        if (finalText != null && !finalText.isEmpty()) {
            text.set(finalText);
        }
        streaming.set(false);
    }

    @Override
    public String toString() {
        return author + ": " + text.get();
    }
}
