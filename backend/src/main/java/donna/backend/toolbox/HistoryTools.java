package donna.backend.toolbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.backend.tools.ToolCallContext;
import donna.backend.tools.ToolOutcome;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code search_history}: the user's own past messages, typed and spoken (the {@code messages} of their chat
 * sessions), newest first. A case-insensitive substring match: enough for "what did we say about the contract".
 */
final class HistoryTools {
    private static final int SNIPPET = 240;

    private final Jdbi jdbi;
    private final ObjectMapper mapper;

    HistoryTools(Jdbi jdbi, ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.mapper = mapper;
    }

    ToolOutcome searchHistory(ToolCallContext ctx, JsonNode args) {
        String text = args.get("text").asText().strip();
        int limit = args.path("limit").canConvertToInt() ? args.get("limit").asInt() : 10;
        String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        ArrayNode found = mapper.createArrayNode();
        jdbi.useHandle(h -> h.createQuery("""
                        select s.chat_id, m.role, m.source, m.created_at, m.content
                        from messages m join chat_sessions s on s.id = m.session_id
                        where s.user_id = :u and m.role in ('user', 'assistant') and m.content ilike :p escape '\\'
                        order by m.created_at desc limit :n""")
                .bind("u", ctx.user().id()).bind("p", pattern).bind("n", limit)
                .map((rs, c) -> mapper.createObjectNode().put("chat_id", rs.getString("chat_id"))
                        .put("role", rs.getString("role")).put("source", rs.getString("source"))
                        .put("date", String.valueOf(rs.getObject("created_at", OffsetDateTime.class)))
                        .put("snippet", snippet(rs.getString("content"), text)))
                .forEach(found::add));
        ObjectNode out = mapper.createObjectNode().put("count", found.size());
        out.set("results", found);
        return ToolOutcome.ok(out, "Searched history for " + MailTools.clip(text, 60) + ": " + found.size() + " found");
    }

    /** Up to {@value #SNIPPET} characters around the first match. */
    static String snippet(String content, String text) {
        if (content.length() <= SNIPPET) {
            return content;
        }
        int at = Math.max(0, content.toLowerCase(Locale.ROOT).indexOf(text.toLowerCase(Locale.ROOT)));
        int from = Math.max(0, Math.min(at - SNIPPET / 3, content.length() - SNIPPET));
        return (from > 0 ? "\u2026" : "") + content.substring(from, from + SNIPPET)
                + (from + SNIPPET < content.length() ? "\u2026" : "");
    }
}
