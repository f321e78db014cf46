package donna.backend.chat;

import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Flagged messages, kept for review (abuse_log). */
public final class AbuseLog {
    private final Jdbi jdbi;

    public AbuseLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void record(UUID userId, String chatId, String message, String reason) {
        jdbi.useHandle(h -> h.createUpdate(
                        "insert into abuse_log (chat_id, user_id, message, reason) values (:c, :u, :m, :r)")
                .bind("c", chatId).bind("u", userId).bind("m", message).bind("r", reason).execute());
    }
}
