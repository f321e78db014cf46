package donna.backend.chat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.backend.db.DatabaseException;
import donna.backend.http.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Chat sessions, messages and tool steps. The hot path (a chat turn) costs two round trips: one read of session,
 * history and memory together, and one statement that writes session, both messages and the tool steps atomically, so a failed turn leaves
 * nothing half-written. Those two run as plain JDBC; the rest uses JDBI. Every query is scoped by the owner;
 * another user's session is simply not found.
 */
public final class ChatRepository {
    /**
     * Session owner, recent history (each reply with its turn's tool steps: call id, name, arguments, and the kept
     * output or the summary) and the user's memory in one row. Parameters: limit, user id, chat id.
     */
    private static final String LOAD_CONTEXT = """
            select s.user_id as owner,
                   (select coalesce(json_agg(json_build_array(m.role, m.content, m.steps)
                                             order by m.created_at, m.id), '[]')
                      from (select role, content, created_at, id,
                                   (select json_agg(json_build_array(t.call_id, t.name, t.arguments,
                                               coalesce(t.output, jsonb_build_object('summary', t.summary)))
                                               order by t.created_at, t.id)
                                      from tool_steps t where t.message_id = messages.id) as steps
                              from messages
                             where session_id = s.id order by created_at desc, id desc limit ?) m) as history,
                   (select coalesce(json_agg(key || ': ' || value::text order by key), '[]')
                      from user_memory where user_id = ?) as memory
              from (select 1) one
              left join chat_sessions s on s.chat_id = ?""";
    /**
     * Session (created on first use), both messages and the turn's tool steps (linked to the reply), in one
     * statement: all or nothing. Parameters: user id, chat id, title, profile, texts, steps as a JSON array.
     * Answers the number of messages written: 2, or 0 when the chat id is someone else's.
     */
    private static final String SAVE_TURN = """
            with s as (
              insert into chat_sessions (user_id, chat_id, title, profile)
              values (?, ?, ?, ?)
              on conflict (chat_id) do update set last_message_at = now()
                where chat_sessions.user_id = excluded.user_id
              returning id),
            m as (
              insert into messages (session_id, role, content, source, created_at)
              select s.id, v.role, v.content, 'chat', now() + v.offset_us * interval '1 microsecond'
                from s, (values ('user', ?, 0), ('assistant', ?, 1)) as v(role, content, offset_us)
              returning id, session_id, role),
            steps as (
              insert into tool_steps (session_id, message_id, call_id, name, arguments, summary, status, duration_ms,
                                      output, channel, created_at)
              select m.session_id, m.id, x.call_id, x.name, x.arguments, x.summary, x.status, x.duration_ms,
                     x.output, 'chat', now() + x.ord * interval '1 microsecond'
                from m, jsonb_to_recordset(cast(? as jsonb)) as x(call_id text, name text, arguments jsonb,
                     summary text, status text, duration_ms bigint, output jsonb, ord int)
               where m.role = 'assistant')
            select count(*) from m""";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final Jdbi jdbi;
    private final DataSource dataSource;

    /**
     * @param dataSource the pool behind {@code jdbi}: the two statements of a chat turn use it directly (plain
     *                   JDBC, prepared statements the driver keeps per connection), as JDBI's per-statement
     *                   machinery cost more CPU than the statements themselves
     */
    public ChatRepository(Jdbi jdbi, DataSource dataSource) {
        this.jdbi = jdbi;
        this.dataSource = dataSource;
    }

    public ChatContext loadContext(UUID userId, String chatId, int historyLimit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement read = c.prepareStatement(LOAD_CONTEXT)) {
            read.setInt(1, historyLimit);
            read.setObject(2, userId);
            read.setString(3, chatId);
            try (ResultSet rs = read.executeQuery()) {
                rs.next(); // always one row: the left join keeps it when the session is new
                UUID owner = rs.getObject("owner", UUID.class);
                ChatContext.SessionState state = owner == null ? ChatContext.SessionState.NEW
                        : owner.equals(userId) ? ChatContext.SessionState.OWN : ChatContext.SessionState.FOREIGN;
                List<LanguageModel.Turn> history = state == ChatContext.SessionState.OWN
                        ? JsonRows.turns(rs.getString("history")) : List.of();
                return new ChatContext(state, history, JsonRows.strings(rs.getString("memory")));
            }
        } catch (SQLException e) {
            throw new DatabaseException("cannot read the chat context", e);
        }
    }

    /** What DONNA remembers about the user, as {@code key: value} lines (the same form chat prompts use). */
    public List<String> memory(UUID userId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select coalesce(json_agg(key || ': ' || value::text order by key), '[]') as memory
                          from user_memory where user_id = :userId""")
                .bind("userId", userId)
                .map((rs, ctx) -> JsonRows.strings(rs.getString("memory")))
                .one());
    }

    /**
     * Writes one exchange: creates the session if new (titled by the first message), then the user message, the
     * reply and the turn's tool steps, in a single statement. @return false when the chat id belongs to someone else
     */
    public boolean saveTurn(UUID userId, String chatId, Profile profile, String userText, String replyText,
            List<ToolStep> steps) {
        try (Connection c = dataSource.getConnection(); PreparedStatement save = c.prepareStatement(SAVE_TURN)) {
            save.setObject(1, userId);
            save.setString(2, chatId);
            save.setString(3, titleOf(userText));
            save.setString(4, profile.wire());
            save.setString(5, userText);
            save.setString(6, replyText);
            save.setString(7, stepsJson(steps));
            try (ResultSet rs = save.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 2;
            }
        } catch (SQLException e) {
            throw new DatabaseException("cannot save the chat turn", e);
        }
    }

    private static String stepsJson(List<ToolStep> steps) {
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < steps.size(); i++) {
            ToolStep step = steps.get(i);
            ObjectNode row = rows.addObject().put("call_id", step.callId()).put("name", step.name());
            row.set("arguments", Json.tree(ToolStep.storedArguments(step.arguments())));
            row.put("summary", step.summary()).put("status", step.status()).put("duration_ms", step.durationMs());
            String output = ToolStep.storedOutput(step.outcome());
            row.set("output", output == null ? null : Json.tree(output));
            row.put("ord", i);
        }
        return rows.toString();
    }

    /** Appends messages written elsewhere (voice transcripts) in order. @return false for a foreign chat id */
    public boolean append(UUID userId, String chatId, Profile profile, List<LanguageModel.Turn> turns,
            String source) {
        return jdbi.inTransaction(h -> {
            Optional<UUID> session = h.createQuery("""
                            insert into chat_sessions (user_id, chat_id, title, profile)
                            values (:userId, :chatId, :title, :profile)
                            on conflict (chat_id) do update set last_message_at = now()
                              where chat_sessions.user_id = excluded.user_id
                            returning id""")
                    .bind("userId", userId).bind("chatId", chatId).bind("title", titleOf(turns.getFirst().text()))
                    .bind("profile", profile.wire()).mapTo(UUID.class).findOne();
            if (session.isEmpty()) {
                return false;
            }
            PreparedBatch batch = h.prepareBatch("""
                    insert into messages (session_id, role, content, source, created_at)
                    values (:sessionId, :role, :content, :source, now() + :offset * interval '1 microsecond')""");
            for (int i = 0; i < turns.size(); i++) {
                batch.bind("sessionId", session.get()).bind("role", turns.get(i).role())
                        .bind("content", turns.get(i).text()).bind("source", source).bind("offset", i).add();
            }
            batch.execute();
            return true;
        });
    }

    private static final String SUMMARY_COLUMNS = """
            select s.chat_id, s.title, s.profile, s.created_at, s.last_message_at,
                   (select content from messages where session_id = s.id
                     order by created_at desc, id desc limit 1) as last_message
              from chat_sessions s
            """;

    /** The caller's sessions, newest first; {@code query} matches titles and message text. */
    public List<SessionSummary> sessions(UUID userId, String query, int limit, int offset) {
        return jdbi.withHandle(h -> h.createQuery(SUMMARY_COLUMNS + """
                         where s.user_id = :userId
                           and (cast(:pattern as text) is null or s.title ilike :pattern or exists (
                                select 1 from messages m where m.session_id = s.id and m.content ilike :pattern))
                         order by s.last_message_at desc, s.id desc
                         limit :limit offset :offset""")
                .bind("userId", userId).bind("pattern", query == null ? null : "%" + escapeLike(query) + "%")
                .bind("limit", limit).bind("offset", offset)
                .map(ChatRepository::summary)
                .list());
    }

    private Optional<SessionSummary> session(UUID userId, String chatId) {
        return jdbi.withHandle(h -> h.createQuery(SUMMARY_COLUMNS
                        + " where s.user_id = :userId and s.chat_id = :chatId")
                .bind("userId", userId).bind("chatId", chatId)
                .map(ChatRepository::summary)
                .findOne());
    }

    private static SessionSummary summary(ResultSet rs, StatementContext ctx) throws SQLException {
        return new SessionSummary(rs.getString("chat_id"), rs.getString("title"), rs.getString("profile"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("last_message_at", OffsetDateTime.class),
                rs.getString("last_message"));
    }

    /**
     * A message and its tool steps: a typed turn's are linked to its reply; a step recorded on its own (a voice
     * call through /api/tools/call) shows on the first reply after it.
     */
    private static final String MESSAGE_COLUMNS = """
            select m.id, m.role, m.content, m.source, m.created_at,
                   (select coalesce(json_agg(json_build_object('call_id', t.call_id, 'name', t.name,
                               'arguments', t.arguments, 'status', t.status, 'summary', t.summary,
                               'duration_ms', t.duration_ms, 'channel', t.channel, 'created_at', t.created_at)
                               order by t.created_at, t.id), '[]')
                      from tool_steps t
                     where t.message_id = m.id
                        or (m.role = 'assistant' and t.message_id is null and t.session_id = m.session_id
                            and t.created_at <= m.created_at
                            and t.created_at > coalesce((select max(p.created_at) from messages p
                                 where p.session_id = m.session_id and p.role = 'assistant'
                                   and p.created_at < m.created_at), '-infinity'))) as tool_steps
              from messages m
            """;

    /** A page of a session's messages, oldest first, older than {@code before} when given; empty if not theirs. */
    public Optional<List<StoredMessage>> messages(UUID userId, String chatId, UUID before, int limit) {
        return jdbi.withHandle(h -> ownedSession(h, userId, chatId).map(sessionId -> {
            List<StoredMessage> page = new ArrayList<>(h.createQuery(MESSAGE_COLUMNS + """
                             where m.session_id = :sessionId
                               and (cast(:before as uuid) is null or (m.created_at, m.id) < (
                                    select created_at, id from messages
                                     where id = cast(:before as uuid) and session_id = :sessionId))
                             order by m.created_at desc, m.id desc limit :limit""")
                    .bind("sessionId", sessionId).bind("before", before).bind("limit", limit)
                    .map((rs, ctx) -> new StoredMessage(rs.getObject("id", UUID.class), rs.getString("role"),
                            rs.getString("content"), rs.getString("source"),
                            rs.getObject("created_at", OffsetDateTime.class), Json.tree(rs.getString("tool_steps"))))
                    .list());
            Collections.reverse(page);
            return page;
        }));
    }

    public Optional<SessionSummary> rename(UUID userId, String chatId, String title) {
        boolean renamed = jdbi.withHandle(h -> h.createUpdate(
                        "update chat_sessions set title = :title where chat_id = :chatId and user_id = :userId")
                .bind("title", title).bind("chatId", chatId).bind("userId", userId).execute()) == 1;
        return renamed ? session(userId, chatId) : Optional.empty();
    }

    public boolean delete(UUID userId, String chatId) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "delete from chat_sessions where chat_id = :chatId and user_id = :userId")
                .bind("chatId", chatId).bind("userId", userId).execute()) == 1;
    }

    private static Optional<UUID> ownedSession(Handle h, UUID userId, String chatId) {
        return h.createQuery("select id from chat_sessions where chat_id = :chatId and user_id = :userId")
                .bind("chatId", chatId).bind("userId", userId).mapTo(UUID.class).findOne();
    }

    static String titleOf(String firstMessage) {
        String line = WHITESPACE.matcher(firstMessage.strip()).replaceAll(" ");
        return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
