package donna.core.mail.outbox;

import donna.core.mail.OutgoingMail;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.core.mail.local.MailDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable outbox: mail written while offline (or just now) waits here until the service has sent it. Each mail
 * gets its idempotency key the moment it is written, so any number of attempts, crashes and restarts send it once.
 * Mail is sent in the order it was queued ({@link #pending()}).
 *
 * <p>Thread-safe; the app, the {@link OutboxFlusher} and a {@code ./donna mail} command in another process may use
 * the same file at once.
 */
public final class Outbox {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final String COLUMNS = "id, idempotency_key, to_addresses, cc_addresses, bcc_addresses, subject, "
            + "body, reply_to_message_id, state, reason, attempts, message_id, created_at, updated_at";

    private final MailDatabase db;
    private final Clock clock;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public Outbox(MailDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Told after every change (from whichever thread made it), so a list on screen can reload. */
    public void addListener(Runnable onChange) {
        listeners.add(onChange);
    }

    // ---- What the user does

    /** Writes a new mail, queued, with a fresh idempotency key. Durable when this returns. */
    public OutboxEntry queue(OutgoingMail mail) {
        MailChecks.check(mail);
        long now = clock.millis();
        String key = UUID.randomUUID().toString();
        OutboxEntry entry = db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO outbox (idempotency_key, to_addresses, "
                    + "cc_addresses, bcc_addresses, subject, body, reply_to_message_id, state, created_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?) RETURNING " + COLUMNS)) {
                s.setString(1, key);
                bindMail(s, 2, mail);
                s.setLong(8, now);
                s.setLong(9, now);
                return one(s).orElseThrow();
            }
        });
        log.info("Outbox: mail {} queued", entry.id());
        changed();
        return entry;
    }

    /**
     * Writes a mail under the caller's idempotency key (a mail the person confirmed to DONNA: the draft's id), once:
     * when the key is in the outbox already, nothing is written and that mail is returned as it is, whatever its
     * state. So a confirmation seen twice (the click's answer and the chat reply) still sends one mail.
     */
    public OutboxEntry queue(OutgoingMail mail, String idempotencyKey) {
        MailChecks.check(mail);
        MailChecks.key(idempotencyKey);
        long now = clock.millis();
        boolean[] inserted = new boolean[1];
        OutboxEntry entry = db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO outbox (idempotency_key, to_addresses, "
                    + "cc_addresses, bcc_addresses, subject, body, reply_to_message_id, state, created_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?) ON CONFLICT (idempotency_key) DO NOTHING")) {
                s.setString(1, idempotencyKey);
                bindMail(s, 2, mail);
                s.setLong(8, now);
                s.setLong(9, now);
                inserted[0] = s.executeUpdate() == 1;
            }
            return findByKey(c, idempotencyKey).orElseThrow();
        });
        if (inserted[0]) {
            log.info("Outbox: mail {} queued", entry.id());
            changed();
        } else {
            log.info("Outbox: mail {} was queued already under its key; not queued again", entry.id());
        }
        return entry;
    }

    /**
     * Replaces the content of a queued or failed mail. A failed mail was refused by the service before anything went
     * out, so it gets a new key (a service that remembered the refusal under the old key would repeat it); a queued
     * one keeps its key, because an earlier attempt may have reached Gmail, and then the service must recognise it.
     */
    public OutboxEntry edit(long id, OutgoingMail mail) {
        MailChecks.check(mail);
        OutboxEntry edited = db.write(c -> {
            OutboxEntry current = editable(c, id, "edited");
            String key = current.state() == OutboxState.FAILED ? UUID.randomUUID().toString()
                    : current.idempotencyKey();
            try (PreparedStatement s = c.prepareStatement("UPDATE outbox SET to_addresses = ?, cc_addresses = ?, "
                    + "bcc_addresses = ?, subject = ?, body = ?, reply_to_message_id = ?, idempotency_key = ?, "
                    + "state = 'queued', reason = NULL, updated_at = ? WHERE id = ? RETURNING " + COLUMNS)) {
                bindMail(s, 1, mail);
                s.setString(7, key);
                s.setLong(8, clock.millis());
                s.setLong(9, id);
                return one(s).orElseThrow();
            }
        });
        changed();
        return edited;
    }

    /** Puts a failed mail back in the queue as it is. */
    public OutboxEntry retry(long id) {
        return move(id, "retried", OutboxState.QUEUED);
    }

    /** Takes a queued or failed mail out of the queue for good; it stays listed as cancelled. */
    public OutboxEntry cancel(long id) {
        return move(id, "cancelled", OutboxState.CANCELLED);
    }

    // ---- What is in it

    /** Every mail, oldest first. */
    public List<OutboxEntry> list() {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox ORDER BY id")) {
                return all(s);
            }
        });
    }

    public Optional<OutboxEntry> find(long id) {
        return db.read(c -> find(c, id));
    }

    /** The mail written under {@code idempotencyKey}, if any. */
    public Optional<OutboxEntry> findByKey(String idempotencyKey) {
        return db.read(c -> findByKey(c, idempotencyKey));
    }

    /** What still has to go out, in the order it was queued: queued mail, and mail a crash left in sending. */
    public List<OutboxEntry> pending() {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox "
                    + "WHERE state IN ('queued', 'sending') ORDER BY id")) {
                return all(s);
            }
        });
    }

    public boolean hasPending() {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT 1 FROM outbox WHERE state IN ('queued', 'sending') LIMIT 1");
                    ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        });
    }

    // ---- What the flusher does

    /**
     * Marks a pending mail as being sent and counts the attempt; empty when it is no longer pending (cancelled, or
     * sent by another process meanwhile). What is returned is what must be sent: edits before this are in it.
     */
    Optional<OutboxEntry> claim(long id) {
        Optional<OutboxEntry> claimed = db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE outbox SET state = 'sending', "
                    + "attempts = attempts + 1, updated_at = ? WHERE id = ? AND state IN ('queued', 'sending') "
                    + "RETURNING " + COLUMNS)) {
                s.setLong(1, clock.millis());
                s.setLong(2, id);
                return one(s);
            }
        });
        claimed.ifPresent(e -> changed());
        return claimed;
    }

    void markSent(long id, String messageId) {
        update("UPDATE outbox SET state = 'sent', reason = NULL, message_id = ?, updated_at = ? WHERE id = ?",
                messageId, id);
        log.info("Outbox: mail {} sent", id);
    }

    void markFailed(long id, String reason) {
        update("UPDATE outbox SET state = 'failed', reason = ?, updated_at = ? WHERE id = ? AND state = 'sending'",
                reason, id);
        log.info("Outbox: mail {} refused by the service", id);
    }

    /** Back to queued after a failure that may pass; {@code reason} is shown until the next attempt. */
    void release(long id, String reason) {
        update("UPDATE outbox SET state = 'queued', reason = ?, updated_at = ? WHERE id = ? AND state = 'sending'",
                reason, id);
    }

    // ---- Internals

    private OutboxEntry move(long id, String verb, OutboxState target) {
        OutboxEntry moved = db.write(c -> {
            editable(c, id, verb);
            try (PreparedStatement s = c.prepareStatement("UPDATE outbox SET state = ?, reason = NULL, "
                    + "updated_at = ? WHERE id = ? RETURNING " + COLUMNS)) {
                s.setString(1, target.column());
                s.setLong(2, clock.millis());
                s.setLong(3, id);
                return one(s).orElseThrow();
            }
        });
        changed();
        return moved;
    }

    private OutboxEntry editable(Connection c, long id, String verb) throws SQLException {
        OutboxEntry current = find(c, id).orElseThrow(() -> new OutboxStateException("There is no mail " + id
                + " in the outbox"));
        if (!current.state().editable()) {
            throw new OutboxStateException("Mail " + id + " is " + current.state().column()
                    + " and can no longer be " + verb);
        }
        return current;
    }

    private void update(String sql, String text, long id) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, text);
                s.setLong(2, clock.millis());
                s.setLong(3, id);
                return s.executeUpdate();
            }
        });
        changed();
    }

    private Optional<OutboxEntry> find(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox WHERE id = ?")) {
            s.setLong(1, id);
            return one(s);
        }
    }

    private Optional<OutboxEntry> findByKey(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox WHERE idempotency_key = ?")) {
            s.setString(1, key);
            return one(s);
        }
    }

    private void bindMail(PreparedStatement s, int from, OutgoingMail mail) throws SQLException {
        s.setString(from, write(mail.to()));
        s.setString(from + 1, write(mail.cc()));
        s.setString(from + 2, write(mail.bcc()));
        s.setString(from + 3, mail.subject());
        s.setString(from + 4, mail.body());
        s.setString(from + 5, mail.replyToMessageId());
    }

    private Optional<OutboxEntry> one(PreparedStatement s) throws SQLException {
        List<OutboxEntry> rows = all(s);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    private List<OutboxEntry> all(PreparedStatement s) throws SQLException {
        List<OutboxEntry> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                OutgoingMail mail = new OutgoingMail(read(rs.getString("to_addresses")), read(rs.getString("cc_addresses")),
                        read(rs.getString("bcc_addresses")), rs.getString("subject"), rs.getString("body"),
                        rs.getString("reply_to_message_id"));
                rows.add(new OutboxEntry(rs.getLong("id"), rs.getString("idempotency_key"), mail,
                        OutboxState.ofColumn(rs.getString("state")), rs.getString("reason"), rs.getInt("attempts"),
                        rs.getString("message_id"), Instant.ofEpochMilli(rs.getLong("created_at")),
                        Instant.ofEpochMilli(rs.getLong("updated_at"))));
            }
        }
        return rows;
    }

    private String write(List<String> addresses) {
        try {
            return Json.MAPPER.writeValueAsString(addresses);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> read(String addresses) throws SQLException {
        try {
            return Json.MAPPER.readValue(addresses, STRINGS);
        } catch (JsonProcessingException e) {
            throw new SQLException("Unreadable addresses in the outbox", e);
        }
    }

    private void changed() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("An outbox listener failed", e);
            }
        }
    }

    /** Made on first use, on a worker thread: building a mapper in a fresh process costs the window's first frame. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
