package donna.core.insights;

import java.time.Instant;
import java.util.List;

/** A failure found in a conversation; {@code status} open, ack or resolved (a person's call, kept across scoring). */
public record Failure(String id, String conversationId, String kind, String severity, Long messageId, String detail,
        String status, Instant occurredAt) {

    /** Every kind the scorer finds (docs/insights.md, "What is scored"), in the order the settings list them. */
    public static final List<String> KINDS = List.of("assistant_error", "assistant_refusal", "unanswered_question",
            "user_frustration", "abuse", "slow_response", "tool_failure", "barge_in_storm", "reconnects");
    public static final String OPEN = "open";
    public static final String ACK = "ack";
    public static final String RESOLVED = "resolved";
}
