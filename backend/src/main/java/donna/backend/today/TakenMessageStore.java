package donna.backend.today;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import donna.backend.webhooks.EventSink;
import donna.backend.webhooks.EventTypes;
import org.jdbi.v3.core.Jdbi;

/** The {@code taken_messages} table. Every read and write names the owner: another user's message is not found. */
public final class TakenMessageStore {
    public static final int MAX_NAME = 200;
    public static final int MAX_CONTACT = 320;
    public static final int MAX_MESSAGE = 4_000;
    public static final int MAX_CALLBACK = 200;
    private static final String COLUMNS = "id, caller_name, contact, message, callback_by, done, created_at";

    private final Jdbi jdbi;

    private final EventSink events;

    /** Announcing nothing (tests of the store alone). */
    public TakenMessageStore(Jdbi jdbi) {
        this(jdbi, EventSink.NONE);
    }

    /** @param events told {@code message.taken} with the message, in the same transaction */
    public TakenMessageStore(Jdbi jdbi, EventSink events) {
        this.jdbi = jdbi;
        this.events = events;
    }

    /** Stores a message; the caller checks the lengths (the tool's schema does). */
    public TakenMessage take(UUID userId, String callerName, String contact, String message, String callbackBy) {
        return jdbi.inTransaction(h -> {
            TakenMessage taken = h.createQuery("insert into taken_messages (user_id, caller_name, contact, message, "
                            + "callback_by) values (:u, :name, :contact, :message, :callback) returning " + COLUMNS)
                    .bind("u", userId).bind("name", callerName).bind("contact", contact == null ? "" : contact)
                    .bind("message", message).bind("callback", callbackBy).map((rs, c) -> row(rs)).one();
            events.publish(h, userId, EventTypes.MESSAGE_TAKEN, taken);
            return taken;
        });
    }

    /** Messages not yet marked done, oldest first (the one waiting longest on top). */
    public List<TakenMessage> open(UUID userId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from taken_messages where user_id = :u "
                        + "and not done order by created_at, id limit :n")
                .bind("u", userId).bind("n", limit).map((rs, c) -> row(rs)).list());
    }

    /** Marks a message done (or open again); empty when the owner has no such message. */
    public Optional<TakenMessage> mark(UUID userId, UUID id, boolean done) {
        return jdbi.withHandle(h -> h.createQuery("update taken_messages set done = :d, "
                        + "done_at = case when :d then now() end where user_id = :u and id = :id returning " + COLUMNS)
                .bind("d", done).bind("u", userId).bind("id", id).map((rs, c) -> row(rs)).findOne());
    }

    private static TakenMessage row(ResultSet rs) throws SQLException {
        return new TakenMessage(rs.getObject("id", UUID.class), rs.getString("caller_name"), rs.getString("contact"),
                rs.getString("message"), rs.getString("callback_by"), rs.getBoolean("done"),
                rs.getObject("created_at", OffsetDateTime.class));
    }
}
