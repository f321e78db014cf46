package donna.app.actions;

/** DONNA remembered something in this turn ("Remembered sign_off: Best, Sam"); Settings > Memory edits it. */
public record MemoryNote(String key, String value) implements CardItem {

    public String text() {
        return "Remembered " + key + ": " + value;
    }
}
