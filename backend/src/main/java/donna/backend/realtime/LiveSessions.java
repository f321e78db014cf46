package donna.backend.realtime;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.backend.auth.Caller;
import donna.backend.chat.ChatRepository;
import donna.backend.chat.ChatService;
import donna.backend.chat.Profile;
import donna.backend.config.BackendConfig;
import donna.backend.http.ApiException;
import donna.backend.openai.LiveSessionsClient;
import donna.backend.openai.OpenAiRequestException;
import donna.backend.openai.OpenAiTimeoutException;
import donna.backend.openai.OpenAiUnavailableException;
import donna.backend.ratelimit.RateLimiter;
import donna.backend.tools.ToolExecutor;
import donna.backend.tools.ToolSpec;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GPT-Live sessions (issue 16), the second voice engine: the service creates the session with its own project key
 * and relays the app's SDP offer and OpenAI's answer, under the same rules as a Realtime mint (the mints' rate limit,
 * the voice budget and concurrent cap, no key configured = 503). Tools run through client delegation: Live hands a
 * turn to the app ({@code session.delegation.created}, metadata only), the app runs it as a typed turn with the
 * registry's tools and the confirmation rule, and returns the result as {@code session.commentary.append}; the
 * instructions name the registry's tools so Live knows what to delegate.
 */
public final class LiveSessions {
    private static final Logger log = LoggerFactory.getLogger(LiveSessions.class);
    /** GPT-Live's model name in OpenAI's documentation. */
    public static final String DEFAULT_MODEL = "gpt-live-1";
    /** The documented limit on conversation instructions (tokens); kept well under at about 4 characters a token. */
    static final int MAX_INSTRUCTION_CHARS = 60_000;

    private final LiveSessionsClient client;
    private final ChatRepository chats;
    private final BackendConfig.OpenAi openai;
    private final ToolExecutor tools;
    private final VoiceBudget budget;
    private final RateLimiter limiter;
    private final String model;

    /** @param limiter the Realtime mints' limiter: Live and Realtime sessions count against one limit */
    public LiveSessions(LiveSessionsClient client, ChatRepository chats, BackendConfig.OpenAi openai,
            ToolExecutor tools, VoiceBudget budget, RateLimiter limiter, String model) {
        this.client = client;
        this.chats = chats;
        this.openai = openai;
        this.tools = tools;
        this.budget = budget;
        this.limiter = limiter;
        this.model = model;
    }

    /** A created session: OpenAI's answer and the metered DONNA voice session (none for an operator). */
    public record Opened(LiveSessionsClient.Created live, Optional<UUID> sessionId) {}

    public Opened open(Caller caller, Profile profile, String offerSdp, Optional<UUID> continuing) {
        limiter.acquire(caller.rateLimitKey());
        if (openai.apiKey().isEmpty()) {
            throw new ApiException(503, "upstream_unavailable", "Voice is not configured on this service "
                    + "(no OpenAI key)");
        }
        Optional<VoiceBudget.Opened> metered = caller.user().map(u -> budget.open(u.id(), continuing));
        try {
            LiveSessionsClient.Created created = create(caller, profile, offerSdp);
            return new Opened(created, metered.map(VoiceBudget.Opened::id));
        } catch (RuntimeException e) {
            metered.filter(VoiceBudget.Opened::started).ifPresent(m -> budget.discard(m.id()));
            throw e;
        }
    }

    /** The strict session configuration: only fields Live documents (it rejects unknown ones). */
    ObjectNode session(Caller caller, Profile profile) {
        List<String> memory = caller.user().map(u -> chats.memory(u.id())).orElse(List.of());
        String instructions = ChatService.instructions(profile, memory) + "\n\n" + delegationGuide(tools.specs());
        if (instructions.length() > MAX_INSTRUCTION_CHARS) {
            instructions = instructions.substring(0, MAX_INSTRUCTION_CHARS);
        }
        ObjectNode session = JsonNodeFactory.instance.objectNode().put("model", model)
                .put("instructions", instructions);
        session.putObject("delegation").put("type", "client");
        return session;
    }

    /**
     * What Live should hand to DONNA rather than answer itself: the registry's tools by name and purpose. Live's
     * client delegation carries no function calls, so the tools reach it as guidance; the app runs them.
     */
    static String delegationGuide(List<ToolSpec> specs) {
        StringBuilder b = new StringBuilder("You are speaking, not typing: answer briefly. When the person asks for "
                + "something one of DONNA's tools does, delegate it to the application and wait for its result; "
                + "never claim an action happened before the result says so. Anything that sends or changes "
                + "something outside (sending mail) needs the person's spoken yes after the application read it "
                + "back. DONNA's tools:");
        for (ToolSpec s : specs) {
            b.append("\n- ").append(s.name()).append(": ").append(s.description().strip());
        }
        return b.toString();
    }

    private LiveSessionsClient.Created create(Caller caller, Profile profile, String offerSdp) {
        LiveSessionsClient.Created created;
        try {
            created = client.create(session(caller, profile), offerSdp);
        } catch (OpenAiTimeoutException e) {
            throw new ApiException(504, "upstream_timeout", "The voice service took too long to answer; try again");
        } catch (OpenAiUnavailableException e) {
            log.warn("GPT-Live session not created: {}", e.getMessage());
            throw new ApiException(503, "upstream_unavailable", "The voice service is unavailable; try again "
                    + "shortly");
        } catch (OpenAiRequestException e) {
            if (e.status() == 403) {
                log.warn("GPT-Live refused for {}: this OpenAI account has no Live access", caller.rateLimitKey());
                throw new ApiException(403, "live_unavailable", "This service's OpenAI account has no access to "
                        + "GPT-Live; use the Realtime engine");
            }
            log.error("OpenAI refused to create a GPT-Live session ({}): {}", e.status(), e.getMessage());
            throw new ApiException(502, "upstream_rejected", "The voice service refused the request");
        }
        log.info("Created a GPT-Live session {} for {} (profile {}, model {})", created.sessionId(),
                caller.rateLimitKey(), profile.wire(), model);
        return created;
    }
}
