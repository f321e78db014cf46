package donna.standins.google;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import donna.standins.support.Exchanges;
import donna.standins.support.Loopback;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Google on 127.0.0.1 for tests and the demo: OAuth (authorize, token with PKCE and refresh, {@code invalid_grant}
 * on demand) and the Gmail REST subset DONNA uses (profile, messages list/get/send/modify, the batch endpoint),
 * over one stateful mailbox, with Gmail's real per-user quota (15,000 units a minute: list/get 5, send 100) and
 * scripted faults. Every method is thread-safe.
 *
 * <pre>{@code
 * try (FakeGoogle google = FakeGoogle.start()) {
 *     String id = google.addInboxMessage().from("Ann <ann@example.com>").subject("Lunch?").add();
 *     google.failNext(Endpoint.SEND, 1, 429);
 *     ... GOOGLE_AUTH_URL = google.authUrl(), GOOGLE_TOKEN_URL = google.tokenUrl(), GMAIL_ROOT_URL = google.rootUrl()
 *     assertThat(google.sentCount("<key@donna>")).isEqualTo(1);
 * }
 * }</pre>
 */
public final class FakeGoogle implements AutoCloseable {
    public static final String DEFAULT_CLIENT_ID = "donna-test.apps.googleusercontent.com";
    public static final String DEFAULT_CLIENT_SECRET = "fake-google-client-secret";
    public static final String DEFAULT_EMAIL = "me@example.com";
    static final String SCOPES = "https://www.googleapis.com/auth/gmail.readonly "
            + "https://www.googleapis.com/auth/gmail.send https://www.googleapis.com/auth/gmail.modify";
    private static final Logger LOG = LoggerFactory.getLogger(FakeGoogle.class);

    private final Loopback.Server server;
    private final GoogleOAuth oauth = new GoogleOAuth(this);
    private final GmailApi api = new GmailApi(this);
    private final Mailbox mailbox = new Mailbox();
    private final Quota quota = new Quota(15_000, Duration.ofMinutes(1));
    private final Map<Endpoint, AtomicInteger> calls = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, AtomicInteger> batched = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, Deque<Fault>> faults = new EnumMap<>(Endpoint.class);
    private final List<SentMail> sent = new CopyOnWriteArrayList<>();
    private volatile String email = DEFAULT_EMAIL;

    private FakeGoogle(int port) {
        for (Endpoint e : Endpoint.values()) {
            calls.put(e, new AtomicInteger());
            batched.put(e, new AtomicInteger());
            faults.put(e, new ArrayDeque<>());
        }
        server = Loopback.start(port);
        server.http().createContext("/o/oauth2/v2/auth", guard(exchange -> {
            count(Endpoint.AUTHORIZE, false);
            oauth.authorize(exchange);
        }));
        server.http().createContext("/token", guard(exchange -> {
            count(Endpoint.TOKEN, false);
            oauth.token(exchange);
        }));
        server.http().createContext("/revoke", guard(exchange -> {
            count(Endpoint.REVOKE, false);
            Fault fault = nextFault(Endpoint.REVOKE);
            if (fault != null) {
                Exchanges.sendJson(exchange, fault.status(), Map.of("error", "backend_error"));
                return;
            }
            oauth.revoke(exchange);
        }));
        server.http().createContext("/gmail/v1/", guard(this::direct));
        server.http().createContext("/upload/gmail/v1/", guard(this::direct));
        BatchEndpoint batch = new BatchEndpoint(api);
        server.http().createContext("/batch/gmail/v1", guard(exchange -> {
            count(Endpoint.BATCH, false);
            batch.handle(exchange);
        }));
        server.begin();
    }

    /** A running fake on a free loopback port. */
    public static FakeGoogle start() {
        return new FakeGoogle(0);
    }

    public static FakeGoogle start(int port) {
        return new FakeGoogle(port);
    }

    /** Runs the fake with a small demo inbox until the process is stopped; prints its base URL first. */
    public static void main(String[] args) throws InterruptedException {
        FakeGoogle fake = start(args.length > 0 ? Integer.parseInt(args[0]) : 0).seedDemoInbox();
        System.out.println(fake.rootUrl()); // the one line a script or a person reads to find the fake
        System.out.flush();
        Loopback.runUntilStopped(fake::close);
    }

    // ---- where it is

    /** GMAIL_ROOT_URL: Gmail paths ({@code /gmail/v1/...}, {@code /batch/gmail/v1}) hang off it. */
    public URI rootUrl() {
        return URI.create(server.baseUrl());
    }

    /** GOOGLE_AUTH_URL. */
    public URI authUrl() {
        return URI.create(server.baseUrl() + "/o/oauth2/v2/auth");
    }

    /** GOOGLE_TOKEN_URL. */
    public URI tokenUrl() {
        return URI.create(server.baseUrl() + "/token");
    }

    /** GOOGLE_REVOKE_URL. */
    public URI revokeUrl() {
        return URI.create(server.baseUrl() + "/revoke");
    }

    /** Refresh tokens that still work: one per grant not revoked. */
    public int liveGrants() {
        return oauth.liveRefreshTokens();
    }

    public String clientId() {
        return DEFAULT_CLIENT_ID;
    }

    public String clientSecret() {
        return DEFAULT_CLIENT_SECRET;
    }

    /** The account's address (profile {@code emailAddress}, the default To of seeded mail). */
    public String email() {
        return email;
    }

    public FakeGoogle email(String address) {
        this.email = address;
        return this;
    }

    // ---- OAuth scripting

    /** Every refresh token (and access token) issued so far stops working: {@code invalid_grant} on refresh. */
    public FakeGoogle revokeRefreshTokens() {
        oauth.revokeRefreshTokens();
        return this;
    }

    /** Access tokens issued so far answer 401, so clients must refresh. */
    public FakeGoogle expireAccessTokens() {
        oauth.expireAccessTokens();
        return this;
    }

    public FakeGoogle accessTokenTtl(Duration ttl) {
        oauth.accessTokenTtl = ttl;
        return this;
    }

    /** The next authorize redirects back with {@code error=access_denied} (the user said no). */
    public FakeGoogle denyNextAuthorize() {
        oauth.denyNextAuthorize();
        return this;
    }

    /** The query of the last authorize request (to check scopes, access_type, PKCE method, ...). */
    public Map<String, String> lastAuthorizeRequest() {
        return oauth.lastAuthorize();
    }

    /** Every refresh token handed out (to check that a client never stores or logs one in the clear). */
    public Set<String> issuedRefreshTokens() {
        return oauth.issuedRefreshTokens();
    }

    /** refresh_token grants asked for so far. */
    public int refreshes() {
        return oauth.refreshes();
    }

    // ---- mailbox

    /** A message to seed into the inbox; {@link InboxMessage#add()} returns its Gmail id. */
    public InboxMessage addInboxMessage() {
        return new InboxMessage(email, seed -> {
            String id = mailbox.newId();
            String threadId = seed.threadId != null ? seed.threadId : id;
            mailbox.add(new StoredMessage(id, threadId, seed.receivedAt, seed.toRfc822(), seed.labels));
            return id;
        });
    }

    /** Labels of a stored message now ({@code INBOX}, {@code UNREAD}, {@code SENT}, ...). */
    public List<String> labels(String gmailId) {
        return mailbox.find(gmailId).map(StoredMessage::labels).orElseThrow();
    }

    public String threadIdOf(String gmailId) {
        return mailbox.find(gmailId).map(m -> m.threadId).orElseThrow();
    }

    /** Every mail accepted by {@code messages.send}, in order. */
    public List<SentMail> sent() {
        return List.copyOf(sent);
    }

    /** How many sent mails carry this Message-ID (angle brackets optional): exactly-once checks count here. */
    public long sentCount(String messageId) {
        String wanted = SearchQuery.stripBrackets(messageId);
        return sent.stream().filter(s -> wanted.equals(SearchQuery.stripBrackets(s.messageId()))).count();
    }

    /** A few ordinary, list and automated mails, and two from would-be buyers, for the demo and the Mail pane. */
    public FakeGoogle seedDemoInbox() {
        Instant now = Instant.now();
        addInboxMessage().from("Ann Lee <ann@example.com>").subject("Lunch on Thursday?")
                .text("Hi! Are you free for lunch on Thursday at 12:30?").receivedAt(now.minusSeconds(600)).add();
        addInboxMessage().from("Product News <news@updates.example.com>").subject("What's new this month")
                .text("Our monthly update.").html("<p>Our <b>monthly</b> update.</p><img src=\"https://t.example.com/p.gif\">")
                .listId("<news.updates.example.com>").listUnsubscribe("<mailto:unsubscribe@updates.example.com>")
                .receivedAt(now.minusSeconds(3_600)).add();
        addInboxMessage().from("no-reply@shop.example.com").subject("Your order has shipped")
                .text("Order 1234 is on its way.").receivedAt(now.minusSeconds(7_200)).unread(false).add();
        // Two would-be buyers, so "Find leads in my inbox" has something to find in the demo.
        addInboxMessage().from("Sam Reed <sam@northwind.example.com>").subject("Pricing for 25 seats")
                .text("Hello, we're comparing assistants for our sales team. Could you send a quote for 25 seats "
                        + "before the end of the month?").receivedAt(now.minusSeconds(86_400)).unread(false).add();
        addInboxMessage().from("Priya Nair <priya@brightlabs.example.org>").subject("Could we see a demo?")
                .text("Hi! My team is interested in DONNA. Could we book a demo next week?")
                .receivedAt(now.minusSeconds(172_800)).unread(false).add();
        // For Today: a sender the person waits on, and a mail the person sent days ago that got no reply.
        addInboxMessage().from("Dana Ortiz <dana@acme.example>").subject("Venue list")
                .text("Thanks for the call. I'll send the venue list by Friday.")
                .receivedAt(now.minusSeconds(10_800)).add();
        addInboxMessage().from(email()).to("Bo Park <bo@studio.example>").subject("Quote for the new website")
                .text("Hi Bo, here is the quote we discussed. Does it work for you?")
                .receivedAt(now.minus(Duration.ofDays(5))).labels("SENT").add();
        return this;
    }

    // ---- quota and faults

    /** Gmail's quota: {@code units} per {@code window} per user (default 15,000 a minute); refills continuously. */
    public FakeGoogle quota(long units, Duration window) {
        quota.set(units, window);
        return this;
    }

    /** Calls refused for want of quota (429 rateLimitExceeded) so far. */
    public long quotaRefusals() {
        return quota.refused();
    }

    /** The next {@code times} calls of the endpoint fail with this status (429/403 as rate limits, Retry-After 1 s). */
    public FakeGoogle failNext(Endpoint endpoint, int times, int status) {
        return failNext(endpoint, times, Fault.status(status));
    }

    public FakeGoogle failNext(Endpoint endpoint, int times, Fault fault) {
        Deque<Fault> queue = faults.get(endpoint);
        synchronized (queue) {
            for (int i = 0; i < times; i++) {
                queue.addLast(fault);
            }
        }
        return this;
    }

    /** Calls of an endpoint so far, direct and inside batches. */
    public int calls(Endpoint endpoint) {
        return calls.get(endpoint).get();
    }

    /** Calls of an endpoint that came inside a batch. */
    public int batchedCalls(Endpoint endpoint) {
        return batched.get(endpoint).get();
    }

    /** Calls of an endpoint made as HTTP requests of their own (not inside a batch). */
    public int directCalls(Endpoint endpoint) {
        return calls(endpoint) - batchedCalls(endpoint);
    }

    @Override
    public void close() {
        server.close();
    }

    // ---- internals shared with the endpoints

    GoogleOAuth oauth() {
        return oauth;
    }

    Mailbox mailbox() {
        return mailbox;
    }

    Quota quota() {
        return quota;
    }

    void count(Endpoint endpoint, boolean inBatch) {
        calls.get(endpoint).incrementAndGet();
        if (inBatch) {
            batched.get(endpoint).incrementAndGet();
        }
    }

    Fault nextFault(Endpoint endpoint) {
        Deque<Fault> queue = faults.get(endpoint);
        synchronized (queue) {
            return queue.pollFirst();
        }
    }

    void recordSent(SentMail mail) {
        sent.add(mail);
    }

    private void direct(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        GmailApi.Reply reply = api.handle(new GmailApi.Call(exchange.getRequestMethod(), pathAndQuery,
                Exchanges.body(exchange), Exchanges.bearer(exchange)), false);
        if (reply.drop()) {
            // The JDK server closes the connection when a handler throws: the client never sees the answer.
            throw new IOException("scripted drop after the call took effect");
        }
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        byte[] bytes = Exchanges.JSON.writeValueAsBytes(reply.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A bug in the fake answers 500 with its message, so tests see a clear status instead of a hang. */
    private static HttpHandler guard(HttpHandler handler) {
        return exchange -> {
            try {
                handler.handle(exchange);
                exchange.close();
            } catch (RuntimeException e) {
                LOG.warn("fake Google failed on {}", exchange.getRequestURI().getPath(), e);
                Exchanges.sendJson(exchange, 500, GoogleErrors.body(500, "backendError", String.valueOf(e.getMessage())));
                exchange.close();
            }
        };
    }
}
