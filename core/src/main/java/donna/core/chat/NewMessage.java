package donna.core.chat;

import java.util.Objects;

/**
 * A message written into a session by the app itself ({@code POST /api/db/chat}), such as a voice transcript.
 *
 * @param role    {@code user} or {@code assistant}
 * @param content the text
 * @param source  {@code chat} or {@code voice}
 */
public record NewMessage(String role, String content, String source) {
    public NewMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(source, "source");
    }

    public static NewMessage voice(String role, String content) {
        return new NewMessage(role, content, "voice");
    }
}
