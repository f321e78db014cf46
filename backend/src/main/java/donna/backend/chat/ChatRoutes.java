package donna.backend.chat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.auth.AuthGate;
import donna.backend.http.ApiException;
import donna.backend.http.RouteGroup;
import donna.backend.users.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** HTTP side of chat: the donna_logic route (JSON or streamed), history, and messages written elsewhere. */
public final class ChatRoutes implements RouteGroup {
    private static final int MAX_PAGE = 100;
    private static final int MAX_APPENDED = 200;

    private final ChatService service;
    private final ChatRepository chats;
    private final ObjectMapper mapper;

    public ChatRoutes(ChatService service, ChatRepository chats, ObjectMapper mapper) {
        this.service = service;
        this.chats = chats;
        this.mapper = mapper;
    }

    record ChatBody(String message, @JsonProperty("chat_id") String chatId, String profile,
            @JsonProperty("client_outbox") Boolean clientOutbox) {}

    record RenameBody(String title) {}

    record AppendBody(@JsonProperty("chat_id") String chatId, String profile, List<AppendedMessage> messages) {}

    record AppendedMessage(String role, String content, String source) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/chat", this::chat);
        routes.get("/api/chat/sessions", this::sessions);
        routes.get("/api/chat/sessions/{chatId}/messages", this::messages);
        routes.patch("/api/chat/sessions/{chatId}", this::rename);
        routes.delete("/api/chat/sessions/{chatId}", this::delete);
        routes.post("/api/db/chat", this::append);
    }

    private void chat(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        ChatBody body = body(ctx, ChatBody.class);
        ChatService.Request request = new ChatService.Request(body.message(), body.chatId(), body.profile(),
                Boolean.TRUE.equals(body.clientOutbox()));
        String accept = ctx.header("Accept");
        if (accept != null && accept.contains("text/event-stream")) {
            new SseStream(ctx, mapper).run(stream -> service.reply(user, request, stream));
        } else {
            ctx.json(service.reply(user, request, TurnEvents.NONE));
        }
    }

    private void sessions(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        int limit = intParam(ctx, "limit", 20, 1, MAX_PAGE);
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        String q = ctx.queryParam("q");
        List<SessionSummary> page = chats.sessions(user.id(), q == null || q.isBlank() ? null : q.strip(),
                limit + 1, offset);
        boolean more = page.size() > limit;
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("success", true);
        response.put("sessions", more ? page.subList(0, limit) : page);
        response.put("next_offset", more ? offset + limit : null);
        ctx.json(response);
    }

    private void messages(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        String chatId = ChatService.validChatId(ctx.pathParam("chatId"));
        int limit = intParam(ctx, "limit", 50, 1, MAX_PAGE);
        UUID before = uuidParam(ctx, "before");
        List<StoredMessage> page = chats.messages(user.id(), chatId, before, limit + 1)
                .orElseThrow(() -> ApiException.notFound("No chat session " + chatId));
        boolean more = page.size() > limit;
        ctx.json(Map.of("success", true, "messages", more ? page.subList(1, page.size()) : page, "has_more", more));
    }

    private void rename(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        String chatId = ChatService.validChatId(ctx.pathParam("chatId"));
        RenameBody body = body(ctx, RenameBody.class);
        if (body.title() == null || body.title().isBlank() || body.title().length() > 200) {
            throw ApiException.badRequest("validation_failed", "title must be 1-200 characters");
        }
        SessionSummary session = chats.rename(user.id(), chatId, body.title().strip())
                .orElseThrow(() -> ApiException.notFound("No chat session " + chatId));
        ctx.json(Map.of("success", true, "session", session));
    }

    private void delete(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        String chatId = ChatService.validChatId(ctx.pathParam("chatId"));
        if (!chats.delete(user.id(), chatId)) {
            throw ApiException.notFound("No chat session " + chatId);
        }
        ctx.json(Map.of("success", true));
    }

    private void append(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        AppendBody body = body(ctx, AppendBody.class);
        if (body.messages() == null || body.messages().isEmpty() || body.messages().size() > MAX_APPENDED) {
            throw ApiException.badRequest("validation_failed", "messages must hold 1-" + MAX_APPENDED + " items");
        }
        List<LanguageModel.Turn> turns = new ArrayList<>();
        for (AppendedMessage m : body.messages()) {
            // Only what was said aloud: the person's words and DONNA's spoken answers. A caller-written system or
            // assistant "turn" would be replayed to the model as authoritative (hardening finding 6).
            if (!List.of("user", "assistant").contains(m.role())) {
                throw ApiException.badRequest("validation_failed", "role must be user or assistant");
            }
            if (!"voice".equals(m.source())) {
                throw ApiException.badRequest("validation_failed",
                        "source must be voice: typed turns go through POST /api/chat");
            }
            turns.add(new LanguageModel.Turn(m.role(), ChatService.validMessage(m.content())));
        }
        String chatId = body.chatId() == null || body.chatId().isBlank()
                ? UUID.randomUUID().toString() : ChatService.validChatId(body.chatId());
        service.appendVoice(user, chatId, Profile.parse(body.profile()), turns);
        ctx.json(Map.of("success", true, "chat_id", chatId));
    }

    private <T> T body(Context ctx, Class<T> type) {
        T body = ctx.bodyAsClass(type);
        if (body == null) {
            throw ApiException.badRequest("invalid_json", "Request body must be a JSON object");
        }
        return body;
    }

    private static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("validation_failed", name + " must be a whole number from " + min
                    + " to " + max);
        }
    }

    private static UUID uuidParam(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("validation_failed", name + " must be a message id");
        }
    }
}
