package donna.backend.openai;

import java.util.Set;

/** The moderation verdict on one text: flagged or not, and the flagged categories (e.g. {@code harassment}). */
public record ModerationResult(boolean flagged, Set<String> categories) {
    public ModerationResult {
        categories = Set.copyOf(categories);
    }
}
