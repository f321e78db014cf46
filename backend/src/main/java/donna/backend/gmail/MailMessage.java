package donna.backend.gmail;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** One whole message (docs/api.md): text, sanitised HTML (null when none), threading headers. */
public record MailMessage(String id, @JsonProperty("thread_id") String threadId, String from, String to, String cc,
        String subject, Instant date, String snippet, boolean unread, String text, String html,
        @JsonProperty("message_id_header") String messageIdHeader, String references,
        @JsonProperty("reply_to") String replyTo) {}
