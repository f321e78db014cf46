package donna.backend.actions;

import donna.backend.drafts.Draft;
import donna.backend.drafts.DraftStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** The {@code pending_actions} table; every statement names the user. */
final class ActionStore {
    private static final String COLUMNS = "id, kind, draft_id, to_addresses::text as to_addresses, "
            + "cc_addresses::text as cc_addresses, subject, body, new_addresses::text as new_addresses, requires_click, "
            + "status, chat_id, turn_id, user_item_id, created_at";

    private final Jdbi jdbi;

    ActionStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A pending send of this draft as it is now; an older pending send of the same draft is cancelled. */
    PendingAction create(UUID userId, Draft draft, List<String> newAddresses, Origin origin) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("update pending_actions set status = 'cancelled' where user_id = :u and draft_id = :d "
                    + "and status = 'pending'").bind("u", userId).bind("d", draft.id()).execute();
            return h.createQuery("""
                            insert into pending_actions (user_id, draft_id, to_addresses, cc_addresses, subject, body,
                                new_addresses, requires_click, chat_id, turn_id, user_item_id, channel)
                            values (:u, :d, cast(:to as jsonb), cast(:cc as jsonb), :subject, :body,
                                cast(:fresh as jsonb), :click, :chat, :turn, :item, :channel)
                            returning\s""" + COLUMNS)
                    .bind("u", userId).bind("d", draft.id()).bind("to", DraftStore.json(draft.to()))
                    .bind("cc", DraftStore.json(draft.cc())).bind("subject", draft.subject())
                    .bind("body", draft.body()).bind("fresh", DraftStore.json(newAddresses))
                    .bind("click", !newAddresses.isEmpty()).bind("chat", origin.chatId())
                    .bind("turn", origin.turnId()).bind("item", origin.userItemId()).bind("channel", origin.channel())
                    .map((rs, c) -> row(rs)).one();
        });
    }

    Optional<PendingAction> find(UUID userId, UUID id) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS
                        + " from pending_actions where user_id = :u and id = :id")
                .bind("u", userId).bind("id", id).map((rs, c) -> row(rs)).findOne());
    }

    List<PendingAction> list(UUID userId, String status, int limit) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from pending_actions "
                        + "where user_id = :u and status = :s order by created_at desc limit :n")
                .bind("u", userId).bind("s", status).bind("n", limit).map((rs, c) -> row(rs)).list());
    }

    /** pending -> confirmed, once: true for the one caller that made the change. */
    boolean confirm(UUID userId, UUID id, String by) {
        return jdbi.withHandle(h -> h.createUpdate("update pending_actions set status = 'confirmed', "
                        + "confirmed_by = :by, confirmed_at = now() where user_id = :u and id = :id and status = 'pending'")
                .bind("by", by).bind("u", userId).bind("id", id).execute()) > 0;
    }

    boolean cancel(UUID userId, UUID id) {
        return jdbi.withHandle(h -> h.createUpdate("update pending_actions set status = 'cancelled' "
                        + "where user_id = :u and id = :id and status = 'pending'")
                .bind("u", userId).bind("id", id).execute()) > 0;
    }

    void sendStatus(UUID userId, UUID id, String status, String gmailId) {
        jdbi.useHandle(h -> h.createUpdate("update pending_actions set send_status = :s, "
                        + "gmail_id = coalesce(:g, gmail_id) where user_id = :u and id = :id")
                .bind("s", status).bind("g", gmailId).bind("u", userId).bind("id", id).execute());
    }

    /** Whether the person wrote or said something in this chat after {@code since} (their message, stored). */
    boolean userSpokeSince(UUID userId, String chatId, OffsetDateTime since) {
        return chatId != null && jdbi.withHandle(h -> h.createQuery("""
                        select exists (select 1 from messages m join chat_sessions s on s.id = m.session_id
                                       where s.chat_id = :chat and s.user_id = :u and m.role = 'user'
                                         and m.created_at > :since)""")
                .bind("chat", chatId).bind("u", userId).bind("since", since).mapTo(Boolean.class).one());
    }

    private static PendingAction row(ResultSet rs) throws SQLException {
        PendingAction a = new PendingAction(rs.getObject("id", UUID.class), rs.getString("kind"),
                rs.getObject("draft_id", UUID.class), DraftStore.strings(rs.getString("to_addresses")),
                DraftStore.strings(rs.getString("cc_addresses")), rs.getString("subject"), rs.getString("body"),
                DraftStore.strings(rs.getString("new_addresses")), rs.getBoolean("requires_click"),
                rs.getString("status"), rs.getString("chat_id"), rs.getString("turn_id"),
                rs.getString("user_item_id"), rs.getObject("created_at", OffsetDateTime.class), null);
        return ReadBack.with(a);
    }
}
