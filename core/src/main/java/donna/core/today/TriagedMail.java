package donna.core.today;

import java.time.Instant;

/**
 * An unread mail as the model triaged it for Today. The reason is the model's words about a mail: shown as text.
 *
 * @param bucket {@code needs_reply}, {@code waiting_on_someone}, {@code fyi} or {@code can_wait}; null when the
 *               model's answer for this mail was not usable ({@code reason} then says so)
 */
public record TriagedMail(String messageId, String bucket, String reason, String from, String subject,
        Instant receivedAt) {
    public static final String NEEDS_REPLY = "needs_reply";
    public static final String WAITING = "waiting_on_someone";
    public static final String FYI = "fyi";
    public static final String CAN_WAIT = "can_wait";

    public boolean triaged() {
        return bucket != null;
    }
}
