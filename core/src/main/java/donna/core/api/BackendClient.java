package donna.core.api;

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
import donna.core.insights.InsightsClient;
import donna.core.insights.JsonCalls;
import donna.core.leads.Lead;
import donna.core.leads.LeadFilter;
import donna.core.leads.LeadJson;
import donna.core.mail.AutopilotDraft;
import donna.core.mail.AutopilotRun;
import donna.core.mail.AutopilotSettings;
import donna.core.mail.DraftReply;
import donna.core.mail.GmailStatus;
import donna.core.mail.MailJson;
import donna.core.mail.MailMessage;
import donna.core.mail.MailPage;
import donna.core.mail.MailSummary;
import donna.core.mail.OutgoingMail;
import donna.core.mail.SendResult;
import donna.core.tools.Confirmation;
import donna.core.tools.Draft;
import donna.core.tools.DraftEdit;
import donna.core.tools.PendingAction;
import donna.core.tools.ToolCallResult;
import donna.core.tools.ToolJson;
import donna.core.tools.ToolStep;
import donna.core.voice.RealtimeToken;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every call the app makes to the companion service (see docs/api.md), typed; the HTTP plumbing is {@link ServiceHttp}.
 * Blocking: call it off the UI thread. Failures are {@link ServiceException}s carrying the service's error envelope;
 * an unreachable service is status 0, code {@code unreachable}. Only GETs are retried (they are idempotent), on
 * connection failures and 503.
 */
public final class BackendClient {
    private static final Logger log = LoggerFactory.getLogger(BackendClient.class);
    /** A streamed reply may take its time; this bounds the whole of it. */
    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(5);

    private final URI baseUri;
    private final ServiceHttp http;
    private final ObjectMapper json;

    private BackendClient(Builder b) {
        this.baseUri = URI.create(b.baseUri.toString().replaceAll("/+$", ""));
        this.http = new ServiceHttp(baseUri, b.token, b.user, ServiceConnections.forBase(baseUri), b.retry, b.sleeper,
                b.requestTimeout);
        this.json = http.json();
    }

    public static Builder builder(URI baseUri) {
        return new Builder(baseUri);
    }

    public URI baseUri() {
        return baseUri;
    }

    // ---- Platform

    public Health health() {
        return Wire.health(http.get("/api/health"));
    }

    /** How to sign in to this service (public); empty when it asks for no sign-in (bundled, API secret only). */
    public Optional<SignInConfig> signInConfig() {
        JsonNode n = http.get("/api/auth/config");
        if (!"clerk".equals(n.path("sign_in").asText())) {
            return Optional.empty();
        }
        List<String> scopes = new java.util.ArrayList<>();
        n.path("scopes").forEach(s -> scopes.add(s.asText()));
        return Optional.of(new SignInConfig(URI.create(n.path("issuer").asText()), n.path("client_id").asText(),
                URI.create(n.path("redirect_uri").asText()), scopes.isEmpty() ? SignInConfig.DEFAULT_SCOPES : scopes));
    }

    public Me me() {
        return Wire.me(http.get("/api/me"));
    }

    // ---- Voice

    /** A short-lived client secret to open a realtime voice session with (the default profile's instructions). */
    public RealtimeToken realtimeToken() {
        return realtimeToken(null);
    }

    /** As {@link #realtimeToken()}, DONNA speaking as {@code profile} (null: general). */
    public RealtimeToken realtimeToken(Profile profile) {
        return realtimeToken(profile, null);
    }

    /**
     * As {@link #realtimeToken(Profile)}; {@code continuing} names the metered voice session (a token's
     * {@code sessionId}) a spare secret for a reconnect belongs to, so the service counts one conversation (null: a
     * new session). Over the user's voice budget or concurrent cap it is a 429 ({@code voice_budget_exhausted},
     * {@code voice_session_limit}) whose message says why.
     */
    public RealtimeToken realtimeToken(Profile profile, String continuing) {
        ObjectNode body = json.createObjectNode();
        if (profile != null) {
            body.put("profile", profile.wireName());
        }
        if (continuing != null) {
            body.put("session_id", continuing);
        }
        RealtimeToken token = RealtimeToken.fromJson(http.send("POST", "/api/realtime/token", body));
        if (token == null) {
            throw new ServiceException(new ServiceError(502, "invalid_response",
                    "The service's voice token answer was incomplete", null));
        }
        return token;
    }

    // ---- Voice: GPT-Live (issue 16)

    /**
     * {@code POST /api/voice/live/sessions}: the service creates a GPT-Live session with its own key for this SDP
     * offer; the answer is {@code {"sdp","live_session_id","donna_session_id"?}}. An account without Live access is a
     * 403 {@code live_unavailable}.
     */
    public JsonNode liveSession(Profile profile, String offerSdp) {
        return liveSession(profile, offerSdp, null);
    }

    /**
     * As {@link #liveSession(Profile, String)}; {@code continuing} names the metered voice session (a
     * {@code donna_session_id}) of a dropped connection that a reconnect continues, so the service counts one
     * conversation (null: a new session; the answer's id says whether it was continued).
     */
    public JsonNode liveSession(Profile profile, String offerSdp, String continuing) {
        ObjectNode body = json.createObjectNode().put("sdp", offerSdp);
        if (profile != null) {
            body.put("profile", profile.wireName());
        }
        if (continuing != null) {
            body.put("session_id", continuing);
        }
        return http.send("POST", "/api/voice/live/sessions", body);
    }

    /** A typed turn's raw answer ({@code POST /api/chat}): a delegated Live turn reads its cards as sent. */
    public JsonNode chatJson(ChatRequest request) {
        return http.send("POST", "/api/chat", chatBody(request));
    }

    // ---- Voice: the relay and the batch path (issue 16)

    /**
     * The relay's upgrade request ({@code GET /api/realtime/ws?profile=}) with this client's own credentials, for
     * the app's WebSocket transport; nothing is sent here.
     */
    public Request realtimeRelayRequest(Profile profile) {
        return http.request("/api/realtime/ws?profile=" + (profile == null ? Profile.GENERAL : profile).wireName())
                .build();
    }

    /**
     * Whether the service offers the relay: one WebSocket upgrade of its path without credentials (nothing is
     * spent: the relay refuses it with 1008 before any limit). A service without {@code ENABLE_WS_PROXY} answers the
     * upgrade with 404; an unreachable service is a {@link ServiceException}.
     */
    public boolean offersRealtimeRelay() {
        java.util.concurrent.CompletableFuture<Boolean> answer = new java.util.concurrent.CompletableFuture<>();
        okhttp3.WebSocket probe = ServiceConnections.forBase(baseUri).newWebSocket(
                new Request.Builder().url(baseUri + "/api/realtime/ws").build(), new okhttp3.WebSocketListener() {
                    @Override
                    public void onOpen(okhttp3.WebSocket webSocket, Response response) {
                        answer.complete(true);
                        webSocket.close(1000, "probe");
                    }

                    @Override
                    public void onFailure(okhttp3.WebSocket webSocket, Throwable t, Response response) {
                        if (response != null) {
                            answer.complete(response.code() != 404);
                        } else {
                            answer.completeExceptionally(t);
                        }
                    }
                });
        try {
            return answer.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw ServiceException.unreachable("the relay probe failed: " + e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            probe.cancel();
            throw ServiceException.unreachable("the relay probe timed out", e);
        } catch (InterruptedException e) {
            probe.cancel();
            Thread.currentThread().interrupt();
            throw ServiceException.unreachable("interrupted", e);
        }
    }

    /**
     * One batch voice turn ({@code POST /api/voice/turn}, docs/api.md): {@code wav} is the recording; each server
     * event but {@code done} and {@code error} ({@code transcript}, {@code tool}, {@code delta}, {@code audio},
     * {@code speech_error}) goes to {@code onEvent} with its data, as it arrives, on the calling thread; the
     * {@code done} object (the chat contract) is returned. A refusal ({@code no_speech}, {@code audio_too_long},
     * ...) or an {@code error} event throws its {@link ServiceException}.
     */
    public JsonNode voiceTurn(byte[] wav, String chatId, Profile profile, boolean clientOutbox,
            java.util.function.BiConsumer<String, JsonNode> onEvent) {
        StringBuilder query = new StringBuilder("/api/voice/turn?profile=")
                .append((profile == null ? Profile.GENERAL : profile).wireName());
        if (chatId != null) {
            query.append("&chat_id=").append(enc(chatId));
        }
        if (clientOutbox) {
            query.append("&client_outbox=true");
        }
        Request req = http.request(query.toString()).header("Accept", "text/event-stream")
                .post(okhttp3.RequestBody.create(wav, okhttp3.MediaType.get("audio/wav"))).build();
        try (Response response = http.exchange(req, STREAM_TIMEOUT)) {
            if (!response.isSuccessful()) {
                throw http.failure(response.code(), response.body().string(), response);
            }
            JsonNode[] done = new JsonNode[1];
            SseParser parser = new SseParser((event, data) -> {
                switch (event) {
                    case "done" -> done[0] = http.read(data);
                    case "error" -> throw http.failure(502, data, response);
                    default -> onEvent.accept(event, http.read(data));
                }
            });
            BufferedSource lines = response.body().source();
            for (String line = lines.readUtf8Line(); line != null; line = lines.readUtf8Line()) {
                parser.line(line);
            }
            parser.end();
            if (done[0] == null) {
                throw new ServiceException(new ServiceError(0, "stream_interrupted",
                        "The spoken reply stopped before it was complete", ServiceHttp.traceId(response)));
            }
            return done[0];
        } catch (IOException e) {
            throw ServiceHttp.failed(e, "connection lost while streaming");
        }
    }

    /** A metered voice session is still connected ({@code POST /api/realtime/sessions/{id}/heartbeat}). */
    public void voiceHeartbeat(String sessionId) {
        http.send("POST", "/api/realtime/sessions/" + enc(sessionId) + "/heartbeat", json.createObjectNode());
    }

    /** A metered voice session ended ({@code POST /api/realtime/sessions/{id}/end}); ending twice is harmless. */
    public void endVoiceSession(String sessionId) {
        http.send("POST", "/api/realtime/sessions/" + enc(sessionId) + "/end", json.createObjectNode());
    }

    /**
     * Reports voice session events to the voice events log ({@code POST /api/voice/events}, at most 100 a call).
     * Not retried here: {@link donna.core.voice.VoiceEventLog} decides.
     */
    public void reportVoiceEvents(List<donna.core.voice.VoiceEvent> events) {
        ObjectNode body = json.createObjectNode();
        var list = body.putArray("events");
        events.forEach(e -> list.addObject().put("session_id", e.sessionId()).put("type", e.type())
                .put("at", e.at().toString()).set("data", json.valueToTree(e.data())));
        http.send("POST", "/api/voice/events", body);
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
        return http.send("POST", "/api/db/chat", body).path("chat_id").asText(null);
    }

    /**
     * Runs one of DONNA's tools for a spoken turn ({@code POST /api/tools/call}). A tool that fails in its work
     * answers normally with an {@code error} output; an unknown tool (404) or bad arguments (400) throw. Not retried
     * (a tool may have an effect). {@code chatId}, {@code callId} and {@code userItemId} are nullable.
     *
     * @param clientOutbox true when this app queues confirmed mail in its own outbox (else the service sends it)
     */
    public ToolCallResult callTool(String name, JsonNode arguments, String chatId, String callId, String userItemId,
            boolean clientOutbox) {
        ObjectNode body = json.createObjectNode().put("name", name);
        body.set("arguments", arguments == null ? json.createObjectNode() : arguments);
        if (chatId != null) {
            body.put("chat_id", chatId);
        }
        if (callId != null) {
            body.put("call_id", callId);
        }
        if (userItemId != null) {
            body.put("user_item_id", userItemId);
        }
        body.put("client_outbox", clientOutbox);
        return ToolJson.callResult(http.send("POST", "/api/tools/call", body));
    }

    // ---- Chat

    /** One reply, in one piece. */
    public ChatReply chat(ChatRequest request) {
        return Wire.chatReply(http.send("POST", "/api/chat", chatBody(request)));
    }

    /**
     * One reply, streamed: {@code onDelta} gets each piece of text as it arrives (on the calling thread), and the
     * final {@code done} object is returned. An {@code error} event, or a stream that ends without {@code done},
     * throws.
     */
    public ChatReply chatStream(ChatRequest request, Consumer<String> onDelta) {
        return chatStream(request, onDelta, step -> { });
    }

    /**
     * As {@link #chatStream(ChatRequest, Consumer)}; {@code onTool} gets each {@code tool} event (a tool DONNA runs
     * in this turn: running, then done or failed) as it arrives, between the deltas, on the calling thread.
     */
    public ChatReply chatStream(ChatRequest request, Consumer<String> onDelta, Consumer<ToolStep> onTool) {
        Request req = http.request("/api/chat").header("Accept", "text/event-stream")
                .post(http.jsonBody(chatBody(request))).build();
        try (Response response = http.exchange(req, STREAM_TIMEOUT)) {
            if (!response.isSuccessful()) {
                throw http.failure(response.code(), response.body().string(), response);
            }
            String type = Objects.requireNonNullElse(response.header("Content-Type"), "");
            if (!type.startsWith("text/event-stream")) {
                // A service that ignores Accept answers the plain object: still a valid reply.
                return Wire.chatReply(http.read(response.body().string()));
            }
            ChatReply[] done = new ChatReply[1];
            SseParser parser = new SseParser((event, data) -> {
                switch (event) {
                    case "delta" -> onDelta.accept(http.read(data).path("text").asText(""));
                    case "tool" -> onTool.accept(ToolJson.step(http.read(data)));
                    case "done" -> done[0] = Wire.chatReply(http.read(data));
                    case "error" -> throw http.failure(response.code(), data, response);
                    default -> log.debug("Ignoring chat stream event {}", event);
                }
            });
            BufferedSource lines = response.body().source();
            for (String line = lines.readUtf8Line(); line != null; line = lines.readUtf8Line()) {
                parser.line(line);
            }
            parser.end();
            if (done[0] == null) {
                throw new ServiceException(new ServiceError(0, "stream_interrupted",
                        "The reply stopped before it was complete", ServiceHttp.traceId(response)));
            }
            return done[0];
        } catch (IOException e) {
            throw ServiceHttp.failed(e, "connection lost while streaming");
        }
    }

    /** Sessions, newest first; {@code query} (nullable) searches titles and message text. */
    public SessionPage sessions(int limit, int offset, String query) {
        String q = query == null || query.isBlank() ? "" : "&q=" + enc(query.strip());
        return Wire.sessionPage(http.get("/api/chat/sessions?limit=" + limit + "&offset=" + offset + q));
    }

    /** Messages of a session, oldest first within the page; {@code beforeId} (nullable) pages back. */
    public MessagePage messages(String chatId, int limit, String beforeId) {
        String before = beforeId == null ? "" : "&before=" + enc(beforeId);
        return Wire.messagePage(http.get("/api/chat/sessions/" + enc(chatId) + "/messages?limit=" + limit + before));
    }

    public SessionSummary renameSession(String chatId, String title) {
        ObjectNode body = json.createObjectNode().put("title", title);
        return Wire.session(http.send("PATCH", "/api/chat/sessions/" + enc(chatId), body).path("session"));
    }

    public void deleteSession(String chatId) {
        http.send("DELETE", "/api/chat/sessions/" + enc(chatId), null);
    }

    // ---- Gmail

    /**
     * The Google consent URL for a desktop connect flow: the app serves {@code redirectUri} on loopback, opens this
     * URL in the browser, checks {@code state} on the redirect and passes the code to {@link #gmailOAuthCallback}.
     */
    public URI gmailOAuthStart(String redirectUri, String codeChallenge, String state) {
        JsonNode answer = http.send("POST", "/api/gmail/oauth/start", MailJson.oauthStart(redirectUri, codeChallenge, state));
        return URI.create(answer.path("auth_url").asText());
    }

    /** Hands the authorization code and PKCE verifier to the service, which exchanges and keeps the tokens. */
    public GmailStatus gmailOAuthCallback(String code, String codeVerifier, String redirectUri) {
        return MailJson.status(http.send("POST", "/api/gmail/oauth/callback",
                MailJson.oauthCallback(code, codeVerifier, redirectUri)));
    }

    public GmailStatus gmailStatus() {
        return MailJson.status(http.get("/api/gmail/status"));
    }

    /** Forgets the Gmail tokens at the service. */
    public void gmailDisconnect() {
        http.send("DELETE", "/api/gmail/connection", null);
    }

    /** The inbox (or a search, with {@code query}), newest first; {@code pageToken} (nullable) pages on. */
    public MailPage mailPage(int limit, String pageToken, String query) {
        String page = pageToken == null || pageToken.isBlank() ? "" : "&pageToken=" + enc(pageToken);
        String q = query == null || query.isBlank() ? "" : "&q=" + enc(query.strip());
        return MailJson.page(http.get("/api/gmail/messages?limit=" + limit + page + q));
    }

    public MailMessage mail(String gmailMessageId) {
        return MailJson.message(http.get("/api/gmail/messages/" + enc(gmailMessageId)));
    }

    /** A Gmail thread's messages (list rows, no bodies), oldest first. */
    public List<MailSummary> mailThread(String gmailThreadId) {
        return MailJson.thread(http.get("/api/gmail/threads/" + enc(gmailThreadId)));
    }

    /** DONNA drafts a reply to a message; nothing is sent. {@code instructions} is nullable. */
    public DraftReply draftReply(String gmailMessageId, String instructions) {
        return MailJson.draft(http.send("POST", "/api/gmail/draft-reply",
                MailJson.draftRequest(gmailMessageId, instructions)));
    }

    /**
     * Sends a mail exactly once per {@code idempotencyKey} (8-128 of {@code [A-Za-z0-9._:-]}): the same key again
     * answers the first result ({@link SendResult#replayed()}) and never sends twice. Not retried here: a failure
     * with {@link donna.core.ServiceError#retryable()} may be retried later with the same key.
     */
    public SendResult send(OutgoingMail mail, String idempotencyKey) {
        return MailJson.sendResult(http.send("POST", "/api/gmail/send", MailJson.outgoing(mail),
                "Idempotency-Key", idempotencyKey));
    }

    /** Runs one autopilot pass for this user now. */
    public AutopilotRun autopilotRun() {
        return MailJson.run(http.get("/api/gmail/autopilot-run"));
    }

    public AutopilotSettings autopilotSettings() {
        return MailJson.settings(http.get("/api/gmail/autopilot/settings"));
    }

    public AutopilotSettings putAutopilotSettings(AutopilotSettings settings) {
        return MailJson.settings(http.send("PUT", "/api/gmail/autopilot/settings", MailJson.settings(settings)));
    }

    /** The review queue: replies autopilot drafted that wait for the user. */
    public List<AutopilotDraft> autopilotDrafts() {
        return MailJson.drafts(http.get("/api/gmail/autopilot/drafts"));
    }

    /** Sends a queued draft (idempotent on the draft id). */
    public SendResult sendAutopilotDraft(String draftId) {
        return MailJson.sendResult(http.send("POST", "/api/gmail/autopilot/drafts/" + enc(draftId) + "/send", null));
    }

    public void deleteAutopilotDraft(String draftId) {
        http.send("DELETE", "/api/gmail/autopilot/drafts/" + enc(draftId), null);
    }

    // ---- Drafts and actions: what DONNA prepared, and the person's yes (issue 12, the app's cards)

    /** This user's open drafts, newest first. */
    public List<Draft> drafts() {
        List<Draft> list = new java.util.ArrayList<>();
        http.get("/api/drafts").path("drafts").forEach(d -> {
            Draft draft = ToolJson.draft(d);
            if (draft != null) {
                list.add(draft);
            }
        });
        return list;
    }

    public Draft draft(String draftId) {
        return requireDraft(http.get("/api/drafts/" + enc(draftId)));
    }

    /** Saves the person's edits; fields left null stay as they are. */
    public Draft editDraft(String draftId, DraftEdit edit) {
        return requireDraft(http.send("PATCH", "/api/drafts/" + enc(draftId), ToolJson.draftEdit(edit)));
    }

    public void discardDraft(String draftId) {
        http.send("DELETE", "/api/drafts/" + enc(draftId), null);
    }

    /**
     * Asks to send a draft ({@code send_draft} through {@code POST /api/tools/call}, for this app's outbox): nothing
     * is sent, a pending action is made, which {@link #confirmAction} carries out. A tool that failed in its work
     * (the draft is gone, say) is a {@link ServiceException} with the tool's code and message.
     */
    public PendingAction sendDraft(String draftId) {
        ObjectNode body = json.createObjectNode().put("name", "send_draft").put("client_outbox", true);
        body.putObject("arguments").put("draft_id", draftId);
        ToolCallResult result = ToolJson.callResult(http.send("POST", "/api/tools/call", body));
        if (result.failed()) {
            JsonNode error = result.output().path("error");
            throw new ServiceException(new ServiceError(422, error.path("code").asText("tool_failed"),
                    result.errorMessage(), null));
        }
        PendingAction action = ToolJson.pendingActionOf(result);
        if (action == null) {
            throw invalid("The service's send_draft answer named no pending action");
        }
        return action;
    }

    /** The person's click on Send: the action is carried out, and the mail to put in the outbox comes back. */
    public Confirmation confirmAction(String actionId) {
        Confirmation c = ToolJson.confirmation(http.send("POST", "/api/actions/" + enc(actionId) + "/confirm", null));
        if (c.mail() == null) {
            throw invalid("The service's confirmation carried no mail for the outbox");
        }
        return c;
    }

    public PendingAction cancelAction(String actionId) {
        return ToolJson.action(http.send("POST", "/api/actions/" + enc(actionId) + "/cancel", null).path("action"));
    }

    /** Actions that wait for the person's yes. */
    public List<PendingAction> pendingActions() {
        List<PendingAction> list = new java.util.ArrayList<>();
        http.get("/api/actions?status=pending").path("actions").forEach(a -> {
            PendingAction action = ToolJson.action(a);
            if (action != null) {
                list.add(action);
            }
        });
        return list;
    }

    private static Draft requireDraft(JsonNode answer) {
        Draft d = ToolJson.draft(answer.path("draft"));
        if (d == null) {
            throw invalid("The service's draft answer was incomplete");
        }
        return d;
    }

    private static ServiceException invalid(String message) {
        return new ServiceException(new ServiceError(502, "invalid_response", message, null));
    }

    // ---- Memory

    public List<MemoryEntry> memory() {
        return Wire.memory(http.get("/api/memory"));
    }

    public void putMemory(String key, JsonNode value) {
        ObjectNode body = json.createObjectNode().put("key", key);
        body.set("value", value);
        http.send("PUT", "/api/memory", body);
    }

    public void deleteMemory(String key) {
        http.send("DELETE", "/api/memory/" + enc(key), null);
    }

    // ---- Leads: the Sales workspace (issue 14)

    /** The user's leads matching {@code filter}: newest first, or soonest follow-up first when filtering on it. */
    public List<Lead> leads(LeadFilter filter) {
        StringBuilder query = new StringBuilder();
        if (filter.stage() != null) {
            query.append("&stage=").append(enc(filter.stage()));
        }
        if (filter.category() != null) {
            query.append("&category=").append(enc(filter.category()));
        }
        if (filter.q() != null && !filter.q().isBlank()) {
            query.append("&q=").append(enc(filter.q().strip()));
        }
        if (filter.followUpDue()) {
            query.append("&follow_up_due=true");
        }
        return LeadJson.leads(http.get("/api/leads" + (query.isEmpty() ? "" : "?" + query.substring(1))));
    }

    /** Moves a lead to another stage of the pipeline; the lead as stored comes back. */
    public Lead setLeadStage(String leadId, String stage) {
        Lead lead = LeadJson.lead(http.send("PATCH", "/api/leads/" + enc(leadId),
                json.createObjectNode().put("stage", stage)).path("lead"));
        if (lead == null) {
            throw invalid("The service's lead answer was incomplete");
        }
        return lead;
    }

    /** Lead edits and "Find leads in my inbox" (the Sales workspace), over this client's connection. */
    public LeadsClient leadsClient() {
        return new LeadsClient(http);
    }

    /** The Today routes (the front desk's messages and follow-ups), over this client's connection. */
    public TodayClient today() {
        return new TodayClient(http);
    }

    /** The campaigns routes (the Marketing workspace), over this client's connection. */
    public CampaignsClient campaigns() {
        return new CampaignsClient(http);
    }

    /** The webhooks routes (Settings > Integrations), over this client's connection. */
    public WebhooksClient webhooks() {
        return new WebhooksClient(http);
    }

    // ---- Insights (issue 13): the calls are in InsightsClient, over this client's plumbing

    /** The Insights routes ({@code /api/v1}) as this client calls them (same token, user, errors and retries). */
    public InsightsClient insights() {
        return new InsightsClient(new JsonCalls() {
            @Override
            public JsonNode get(String pathAndQuery) {
                return http.get(pathAndQuery);
            }

            @Override
            public JsonNode send(String method, String path, JsonNode body) {
                return http.send(method, path, body);
            }
        });
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
        if (r.clientOutbox()) {
            body.put("client_outbox", true);
        }
        return body;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Options of a {@link BackendClient}; only the base URI is required. */
    public static final class Builder {
        private final URI baseUri;
        private Supplier<Optional<String>> token = Optional::empty;
        private Optional<String> user = Optional.empty();
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
