package donna.backend.gmail;

import java.util.List;

/** A Gmail thread as {@code GET /api/gmail/threads/{id}} answers it: its messages' list rows, oldest first. */
public record MailThread(String id, List<MailSummary> messages) {}
