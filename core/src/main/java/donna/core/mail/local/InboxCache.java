package donna.core.mail.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.core.mail.MailJson;
import donna.core.mail.MailMessage;
import donna.core.mail.MailPage;
import donna.core.mail.MailSummary;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The last inbox page, and the messages the user opened from it, kept in the mail database so the Mail pane paints
 * at once on start and still shows the inbox when the service or Gmail cannot be reached. Stored in the service's
 * own JSON form and read back with {@link MailJson}, so there is one reading of it. Only the newest
 * {@link #MESSAGES_KEPT} opened messages are kept.
 */
public final class InboxCache {
    public static final int MESSAGES_KEPT = 200;

    /** A page as it was saved, and when. */
    public record Saved<T>(T value, Instant savedAt) {}

    private final MailDatabase db;
    private final Clock clock;

    public InboxCache(MailDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Replaces the saved inbox page (the first page of the inbox, without a search). */
    public void savePage(MailPage page) {
        String text = write(pageJson(page));
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO inbox_page (id, page, saved_at) VALUES (1, ?, ?) "
                    + "ON CONFLICT (id) DO UPDATE SET page = excluded.page, saved_at = excluded.saved_at")) {
                s.setString(1, text);
                s.setLong(2, clock.millis());
                return s.executeUpdate();
            }
        });
    }

    public Optional<Saved<MailPage>> page() {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT page, saved_at FROM inbox_page WHERE id = 1");
                    ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Saved<>(MailJson.page(read(rs.getString(1))),
                        Instant.ofEpochMilli(rs.getLong(2)))) : Optional.empty();
            }
        });
    }

    public void saveMessage(MailMessage m) {
        String text = write(messageJson(m));
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO saved_message (id, message, saved_at) "
                    + "VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET message = excluded.message, "
                    + "saved_at = excluded.saved_at")) {
                s.setString(1, m.id());
                s.setString(2, text);
                s.setLong(3, clock.millis());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM saved_message WHERE id NOT IN "
                    + "(SELECT id FROM saved_message ORDER BY saved_at DESC, id LIMIT ?)")) {
                s.setInt(1, MESSAGES_KEPT);
                return s.executeUpdate();
            }
        });
    }

    public Optional<MailMessage> message(String id) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT message FROM saved_message WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(MailJson.message(read(rs.getString(1)))) : Optional.empty();
                }
            }
        });
    }

    // ---- The service's JSON form (docs/api.md), the inverse of MailJson's reading

    private ObjectNode pageJson(MailPage page) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        ArrayNode messages = n.putArray("messages");
        for (MailSummary m : page.messages()) {
            messages.addObject().put("id", m.id()).put("thread_id", m.threadId()).put("from", m.from())
                    .put("to", m.to()).put("subject", m.subject()).put("date", iso(m.date()))
                    .put("snippet", m.snippet()).put("unread", m.unread());
        }
        return n.put("next_page_token", page.nextPageToken());
    }

    private ObjectNode messageJson(MailMessage m) {
        return Json.MAPPER.createObjectNode().put("id", m.id()).put("thread_id", m.threadId()).put("from", m.from())
                .put("to", m.to()).put("cc", m.cc()).put("subject", m.subject()).put("date", iso(m.date()))
                .put("snippet", m.snippet()).put("unread", m.unread()).put("text", m.text()).put("html", m.html())
                .put("message_id_header", m.messageIdHeader()).put("references", m.references());
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private String write(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(String text) throws SQLException {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SQLException("Unreadable saved mail", e);
        }
    }

    /** Made on first use, on a worker thread: building a mapper in a fresh process costs the window's first frame. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
