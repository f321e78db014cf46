package donna.core.insights;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The service's Insights answers to records. Tolerant: a missing field is null or 0, an item without id is left out. */
final class InsightsJson {
    private InsightsJson() {}

    static ConversationPage page(JsonNode n) {
        List<Conversation> list = new ArrayList<>();
        n.path("conversations").forEach(c -> {
            Conversation conversation = conversation(c);
            if (conversation != null) {
                list.add(conversation);
            }
        });
        return new ConversationPage(list, text(n, "next_cursor"));
    }

    static Conversation conversation(JsonNode c) {
        if (text(c, "id") == null) {
            return null;
        }
        JsonNode b = c.get("health_breakdown");
        return new Conversation(text(c, "id"), text(c, "external_id"), text(c, "source"), c.get("metadata"),
                instant(c, "started_at"), instant(c, "last_message_at"), instant(c, "ended_at"),
                c.path("message_count").asInt(0), integer(c, "health_score"), instant(c, "scored_at"),
                c.path("failure_count").asInt(0), b == null || !b.isObject() ? null : breakdown(b));
    }

    static HealthBreakdown breakdown(JsonNode b) {
        Map<String, Integer> penalties = new LinkedHashMap<>();
        b.path("penalties").properties().forEach(e -> penalties.put(e.getKey(), e.getValue().asInt()));
        Map<String, String> signals = new LinkedHashMap<>();
        b.path("signals").properties().forEach(e -> signals.put(e.getKey(), e.getValue().asText()));
        return new HealthBreakdown(b.path("base").asInt(100), penalties, b.path("sentiment_penalty").asInt(0), signals,
                b.path("ended").asBoolean(false));
    }

    static MessagePage messages(JsonNode n) {
        List<Message> list = new ArrayList<>();
        n.path("messages").forEach(m -> list.add(new Message(m.path("id").asLong(), text(m, "role"),
                text(m, "content"), instant(m, "timestamp"), m.get("metadata"),
                m.hasNonNull("latency_ms") ? m.get("latency_ms").asLong() : null,
                m.hasNonNull("sentiment") ? m.get("sentiment").asDouble() : null)));
        JsonNode next = n.get("next_after");
        return new MessagePage(list, next == null || next.isNull() ? null : next.asLong());
    }

    static List<Failure> failures(JsonNode n) {
        List<Failure> list = new ArrayList<>();
        n.path("failures").forEach(f -> {
            Failure failure = failure(f);
            if (failure != null) {
                list.add(failure);
            }
        });
        return list;
    }

    static Failure failure(JsonNode f) {
        if (text(f, "id") == null) {
            return null;
        }
        return new Failure(text(f, "id"), text(f, "conversation_id"), text(f, "kind"), text(f, "severity"),
                f.hasNonNull("message_id") ? f.get("message_id").asLong() : null, text(f, "detail"),
                text(f, "status"), instant(f, "occurred_at"));
    }

    static Summary summary(JsonNode s) {
        return new Summary(s.path("conversations").asInt(0), s.path("scored").asInt(0),
                s.hasNonNull("average_health") ? s.get("average_health").asDouble() : null,
                s.path("open_failures").asInt(0), s.path("with_failures").asInt(0),
                s.path("share_with_failures").asDouble(0));
    }

    static Trends trends(JsonNode n) {
        List<TrendPoint> health = new ArrayList<>();
        n.path("health").forEach(p -> health.add(new TrendPoint(instant(p, "start"),
                p.hasNonNull("average_health") ? p.get("average_health").asDouble() : null,
                p.path("conversations").asInt(0))));
        List<FailureCount> failures = new ArrayList<>();
        n.path("failures").forEach(p -> failures.add(new FailureCount(instant(p, "start"), text(p, "kind"),
                p.path("count").asInt(0))));
        return new Trends(text(n, "bucket"), instant(n, "from"), instant(n, "to"), health, failures);
    }

    static ApiKey apiKey(JsonNode k) {
        return text(k, "id") == null ? null : new ApiKey(text(k, "id"), text(k, "name"), text(k, "prefix"),
                instant(k, "created_at"), instant(k, "last_used_at"));
    }

    static List<ApiKey> apiKeys(JsonNode n) {
        List<ApiKey> list = new ArrayList<>();
        n.path("api_keys").forEach(k -> {
            ApiKey key = apiKey(k);
            if (key != null) {
                list.add(key);
            }
        });
        return list;
    }

    static AlertSettings settings(JsonNode s) {
        List<String> kinds = new ArrayList<>();
        s.path("alert_on_failure_kinds").forEach(k -> kinds.add(k.asText()));
        return new AlertSettings(integer(s, "alert_health_below"), kinds,
                s.path("slack_webhook_configured").asBoolean(false), text(s, "slack_webhook_url"),
                s.path("llm_judge_enabled").asBoolean(false));
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Integer integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isNumber() ? null : v.asInt();
    }

    static Instant instant(JsonNode n, String field) {
        String s = text(n, field);
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }
}
