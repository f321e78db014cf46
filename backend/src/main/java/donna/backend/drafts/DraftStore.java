package donna.backend.drafts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.http.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code drafts} table. Every read and write names the user: another user's draft is simply not found.
 * Editing or discarding a draft cancels its pending send, so a yes only ever applies to what was read back.
 */
public final class DraftStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, to_addresses::text as to_addresses, cc_addresses::text as "
            + "cc_addresses, subject, body, in_reply_to, thread_id, reply_to_message_id, chat_id, status, created_at, "
            + "updated_at";

    private final Jdbi jdbi;

    public DraftStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Draft create(UUID userId, Draft.New d) {
        return jdbi.withHandle(h -> h.createQuery("""
                        insert into drafts (user_id, to_addresses, cc_addresses, subject, body, in_reply_to, thread_id,
                                            reply_to_message_id, chat_id)
                        values (:u, cast(:to as jsonb), cast(:cc as jsonb), :subject, :body, :inReplyTo, :threadId,
                                :replyTo, :chat)
                        returning\s""" + COLUMNS)
                .bind("u", userId).bind("to", json(d.to())).bind("cc", json(d.cc()))
                .bind("subject", nullToEmpty(d.subject())).bind("body", nullToEmpty(d.body()))
                .bind("inReplyTo", d.inReplyTo()).bind("threadId", d.threadId()).bind("replyTo", d.replyToMessageId())
                .bind("chat", d.chatId())
                .map((rs, c) -> row(rs)).one());
    }

    public Optional<Draft> find(UUID userId, UUID id) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS
                        + " from drafts where user_id = :u and id = :id")
                .bind("u", userId).bind("id", id).map((rs, c) -> row(rs)).findOne());
    }

    /** Open and sending drafts, newest first. */
    public List<Draft> list(UUID userId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from drafts where user_id = :u "
                        + "and status in ('open', 'sending') order by updated_at desc limit :n")
                .bind("u", userId).bind("n", limit).map((rs, c) -> row(rs)).list());
    }

    /** Applies an edit to an open draft and cancels its pending send; empty when there is no such open draft. */
    public Optional<Draft> edit(UUID userId, UUID id, Draft.Edit e) {
        return jdbi.inTransaction(h -> {
            Optional<Draft> edited = h.createQuery("""
                            update drafts set to_addresses = coalesce(cast(:to as jsonb), to_addresses),
                                cc_addresses = coalesce(cast(:cc as jsonb), cc_addresses),
                                subject = coalesce(:subject, subject), body = coalesce(:body, body), updated_at = now()
                            where user_id = :u and id = :id and status = 'open'
                            returning\s""" + COLUMNS)
                    .bind("u", userId).bind("id", id)
                    .bind("to", e.to() == null ? null : json(e.to())).bind("cc", e.cc() == null ? null : json(e.cc()))
                    .bind("subject", e.subject()).bind("body", e.body())
                    .map((rs, c) -> row(rs)).findOne();
            edited.ifPresent(d -> cancelPending(h, userId, id));
            return edited;
        });
    }

    /** Discards an open draft (and its pending send); false when there is no such open draft. */
    public boolean discard(UUID userId, UUID id) {
        return jdbi.inTransaction(h -> {
            boolean done = h.createUpdate("update drafts set status = 'discarded', updated_at = now() "
                            + "where user_id = :u and id = :id and status = 'open'")
                    .bind("u", userId).bind("id", id).execute() > 0;
            if (done) {
                cancelPending(h, userId, id);
            }
            return done;
        });
    }

    /** Marks a draft {@code sending} (queued in an outbox), {@code sent}, or back to {@code open} after a failure. */
    public void mark(UUID userId, UUID id, String status) {
        jdbi.useHandle(h -> h.createUpdate("update drafts set status = :s, updated_at = now() "
                        + "where user_id = :u and id = :id and status <> 'discarded'")
                .bind("s", status).bind("u", userId).bind("id", id).execute());
    }

    private static void cancelPending(Handle h, UUID userId, UUID draftId) {
        h.createUpdate("update pending_actions set status = 'cancelled' where user_id = :u and draft_id = :d "
                + "and status = 'pending'").bind("u", userId).bind("d", draftId).execute();
    }

    private static Draft row(ResultSet rs) throws SQLException {
        return new Draft(rs.getObject("id", UUID.class), strings(rs.getString("to_addresses")),
                strings(rs.getString("cc_addresses")), rs.getString("subject"), rs.getString("body"),
                rs.getString("in_reply_to"), rs.getString("thread_id"), rs.getString("reply_to_message_id"),
                rs.getString("chat_id"), rs.getString("status"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }

    /** A jsonb array of strings from the database. */
    public static List<String> strings(String jsonArray) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : Json.tree(jsonArray)) {
            out.add(n.asText());
        }
        return List.copyOf(out);
    }

    public static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values == null ? List.of() : values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
