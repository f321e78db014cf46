package donna.backend;

import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.auth.AuthGate;
import donna.backend.autopilot.AutopilotPass;
import donna.backend.autopilot.AutopilotRoutes;
import donna.backend.autopilot.AutopilotScheduler;
import donna.backend.campaigns.Campaigns;
import donna.backend.auth.Authenticator;
import donna.backend.auth.ClerkTokenVerifier;
import donna.backend.auth.MeRoutes;
import donna.backend.auth.SignInConfigRoutes;
import donna.backend.config.BackendConfig;
import donna.backend.config.OwnerOnly;
import donna.backend.chat.AbuseFilter;
import donna.backend.chat.AbuseLog;
import donna.backend.chat.ChatRepository;
import donna.backend.chat.ChatRoutes;
import donna.backend.chat.ChatService;
import donna.backend.chat.ChatToolSteps;
import donna.backend.chat.HistoryBudget;
import donna.backend.chat.OpenAiChatModel;
import donna.backend.crypto.TokenCipher;
import donna.backend.crypto.TokenKeys;
import donna.backend.db.Database;
import donna.backend.gmail.DraftService;
import donna.backend.gmail.GmailAccess;
import donna.backend.gmail.GmailConnector;
import donna.backend.gmail.GmailLinks;
import donna.backend.gmail.GmailQuota;
import donna.backend.gmail.GmailRoutes;
import donna.backend.gmail.GoogleHttp;
import donna.backend.gmail.Inbox;
import donna.backend.gmail.SendService;
import donna.backend.leads.LeadRoutes;
import donna.backend.leads.LeadScanRoutes;
import donna.backend.leads.LeadScans;
import donna.backend.leads.LeadStore;
import donna.backend.memory.MemoryRoutes;
import donna.backend.memory.MemoryStore;
import donna.backend.actions.ActionRoutes;
import donna.backend.actions.ActionService;
import donna.backend.actions.RecipientGrounding;
import donna.backend.drafts.DraftRoutes;
import donna.backend.drafts.DraftStore;
import donna.backend.toolbox.ToolRegistry;
import donna.backend.tools.ToolExecutor;
import donna.backend.tools.ToolRoutes;
import donna.backend.tools.ToolStepLog;
import donna.backend.openai.ClientSecretsClient;
import donna.backend.openai.EmbeddingsClient;
import donna.backend.openai.LiveSessionsClient;
import donna.backend.openai.ModerationClient;
import donna.backend.openai.OpenAiHttp;
import donna.backend.openai.ResponsesClient;
import donna.backend.health.HealthRoutes;
import donna.backend.insights.Insights;
import donna.backend.http.ErrorReports;
import donna.backend.http.Json;
import donna.backend.http.RouteGroup;
import donna.backend.ratelimit.RateLimiter;
import donna.backend.realtime.LiveRoutes;
import donna.backend.realtime.LiveSessions;
import donna.backend.realtime.RealtimeRoutes;
import donna.backend.relay.RealtimeRelay;
import donna.backend.voiceturn.VoiceTurnRoutes;
import donna.backend.openai.AudioClient;
import donna.backend.realtime.RealtimeTokens;
import donna.backend.realtime.VoiceBudget;
import donna.backend.today.MailDesk;
import donna.backend.today.TakenMessageStore;
import donna.backend.today.TodayRoutes;
import donna.backend.tools.ToolExecutor;
import donna.backend.users.UserRepository;
import donna.backend.outbound.OutboundAddressPolicy;
import donna.backend.voiceevents.VoiceEventRoutes;
import donna.backend.voiceevents.VoiceEventStore;
import donna.backend.webhooks.ChatTurnEvents;
import donna.backend.webhooks.WebhookEvents;
import donna.backend.webhooks.WebhookPoller;
import donna.backend.webhooks.WebhookRoutes;
import donna.backend.webhooks.WebhookStore;
import donna.backend.webhooks.WebhookWorker;
import io.javalin.Javalin;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The companion service, running: its database (embedded or external), its HTTP server, and everything between.
 * This is the service's composition root; the desktop app starts one in-process for its bundled mode, and
 * {@link Main} runs one in the foreground.
 */
public final class CompanionService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CompanionService.class);
    /** Tokens of history sent with each chat turn: enough for a long conversation, cheap per turn. */
    private static final int HISTORY_TOKEN_BUDGET = 6_000;
    /** How often each instance looks for a due autopilot run (db-scheduler's poll), at most. */
    private static final Duration AUTOPILOT_POLL = Duration.ofSeconds(10);

    private final BackendConfig config;
    private final Database database;
    private final OpenAiHttp openAi;
    private final GoogleHttp google;
    private final AutopilotScheduler autopilot;
    private final Insights insights;
    private final ToolRegistry tools;
    private final Javalin http;
    private final AtomicBoolean closed = new AtomicBoolean();
    private boolean reporting;
    private WebhookPoller webhookPoller;
    private WebhookEvents webhookEvents;
    private Campaigns campaigns;
    private MailDesk today;

    private CompanionService(BackendConfig config, Database database, OpenAiHttp openAi, GoogleHttp google,
            AutopilotScheduler autopilot, Insights insights, ToolRegistry tools, Javalin http) {
        this.config = config;
        this.database = database;
        this.openAi = openAi;
        this.google = google;
        this.autopilot = autopilot;
        this.insights = insights;
        this.tools = tools;
        this.http = http;
    }

    /** Starts everything and returns once the service answers; blocking (seconds on a first embedded start). */
    public static CompanionService start(BackendConfig config) {
        return start(config, List.of());
    }

    /** As {@link #start(BackendConfig)}, with extra route groups (tests mount probes this way). */
    public static CompanionService start(BackendConfig config, List<RouteGroup> extraRoutes) {
        return start(config, extraRoutes, UnaryOperator.identity());
    }

    /**
     * As {@link #start(BackendConfig, List)}, with the tools typed turns run replaced or wrapped (tests put a fake
     * executor here).
     */
    public static CompanionService start(BackendConfig config, List<RouteGroup> extraRoutes,
            UnaryOperator<ToolExecutor> toolsOverride) {
        long started = System.nanoTime();
        boolean reporting = initSentry(config);
        // Secrets, the token key and the embedded database live here: other users of the machine stay out.
        OwnerOnly.folder(config.dataDir());
        Database database = Database.open(config);
        OpenAiHttp openAi = new OpenAiHttp(config.openai());
        GoogleHttp google = new GoogleHttp();
        AutopilotScheduler autopilot = null;
        WebhookPoller webhookPoller = null;
        Insights insights = null;
        Campaigns campaigns = null;
        MailDesk today = null;
        try {
            ObjectMapper mapper = Json.newMapper();
            UserRepository users = new UserRepository(database.jdbi());
            Authenticator authenticator = new Authenticator(config.apiSecret(),
                    config.clerk().map(ClerkTokenVerifier::new), users);
            // A shared deployment's instances draw from one bucket per key in PostgreSQL; the desktop's bundled
            // service is the only one on its database and keeps them in memory.
            RateLimiter limiter = config.footprint() == BackendConfig.Footprint.DESKTOP
                    ? new RateLimiter(config.rateLimitPerMinute())
                    : RateLimiter.shared(config.rateLimitPerMinute(), database.dataSource(), "api");
            AuthGate gate = new AuthGate(authenticator, limiter, config.trustedProxyHops());
            List<RouteGroup> routes = new ArrayList<>();
            routes.add(new HealthRoutes(database, gate, Version.current(), Clock.systemUTC()));
            routes.add(new MeRoutes());
            routes.add(new SignInConfigRoutes(config.clerk()));
            // Webhooks first: leads, campaigns, mail and chat publish their events through webhookEvents (issue 14).
            WebhookEvents webhookEvents = new WebhookEvents(database.jdbi(), mapper, Clock.systemUTC());
            webhookPoller = webhooks(config, database, mapper, webhookEvents, routes);
            ChatRepository chats = new ChatRepository(database.jdbi(), database.dataSource());
            OpenAiChatModel model = new OpenAiChatModel(new ResponsesClient(openAi), new ModerationClient(openAi),
                    config.openai().chatModel());
            MemoryStore memory = new MemoryStore(database.jdbi());
            routes.add(new MemoryRoutes(memory));
            GmailParts mail = gmail(config, database, google, model, mapper, routes, webhookEvents);
            autopilot = mail.autopilot();
            // One registry: typed turns run it in-process, voice engines through /api/tools/call (issue 12).
            // Issue 14: the Sales workspace's leads and the front desk's Today, filled by routes and by tools.
            LeadStore leads = new LeadStore(database.jdbi(), webhookEvents);
            TakenMessageStore messages = new TakenMessageStore(database.jdbi(), webhookEvents);
            routes.add(new LeadRoutes(leads, mapper, Clock.systemDefaultZone()));
            // "Find leads in my inbox": each scan runs on one instance; its progress is in PostgreSQL for all of them.
            LeadScans leadScans = new LeadScans(database.jdbi(), mail.access(), mail.inbox(), leads, model,
                    mapper, Clock.systemUTC());
            routes.add(new LeadScanRoutes(leadScans, mapper));
            // Today's mail side: triage by the chat model in the background, autopilot's queue, follow-ups.
            today = MailDesk.create(database.jdbi(), mail.access(), mail.inbox(), mail.drafts(), model, mapper,
                    mail.pass()::reviewQueue, Clock.systemUTC());
            routes.add(new TodayRoutes(messages, leads, today, mapper, Clock.systemDefaultZone()));
            // Issue 14, Marketing: campaigns send through the exactly-once send path; start_campaign makes drafts.
            campaigns = Campaigns.create(database.jdbi(), mapper, mail.access(), mail.inbox(), mail.sender(),
                    webhookEvents, new ResponsesClient(openAi), config.openai().chatModel(), config.campaigns());
            routes.add(campaigns.routes());
            ToolRegistry registry = tools(database, mail, memory, mapper, routes, new ChatToolSteps(database.jdbi()),
                    leads, leadScans, messages, campaigns);
            insights = insights(config, database, gate, mapper, webhookEvents, openAi);
            routes.addAll(insights.routes());
            ChatService chat = new ChatService(chats, new AbuseLog(database.jdbi()), new AbuseFilter(model), model,
                    new HistoryBudget(HISTORY_TOKEN_BUDGET), toolsOverride.apply(registry), ChatService.Limits.DEFAULT,
                    insights.chatMirror().andThen(new ChatTurnEvents(webhookEvents)));
            routes.add(new ChatRoutes(chat, chats, mapper));
            // The batch voice path (issue 16): a recording in, a typed turn, the answer spoken back.
            routes.add(new VoiceTurnRoutes(chat, new AudioClient(openAi), config.openai().realtime().voice(),
                    config.openai().apiKey().isPresent(), config.elevenLabs(), mapper));
            routes.addAll(voice(config, database, openAi, chats, registry, authenticator));
            routes.addAll(extraRoutes);
            Javalin http = ApiServer.create(config, mapper, gate, routes).start(config.host(), config.port());
            CompanionService service = new CompanionService(config, database, openAi, google, autopilot, insights,
                    registry, http);
            service.reporting = reporting;
            service.webhookPoller = webhookPoller;
            service.webhookEvents = webhookEvents;
            service.campaigns = campaigns;
            service.today = today;
            log.info("DONNA service {} listening on {} ({} database) after {} ms", Version.current(),
                    service.baseUri(), database.mode(), (System.nanoTime() - started) / 1_000_000);
            return service;
        } catch (RuntimeException e) {
            if (autopilot != null) {
                autopilot.close();
            }
            if (webhookPoller != null) {
                webhookPoller.close();
            }
            if (insights != null) {
                insights.close();
            }
            if (campaigns != null) {
                campaigns.close();
            }
            if (today != null) {
                today.close();
            }
            google.close();
            openAi.close();
            database.close();
            if (reporting) {
                ErrorReports.stop(0);
            }
            throw e;
        }
    }

    /**
     * Voice secrets, metered per user in PostgreSQL (issue 15): a shared deployment enforces the configured budget
     * and cap; the desktop's bundled service meters nothing, its one person paying with their own key. With
     * ENABLE_WS_PROXY the Realtime WebSocket is also relayed through the service (issue 16), under the same budget.
     */
    private static List<RouteGroup> voice(BackendConfig config, Database database, OpenAiHttp openAi,
            ChatRepository chats, ToolExecutor registry, Authenticator authenticator) {
        BackendConfig.Realtime realtime = config.openai().realtime();
        VoiceBudget.Limits limits = config.footprint() == BackendConfig.Footprint.DESKTOP
                ? VoiceBudget.Limits.unlimited()
                : new VoiceBudget.Limits(realtime.dailyVoiceMinutes(), realtime.maxConcurrentSessions());
        VoiceBudget budget = new VoiceBudget(database.jdbi(), limits, Clock.systemUTC());
        // The mints' own limit, shared across instances like the API's (docs/security.md, "Rate limits").
        RateLimiter mints = config.footprint() == BackendConfig.Footprint.DESKTOP
                ? new RateLimiter(realtime.rateLimitPerMinute())
                : RateLimiter.shared(realtime.rateLimitPerMinute(), database.dataSource(), "realtime");
        RealtimeTokens tokens = new RealtimeTokens(new ClientSecretsClient(openAi), chats, config.openai(), registry,
                budget, mints);
        // GPT-Live (issue 16): the same limiter and budget as the Realtime mints.
        LiveSessions live = new LiveSessions(new LiveSessionsClient(openAi), chats, config.openai(), registry, budget,
                mints, LiveSessions.DEFAULT_MODEL);
        return List.of(new RealtimeRoutes(tokens, budget), new LiveRoutes(live), new RealtimeRelay(realtime.relay(),
                config.allowedOrigins(), authenticator, mints, budget, tokens, openAi::realtimeSocket));
    }

    /**
     * Webhooks and the voice events log (issue 14): their routes, and this instance's delivery poller (every
     * instance polls the one outbox; WEBHOOKS_POLL_SECONDS=0 leaves delivering to others).
     */
    private static WebhookPoller webhooks(BackendConfig config, Database database, ObjectMapper mapper,
            WebhookEvents events, List<RouteGroup> routes) {
        OutboundAddressPolicy policy = new OutboundAddressPolicy(config.webhooks().allowLoopback(),
                OutboundAddressPolicy.Resolver.system());
        TokenCipher cipher = TokenKeys.cipher(config); // webhook secrets are encrypted like Gmail's tokens
        WebhookStore store = new WebhookStore(database.jdbi(), cipher);
        WebhookPoller poller = new WebhookPoller(new WebhookWorker(database.jdbi(), cipher, policy,
                Clock.systemUTC(), WebhookWorker.Settings.defaults()), config.webhooks().pollInterval());
        routes.add(new WebhookRoutes(store, events, policy, mapper, poller::start));
        routes.add(new VoiceEventRoutes(new VoiceEventStore(database.jdbi(), events, mapper), mapper));
        // The desktop's service polls only once its person has a webhook; a shared one at once (another instance
        // may create one).
        if (config.footprint() != BackendConfig.Footprint.DESKTOP || store.any()) {
            poller.start();
        }
        return poller;
    }

    /**
     * Insights (issue 13): its track route has a limit of its own per API key, ten times a user's (an app sends
     * many conversations), in PostgreSQL for a shared deployment like the API's.
     */
    private static Insights insights(BackendConfig config, Database database, AuthGate gate, ObjectMapper mapper,
            WebhookEvents events, OpenAiHttp openAi) {
        int perMinute = config.rateLimitPerMinute() * 10;
        RateLimiter perKey = config.footprint() == BackendConfig.Footprint.DESKTOP
                ? new RateLimiter(perMinute)
                : RateLimiter.shared(perMinute, database.dataSource(), "insights-track");
        // The desktop's service is alone on its database and woken by its own ingestion: it polls only for
        // retries and idle ends, so once a minute is plenty and an idle app stays quiet.
        Insights.Options options = config.footprint() == BackendConfig.Footprint.DESKTOP
                ? new Insights.Options(Insights.Options.DEFAULTS.idle(), Duration.ofMinutes(1),
                        Insights.Options.DEFAULTS.lease(), true)
                : Insights.Options.DEFAULTS;
        // Alerts: failure.detected to the person's webhooks; Slack under the webhooks' address rules.
        Insights.Alerting alerting = new Insights.Alerting(events, new OutboundAddressPolicy(
                config.webhooks().allowLoopback(), OutboundAddressPolicy.Resolver.system()),
                Insights.Alerting.defaults().window());
        // The LLM judge is each person's setting (off by default); embeddings are FEATURE_EMBEDDINGS (off by default).
        Insights.Ai ai = new Insights.Ai(new ResponsesClient(openAi), config.openai().chatModel(),
                config.features().embeddings() ? new EmbeddingsClient(openAi) : null);
        return Insights.create(database.jdbi(), gate, perKey, mapper, Clock.systemUTC(), options, alerting, ai);
    }

    /** What the tools reuse of Gmail, and autopilot's scheduler (closed with the service). */
    private record GmailParts(AutopilotScheduler autopilot, GmailAccess access, Inbox inbox, SendService sender,
            DraftService drafts, AutopilotPass pass) {}

    /** The tool registry (issue 12) with drafts and pending actions, and their routes. */
    private static ToolRegistry tools(Database database, GmailParts mail, MemoryStore memory, ObjectMapper mapper,
            List<RouteGroup> routes, ToolStepLog steps, LeadStore leads, LeadScans leadScans,
            TakenMessageStore messages, Campaigns campaigns) {
        DraftStore drafts = new DraftStore(database.jdbi());
        ActionService actions = new ActionService(database.jdbi(), drafts, mail.access(),
                new RecipientGrounding(mail.access(), mail.inbox(), database.jdbi()), mail.sender());
        ToolRegistry tools = new ToolRegistry(mail.access(), mail.inbox(), mail.drafts(), drafts, actions, memory,
                database.jdbi(), mapper, leads, leadScans, messages, campaigns.service());
        routes.add(new DraftRoutes(drafts, mapper));
        routes.add(new ActionRoutes(actions, mapper));
        // Steps of calls from voice and other clients are kept with their chat, like a typed turn's.
        routes.add(new ToolRoutes(tools, steps, database.jdbi(), mapper));
        return tools;
    }

    /**
     * Gmail's and autopilot's routes; returns autopilot's scheduler and the parts the tools reuse. A shared
     * deployment starts autopilot at once (another instance may switch it on); the desktop's starts once its person
     * has, now or earlier.
     */
    private static GmailParts gmail(BackendConfig config, Database database, GoogleHttp google,
            OpenAiChatModel model, ObjectMapper mapper, List<RouteGroup> routes, WebhookEvents events) {
        TokenCipher cipher = TokenKeys.cipher(config);
        log.info("Gmail tokens are encrypted under key {}; Gmail is {}", cipher.currentKeyId(),
                config.google().configured() ? "configured" : "not configured (no GOOGLE_CLIENT_ID)");
        GmailAccess access = new GmailAccess(config.google(), new GmailLinks(database.jdbi(), cipher),
                new GmailQuota(config.google().quotaUnitsPerWindow(), config.google().quotaWindow()), google);
        Inbox inbox = new Inbox(access);
        SendService sender = new SendService(access, database.jdbi(), Clock.systemUTC(), events);
        if (config.footprint() == BackendConfig.Footprint.DESKTOP) {
            sender.takeOverDeadLeases(); // the only sender on its database: its leases died with the last run
        }
        DraftService drafts = new DraftService(model, database.jdbi());
        routes.add(new GmailRoutes(access, new GmailConnector(access), inbox, sender, drafts, mapper));
        AutopilotPass pass = new AutopilotPass(access, inbox, drafts, sender, database.jdbi(), Clock.systemUTC());
        Duration every = config.google().autopilotInterval();
        AutopilotScheduler scheduler = new AutopilotScheduler(database.dataSource(), pass::runForEnabledUsers, every,
                every.dividedBy(2).compareTo(AUTOPILOT_POLL) < 0 ? every.dividedBy(2) : AUTOPILOT_POLL, List.of());
        routes.add(new AutopilotRoutes(pass, mapper, scheduler::start));
        if (config.footprint() != BackendConfig.Footprint.DESKTOP || pass.anyoneEnabled()) {
            scheduler.start();
        }
        return new GmailParts(scheduler, access, inbox, sender, drafts, pass);
    }

    /** @return true when this service started error reporting (and so stops it) */
    private static boolean initSentry(BackendConfig config) {
        // Started here for a service on its own; the desktop app starts it first for the whole process.
        return ErrorReports.start(config.sentryDsn(), "donna-backend@" + Version.current(),
                config.footprint() == BackendConfig.Footprint.DESKTOP ? "desktop" : "server");
    }

    public int port() {
        return http.port();
    }

    public URI baseUri() {
        String host = "0.0.0.0".equals(config.host()) ? "127.0.0.1" : config.host();
        return URI.create("http://" + host + ":" + port());
    }

    public Database database() {
        return database;
    }

    /** Where features publish webhook events (issue 14): {@code webhookEvents().publish(userId, type, data)}. */
    public WebhookEvents webhookEvents() {
        return webhookEvents;
    }

    /** Insights: the pipeline's "run due jobs now" hook, the keys, the ingestion (tests reach them here). */
    public Insights insights() {
        return insights;
    }

    /** Marketing's campaigns: the sender's "run due now" hook (tests reach it here). */
    public Campaigns campaigns() {
        return campaigns;
    }

    /** The tools, as typed turns run them in-process. */
    public ToolExecutor tools() {
        return tools;
    }

    /** Stops accepting, lets in-flight requests finish, closes the pool, stops the embedded database. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log.info("DONNA service stopping");
        try {
            http.stop();
        } finally {
            webhookPoller.close();
            campaigns.close();
            today.close();
            autopilot.close();
            insights.close();
            google.close();
            openAi.close();
            database.close();
            if (reporting) {
                ErrorReports.stop(2_000);
            }
        }
        log.info("DONNA service stopped");
    }
}
