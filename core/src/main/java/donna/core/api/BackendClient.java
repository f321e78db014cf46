package donna.core.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.core.ServiceError;
import donna.core.auth.SignInConfig;
import donna.core.chat.ChatReply;
import donna.core.chat.ChatRequest;
import donna.core.chat.MessagePage;
import donna.core.chat.NewMessage;
import donna.core.chat.Profile;
import donna.core.chat.SessionPage;
import donna.core.chat.SessionSummary;
import donna.core.mail.AutopilotDraft;
import donna.core.mail.AutopilotRun;
import donna.core.mail.AutopilotSettings;
import donna.core.mail.DraftReply;
import donna.core.mail.GmailStatus;
import donna.core.mail.MailJson;
import donna.core.mail.MailMessage;
import donna.core.mail.MailPage;
import donna.core.mail.OutgoingMail;
import donna.core.mail.SendResult;
import donna.core.voice.RealtimeToken;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every call the app makes to the companion service (see docs/api.md), typed. Blocking: call it off the UI thread.
 * Failures are {@link ServiceException}s carrying the service's error envelope; an unreachable service is status 0,
 * code {@code unreachable}. Only GETs are retried (they are idempotent), on connection failures and 503.
 */
public final class BackendClient {
    private static final Logger log = LoggerFactory.getLogger(BackendClient.class);
    private static final String JSON = "application/json";

    private final URI baseUri;
    private final Supplier<Optional<String>> token;
    private final Optional<String> user;
    private final HttpClient http;
    private final RetryPolicy retry;
    private final RetryPolicy.Sleeper sleeper;
    private final Duration requestTimeout;
    private final ObjectMapper json = new ObjectMapper();

    private BackendClient(Builder b) {
        this.baseUri = URI.create(b.baseUri.toString().replaceAll("/+$", ""));
        this.token = b.token;
        this.user = b.user;
        this.http = b.http != null ? b.http
                : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.retry = b.retry;
        this.sleeper = b.sleeper;
        this.requestTimeout = b.requestTimeout;
    }

    public static Builder builder(URI baseUri) {
        return new Builder(baseUri);
    }

    public URI baseUri() {
        return baseUri;
    }

    // ---- Platform

    public Health health() {
        return Wire.health(get("/api/health"));
    }

    /** How to sign in to this service (public); empty when it asks for no sign-in (bundled, API secret only). */
    public Optional<SignInConfig> signInConfig() {
        JsonNode n = get("/api/auth/config");
        if (!"clerk".equals(n.path("sign_in").asText())) {
            return Optional.empty();
        }
        List<String> scopes = new java.util.ArrayList<>();
        n.path("scopes").forEach(s -> scopes.add(s.asText()));
        return Optional.of(new SignInConfig(URI.create(n.path("issuer").asText()), n.path("client_id").asText(),
                URI.create(n.path("redirect_uri").asText()), scopes.isEmpty() ? SignInConfig.DEFAULT_SCOPES : scopes));
    }

    public Me me() {
        return Wire.me(get("/api/me"));
    }

    // ---- Voice

    /** A short-lived client secret to open a realtime voice session with (the default profile's instructions). */
    public RealtimeToken realtimeToken() {
        return realtimeToken(null);
    }

    /** As {@link #realtimeToken()}, DONNA speaking as {@code profile} (null: general). */
    public RealtimeToken realtimeToken(Profile profile) {
        ObjectNode body = json.createObjectNode();
        if (profile != null) {
            body.put("profile", profile.wireName());
        }
        RealtimeToken token = RealtimeToken.fromJson(send("POST", "/api/realtime/token", body));
        if (token == null) {
            throw new ServiceException(new ServiceError(502, "invalid_response",
                    "The service's voice token answer was incomplete", null));
        }
        return token;
    }

    /**
     * Writes messages into a chat session ({@code POST /api/db/chat}): voice transcripts go into the same history
     * as typed chat. {@code chatId} null starts a new session. Not retried (it is not idempotent).
     *
     * @return the session's chat id
     */
    public String appendMessages(String chatId, Profile profile, List<NewMessage> messages) {
        ObjectNode body = json.createObjectNode();
        if (chatId != null) {
            body.put("chat_id", chatId);
        }
        if (profile != null) {
            body.put("profile", profile.wireName());
        }
        var list = body.putArray("messages");
        messages.forEach(m -> list.addObject().put("role", m.role()).put("content", m.content())
                .put("source", m.source()));
        return send("POST", "/api/db/chat", body).path("chat_id").asText(null);
    }

    // ---- Chat

    /** One reply, in one piece. */
    public ChatReply chat(ChatRequest request) {
        return Wire.chatReply(send("POST", "/api/chat", chatBody(request)));
    }

    /**
     * One reply, streamed: {@code onDelta} gets each piece of text as it arrives (on the calling thread), and the
     * final {@code done} object is returned. An {@code error} event, or a stream that ends without {@code done},
     * throws.
     */
    public ChatReply chatStream(ChatRequest request, Consumer<String> onDelta) {
        HttpRequest req = request("/api/chat").header("Accept", "text/event-stream")
                .header("Content-Type", JSON).timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofString(write(chatBody(request)))).build();
        HttpResponse<Stream<String>> response = exchange(req, HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw failure(response.statusCode(), lines.collect(Collectors.joining("\n")), response);
            }
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("text/event-stream")) {
                // A service that ignores Accept answers the plain object: still a valid reply.
                return Wire.chatReply(read(lines.collect(Collectors.joining("\n"))));
            }
            ChatReply[] done = new ChatReply[1];
            SseParser parser = new SseParser((event, data) -> {
                switch (event) {
                    case "delta" -> onDelta.accept(read(data).path("text").asText(""));
                    case "done" -> done[0] = Wire.chatReply(read(data));
                    case "error" -> throw failure(response.statusCode(), data, response);
                    default -> log.debug("Ignoring chat stream event {}", event);
                }
            });
            lines.forEach(parser::line);
            parser.end();
            if (done[0] == null) {
                throw new ServiceException(new ServiceError(0, "stream_interrupted",
                        "The reply stopped before it was complete", traceId(response)));
            }
            return done[0];
        } catch (java.io.UncheckedIOException e) {
            throw ServiceException.unreachable("connection lost while streaming", e);
        }
    }

    /** Sessions, newest first; {@code query} (nullable) searches titles and message text. */
    public SessionPage sessions(int limit, int offset, String query) {
        String q = query == null || query.isBlank() ? "" : "&q=" + enc(query.strip());
        return Wire.sessionPage(get("/api/chat/sessions?limit=" + limit + "&offset=" + offset + q));
    }

    /** Messages of a session, oldest first within the page; {@code beforeId} (nullable) pages back. */
    public MessagePage messages(String chatId, int limit, String beforeId) {
        String before = beforeId == null ? "" : "&before=" + enc(beforeId);
        return Wire.messagePage(get("/api/chat/sessions/" + enc(chatId) + "/messages?limit=" + limit + before));
    }

    public SessionSummary renameSession(String chatId, String title) {
        ObjectNode body = json.createObjectNode().put("title", title);
        return Wire.session(send("PATCH", "/api/chat/sessions/" + enc(chatId), body).path("session"));
    }

    public void deleteSession(String chatId) {
        send("DELETE", "/api/chat/sessions/" + enc(chatId), null);
    }

    // ---- Gmail

    /**
     * The Google consent URL for a desktop connect flow: the app serves {@code redirectUri} on loopback, opens this
     * URL in the browser, checks {@code state} on the redirect and passes the code to {@link #gmailOAuthCallback}.
     */
    public URI gmailOAuthStart(String redirectUri, String codeChallenge, String state) {
        JsonNode answer = send("POST", "/api/gmail/oauth/start", MailJson.oauthStart(redirectUri, codeChallenge, state));
        return URI.create(answer.path("auth_url").asText());
    }

    /** Hands the authorization code and PKCE verifier to the service, which exchanges and keeps the tokens. */
    public GmailStatus gmailOAuthCallback(String code, String codeVerifier, String redirectUri) {
        return MailJson.status(send("POST", "/api/gmail/oauth/callback",
                MailJson.oauthCallback(code, codeVerifier, redirectUri)));
    }

    public GmailStatus gmailStatus() {
        return MailJson.status(get("/api/gmail/status"));
    }

    /** Forgets the Gmail tokens at the service. */
    public void gmailDisconnect() {
        send("DELETE", "/api/gmail/connection", null);
    }

    /** The inbox (or a search, with {@code query}), newest first; {@code pageToken} (nullable) pages on. */
    public MailPage mailPage(int limit, String pageToken, String query) {
        String page = pageToken == null || pageToken.isBlank() ? "" : "&pageToken=" + enc(pageToken);
        String q = query == null || query.isBlank() ? "" : "&q=" + enc(query.strip());
        return MailJson.page(get("/api/gmail/messages?limit=" + limit + page + q));
    }

    public MailMessage mail(String gmailMessageId) {
        return MailJson.message(get("/api/gmail/messages/" + enc(gmailMessageId)));
    }

    /** DONNA drafts a reply to a message; nothing is sent. {@code instructions} is nullable. */
    public DraftReply draftReply(String gmailMessageId, String instructions) {
        return MailJson.draft(send("POST", "/api/gmail/draft-reply",
                MailJson.draftRequest(gmailMessageId, instructions)));
    }

    /**
     * Sends a mail exactly once per {@code idempotencyKey} (8-128 of {@code [A-Za-z0-9._:-]}): the same key again
     * answers the first result ({@link SendResult#replayed()}) and never sends twice. Not retried here: a failure
     * with {@link donna.core.ServiceError#retryable()} may be retried later with the same key.
     */
    public SendResult send(OutgoingMail mail, String idempotencyKey) {
        return MailJson.sendResult(send("POST", "/api/gmail/send", MailJson.outgoing(mail),
                "Idempotency-Key", idempotencyKey));
    }

    /** Runs one autopilot pass for this user now. */
    public AutopilotRun autopilotRun() {
        return MailJson.run(get("/api/gmail/autopilot-run"));
    }

    public AutopilotSettings autopilotSettings() {
        return MailJson.settings(get("/api/gmail/autopilot/settings"));
    }

    public AutopilotSettings putAutopilotSettings(AutopilotSettings settings) {
        return MailJson.settings(send("PUT", "/api/gmail/autopilot/settings", MailJson.settings(settings)));
    }

    /** The review queue: replies autopilot drafted that wait for the user. */
    public List<AutopilotDraft> autopilotDrafts() {
        return MailJson.drafts(get("/api/gmail/autopilot/drafts"));
    }

    /** Sends a queued draft (idempotent on the draft id). */
    public SendResult sendAutopilotDraft(String draftId) {
        return MailJson.sendResult(send("POST", "/api/gmail/autopilot/drafts/" + enc(draftId) + "/send", null));
    }

    public void deleteAutopilotDraft(String draftId) {
        send("DELETE", "/api/gmail/autopilot/drafts/" + enc(draftId), null);
    }

    // ---- Memory

    public List<MemoryEntry> memory() {
        return Wire.memory(get("/api/memory"));
    }

    public void putMemory(String key, JsonNode value) {
        ObjectNode body = json.createObjectNode().put("key", key);
        body.set("value", value);
        send("PUT", "/api/memory", body);
    }

    public void deleteMemory(String key) {
        send("DELETE", "/api/memory/" + enc(key), null);
    }

    // ---- Plumbing

    private ObjectNode chatBody(ChatRequest r) {
        ObjectNode body = json.createObjectNode().put("message", r.message());
        if (r.chatId() != null) {
            body.put("chat_id", r.chatId());
        }
        if (r.profile() != null) {
            body.put("profile", r.profile().wireName());
        }
        return body;
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUri + pathAndQuery)).timeout(requestTimeout);
        token.get().filter(t -> !t.isBlank()).ifPresent(t -> b.header("Authorization", "Bearer " + t));
        user.ifPresent(u -> b.header("X-Donna-User", u));
        return b;
    }

    private JsonNode get(String pathAndQuery) {
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt >= retry.maxAttempts();
            HttpRequest req = request(pathAndQuery).header("Accept", JSON).GET().build();
            try {
                HttpResponse<String> response = http.send(req, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 503 || last) {
                    return handle(response);
                }
                log.debug("GET {} answered 503, attempt {} of {}", path(pathAndQuery), attempt, retry.maxAttempts());
            } catch (IOException e) {
                if (last) {
                    throw ServiceException.unreachable(e.getClass().getSimpleName(), e);
                }
                log.debug("GET {} failed ({}), attempt {} of {}", path(pathAndQuery), e.toString(), attempt,
                        retry.maxAttempts());
            } catch (InterruptedException e) {
                throw cancelled(e);
            }
            try {
                sleeper.sleep(retry.backoffAfter(attempt));
            } catch (InterruptedException e) {
                throw cancelled(e);
            }
        }
    }

    /** {@code headers}: extra name, value pairs. */
    private JsonNode send(String method, String path, JsonNode body, String... headers) {
        HttpRequest.Builder b = request(path).header("Accept", JSON);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if (body != null) {
            b.header("Content-Type", JSON).method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return handle(exchange(b.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private <T> HttpResponse<T> exchange(HttpRequest req, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(req, handler);
        } catch (IOException e) {
            throw ServiceException.unreachable(e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            throw cancelled(e);
        }
    }

    private JsonNode handle(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw failure(response.statusCode(), response.body(), response);
        }
        String body = response.body();
        return body == null || body.isBlank() ? json.createObjectNode() : read(body);
    }

    private ServiceException failure(int status, String body, HttpResponse<?> response) {
        JsonNode tree;
        try {
            tree = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            tree = null;
        }
        ServiceError error = Wire.error(status, tree, traceId(response));
        if (error == null) {
            error = new ServiceError(status, "http_" + status, "The service answered HTTP " + status,
                    traceId(response));
        }
        log.debug("{} {} failed: {} {} (trace {})", response.request().method(), path(response.uri().getPath()),
                error.status(), error.code(), error.traceId());
        return new ServiceException(error, null, retryAfter(response));
    }

    /** Retry-After in seconds (the service never sends the HTTP-date form). */
    private static Duration retryAfter(HttpResponse<?> response) {
        try {
            return response.headers().firstValue("Retry-After").map(v -> Duration.ofSeconds(Long.parseLong(v.trim())))
                    .orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String traceId(HttpResponse<?> response) {
        return response.headers().firstValue("X-Trace-Id").orElse(null);
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ServiceException(new ServiceError(502, "invalid_response",
                    "The service sent an answer the app could not read", null), e);
        }
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ServiceException cancelled(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new ServiceException(new ServiceError(0, "cancelled", "The request was cancelled", null), e);
    }

    /** Paths only in logs: queries carry what people search for. */
    private static String path(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Options of a {@link BackendClient}; only the base URI is required. */
    public static final class Builder {
        private final URI baseUri;
        private Supplier<Optional<String>> token = Optional::empty;
        private Optional<String> user = Optional.empty();
        private HttpClient http;
        private RetryPolicy retry = RetryPolicy.defaults();
        private RetryPolicy.Sleeper sleeper = RetryPolicy.Sleeper.REAL;
        private Duration requestTimeout = Duration.ofSeconds(60);

        private Builder(URI baseUri) {
            this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
        }

        /** Asked before every call, so a refreshed sign-in token is picked up; sent as {@code Bearer}. */
        public Builder token(Supplier<Optional<String>> tokenSupplier) {
            this.token = Objects.requireNonNull(tokenSupplier);
            return this;
        }

        /** {@code X-Donna-User}: the user an internal caller (the bundled app: {@code local}) acts for. */
        public Builder user(String donnaUser) {
            this.user = Optional.ofNullable(donnaUser);
            return this;
        }

        public Builder httpClient(HttpClient client) {
            this.http = client;
            return this;
        }

        public Builder retry(RetryPolicy policy, RetryPolicy.Sleeper waitBetween) {
            this.retry = Objects.requireNonNull(policy);
            this.sleeper = Objects.requireNonNull(waitBetween);
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public BackendClient build() {
            return new BackendClient(this);
        }
    }
}
