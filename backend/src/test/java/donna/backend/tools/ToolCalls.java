package donna.backend.tools;

import static donna.backend.support.GmailFixture.json;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.support.GmailFixture;
import donna.backend.support.Http;
import donna.backend.users.User;
import donna.backend.users.UserRepository;
import java.util.LinkedHashMap;
import java.util.Map;

/** Calls tools the two ways the service offers: {@code POST /api/tools/call}, and in-process as a typed turn does. */
final class ToolCalls {
    private final GmailFixture f;

    ToolCalls(GmailFixture f) {
        this.f = f;
    }

    /** {@code POST /api/tools/call}; {@code extra} are more body fields (chat_id, user_item_id, client_outbox). */
    Http.Response call(String user, String name, Object arguments, Object... extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("arguments", arguments);
        for (int i = 0; i < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        return f.post(user, "/api/tools/call", json(body));
    }

    /** The output of a call that must have answered 200. */
    JsonNode output(String user, String name, Object arguments, Object... extra) {
        Http.Response r = call(user, name, arguments, extra);
        if (r.status() != 200) {
            throw new AssertionError(name + " answered " + r.status() + ": " + r.body());
        }
        return r.json().path("output");
    }

    /** In-process, as the chat loop runs a tool inside a typed turn. */
    ToolOutcome inTurn(String user, String chatId, String turnId, String userText, boolean clientOutbox, String name,
            Object arguments) {
        ToolCallContext ctx = new ToolCallContext(user(user), chatId, turnId, userText, null, clientOutbox, "chat");
        return f.service.service().tools().call(ctx, name, GmailFixture.tree(json(arguments)));
    }

    User user(String clerkId) {
        return new UserRepository(f.service.service().database().jdbi()).upsert(clerkId, null);
    }

    /** A user message stored in a chat of {@code user} (what ChatService writes after a typed turn). */
    void userSaid(String user, String chatId, String text) {
        f.service.service().database().jdbi().useHandle(h -> {
            h.createUpdate("insert into chat_sessions (user_id, chat_id) values (:u, :c) on conflict (chat_id) do nothing")
                    .bind("u", user(user).id()).bind("c", chatId).execute();
            h.createUpdate("insert into messages (session_id, role, content, source, created_at) "
                            + "select id, 'user', :t, 'chat', clock_timestamp() from chat_sessions where chat_id = :c")
                    .bind("t", text).bind("c", chatId).execute();
        });
    }
}
