package donna.backend.chat;

import java.util.List;

/**
 * What a chat turn needs from the database, read in one round trip.
 *
 * @param state   whether the session is new, the caller's, or someone else's
 * @param history the session's recent messages, oldest first
 * @param memory  what DONNA remembers of the user, as "key: value" lines
 */
public record ChatContext(SessionState state, List<LanguageModel.Turn> history, List<String> memory) {
    public enum SessionState { NEW, OWN, FOREIGN }
}
