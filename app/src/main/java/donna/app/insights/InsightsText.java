package donna.app.insights;

import donna.core.insights.Conversation;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How Insights' values read on screen: kinds as words, sources, health, times. */
public final class InsightsText {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);

    private InsightsText() {}

    /** {@code tool_failure} as "Tool failure", {@code barge_in_storm} as "Barge-in storm". */
    public static String kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return "";
        }
        // "barge-in" is one word in English; the wire kind cannot say so.
        String words = kind.replace('_', ' ').replace("barge in", "barge-in");
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    public static String source(String wire) {
        if (wire == null) {
            return "";
        }
        return switch (wire) {
            case Conversation.DONNA_CHAT -> "Typed chat";
            case Conversation.DONNA_VOICE -> "Voice";
            case Conversation.API -> "API";
            default -> wire;
        };
    }

    /** The score, or "not scored yet". */
    public static String health(Integer score) {
        return score == null ? "not scored yet" : score.toString();
    }

    public static String when(Instant at, ZoneId zone) {
        return at == null ? "" : WHEN.format(at.atZone(zone));
    }

    /** What a conversation is called: its external id without DONNA's {@code chat:}/{@code voice:} prefix. */
    public static String title(Conversation c) {
        String id = c.externalId() == null ? c.id() : c.externalId();
        return switch (c.source() == null ? "" : c.source()) {
            case Conversation.DONNA_CHAT, Conversation.DONNA_VOICE -> InsightsText.source(c.source()) + " "
                    + id.substring(id.indexOf(':') + 1, Math.min(id.length(), id.indexOf(':') + 9));
            default -> id;
        };
    }
}
