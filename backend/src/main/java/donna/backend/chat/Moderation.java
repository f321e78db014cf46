package donna.backend.chat;

/** The remote half of the abuse check (OpenAI's moderation endpoint in production). */
public interface Moderation {
    /** @return the flagged categories joined by commas, or null when the text is fine */
    String flaggedCategories(String text);
}
