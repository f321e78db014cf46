package donna.app.chat;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One bubble of the conversation. DONNA's grows while her reply streams in. */
public final class MessageItem {

    public enum Author { USER, DONNA }

    private final Author author;
    private final ReadOnlyStringWrapper text;
    private final ReadOnlyBooleanWrapper streaming;

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
