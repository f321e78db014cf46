package donna.backend.gmail;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.auth.AuthGate;
import donna.backend.http.ApiException;
import donna.backend.http.Json;
import donna.backend.http.RouteGroup;
import donna.backend.users.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** HTTP side of Gmail (docs/api.md, "Gmail"): connect, status, inbox, read, draft, send. Validation and JSON only. */
public final class GmailRoutes implements RouteGroup {
    private static final Pattern PAGE_TOKEN = Pattern.compile("[\\x21-\\x7e]{1,512}");
    private static final int MAX_QUERY = 500;

    private final GmailAccess access;
    private final GmailConnector connector;
    private final Inbox inbox;
    private final SendService sender;
    private final DraftService drafts;
    private final ObjectMapper mapper;

    public GmailRoutes(GmailAccess access, GmailConnector connector, Inbox inbox, SendService sender,
            DraftService drafts, ObjectMapper mapper) {
        this.access = access;
        this.connector = connector;
        this.inbox = inbox;
        this.sender = sender;
        this.drafts = drafts;
        this.mapper = mapper;
    }

    record StartBody(@JsonProperty("redirect_uri") String redirectUri,
            @JsonProperty("code_challenge") String codeChallenge, String state) {}

    record SendBody(List<String> to, List<String> cc, List<String> bcc, String subject, String body,
            @JsonProperty("reply_to_message_id") String replyToMessageId) {}

    record DraftBody(@JsonProperty("message_id") String messageId, String instructions) {}

    record CallbackBody(String code, @JsonProperty("code_verifier") String codeVerifier,
            @JsonProperty("redirect_uri") String redirectUri) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/gmail/oauth/start", this::start);
        routes.post("/api/gmail/oauth/callback", this::callback);
        routes.get("/api/gmail/status", this::status);
        routes.delete("/api/gmail/connection", this::disconnect);
        routes.get("/api/gmail/messages", this::messages);
        routes.get("/api/gmail/messages/{id}", this::message);
        routes.get("/api/gmail/threads/{id}", this::thread);
        routes.post("/api/gmail/send", this::send);
        routes.post("/api/gmail/draft-reply", this::draftReply);
    }

    private void start(Context ctx) {
        AuthGate.caller(ctx).requireUser();
        StartBody body = body(ctx, StartBody.class);
        ctx.json(Map.of("success", true, "auth_url",
                connector.consentUrl(body.redirectUri(), body.codeChallenge(), body.state()).toString()));
    }

    private void callback(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        CallbackBody body = body(ctx, CallbackBody.class);
        String email = connector.connect(user, body.code(), body.codeVerifier(), body.redirectUri());
        ok(ctx, Map.of("status", "connected", "email", email));
    }

    private void status(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        Optional<GmailLinks.Link> link = access.config().configured() ? access.links().find(user.id())
                : Optional.empty();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", link.map(l -> l.usable() ? "connected" : "needs_reconnect").orElse("not_connected"));
        body.put("email", link.map(GmailLinks.Link::email).orElse(null));
        body.put("configured", access.config().configured());
        ok(ctx, body);
    }

    private void disconnect(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        if (connector.disconnect(user)) {
            ctx.status(204);
        } else {
            // Forgotten here, but Google could not confirm: say so, and where the person can end it themselves.
            ctx.status(200).json(java.util.Map.of("disconnected", true, "revoked", false, "message",
                    "DONNA forgot your Gmail access, but Google could not be reached to revoke it; remove DONNA at "
                            + "https://myaccount.google.com/permissions"));
        }
    }

    private void messages(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        int limit = limit(ctx.queryParam("limit"));
        String pageToken = blankToNull(ctx.queryParam("pageToken"));
        if (pageToken != null && !PAGE_TOKEN.matcher(pageToken).matches()) {
            throw ApiException.badRequest("invalid_input", "pageToken is not one Gmail gave");
        }
        String q = blankToNull(ctx.queryParam("q"));
        if (q != null && (q.length() > MAX_QUERY || q.chars().anyMatch(Character::isISOControl))) {
            throw ApiException.badRequest("invalid_input", "q must be at most " + MAX_QUERY + " characters of text");
        }
        ok(ctx, inbox.page(access.open(user), limit, pageToken, q == null ? null : q.strip()));
    }

    private void message(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        ok(ctx, inbox.message(access.open(user), gmailId(ctx.pathParam("id"))));
    }

    private void thread(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        String id = ctx.pathParam("id");
        if (!SendService.GMAIL_ID.matcher(id).matches()) {
            throw ApiException.badRequest("invalid_input", "not a Gmail thread id");
        }
        ok(ctx, inbox.thread(access.open(user), id));
    }

    private void send(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        SendBody body = body(ctx, SendBody.class);
        ok(ctx, sender.send(user, new SendService.Outgoing(body.to(), body.cc(), body.bcc(), body.subject(),
                body.body(), body.replyToMessageId()), ctx.header("Idempotency-Key")));
    }

    private void draftReply(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        DraftBody body = body(ctx, DraftBody.class);
        GmailSession session = access.open(user);
        MailMessage original = inbox.message(session, gmailId(body.messageId()));
        ok(ctx, drafts.draft(user.id(), original, body.instructions()));
    }

    static String gmailId(String id) {
        if (id == null || !SendService.GMAIL_ID.matcher(id).matches()) {
            throw ApiException.badRequest("invalid_input", "not a Gmail message id");
        }
        return id;
    }

    private void ok(Context ctx, Object value) {
        ctx.json(Json.success(mapper, value));
    }

    private static int limit(String raw) {
        if (raw == null || raw.isBlank()) {
            return 25;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= 1 && value <= 100) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("validation_failed", "limit must be a whole number from 1 to 100");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static <T> T body(Context ctx, Class<T> type) {
        T body = ctx.bodyAsClass(type);
        if (body == null) {
            throw ApiException.badRequest("invalid_json", "Request body must be a JSON object");
        }
        return body;
    }
}
