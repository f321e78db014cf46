package donna.backend.realtime;

import donna.backend.auth.Caller;
import donna.backend.chat.ChatRepository;
import donna.backend.chat.ChatService;
import donna.backend.chat.Profile;
import donna.backend.config.BackendConfig;
import donna.backend.http.ApiException;
import donna.backend.openai.ClientSecret;
import donna.backend.openai.ClientSecretRequest;
import donna.backend.openai.ClientSecretsClient;
import donna.backend.openai.OpenAiRequestException;
import donna.backend.openai.OpenAiTimeoutException;
import donna.backend.openai.OpenAiUnavailableException;
import donna.backend.ratelimit.RateLimiter;
import donna.backend.tools.ToolExecutor;
import donna.backend.tools.ToolSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mints the short-lived client secret the app opens a voice session with: its own rate limit (stricter than the
 * general one), the session configured with the user's profile and memory, every mint logged without the secret.
 */
public final class RealtimeTokens {
    private static final Logger log = LoggerFactory.getLogger(RealtimeTokens.class);
    static final String TRANSCRIPTION_MODEL = "gpt-4o-mini-transcribe";
    private static final String VOICE_STYLE = resource("voice.md");

    private final ClientSecretsClient secrets;
    private final ChatRepository chats;
    private final RateLimiter limiter;
    private final BackendConfig.OpenAi openai;
    private final ToolExecutor tools;
    private final VoiceBudget budget;

    /** @param budget meters voice per user (a caller acting for no user holds API_SECRET: the operator, unmetered) */
    public RealtimeTokens(ClientSecretsClient secrets, ChatRepository chats, BackendConfig.OpenAi openai,
            ToolExecutor tools, VoiceBudget budget) {
        this(secrets, chats, openai, tools, budget, new RateLimiter(openai.realtime().rateLimitPerMinute()));
    }

    /** @param limiter the mints' own per-user limit (in PostgreSQL in a shared deployment: one across instances) */
    public RealtimeTokens(ClientSecretsClient secrets, ChatRepository chats, BackendConfig.OpenAi openai,
            ToolExecutor tools, VoiceBudget budget, RateLimiter limiter) {
        this.budget = budget;
        this.secrets = secrets;
        this.chats = chats;
        this.openai = openai;
        this.tools = tools;
        this.limiter = limiter;
    }

    /** A minted secret and the metered voice session it belongs to (none for a caller acting for no user). */
    public record Minted(ClientSecret secret, Optional<UUID> sessionId) {}

    /**
     * A secret for {@code caller} speaking with {@code profile}; the model it is valid for is {@link #model()}.
     * {@code continuing} names the caller's live voice session a spare secret (for a reconnect) belongs to; without
     * one, or when it is not the caller's live session, the secret starts a new session.
     */
    public Minted mint(Caller caller, Profile profile, Optional<UUID> continuing) {
        limiter.acquire(caller.rateLimitKey());
        if (openai.apiKey().isEmpty()) {
            throw new ApiException(503, "upstream_unavailable", "Voice is not configured on this service "
                    + "(no OpenAI key)");
        }
        // Admitted (budget, concurrent cap) before OpenAI is asked, so a refusal costs the operator nothing.
        Optional<VoiceBudget.Opened> metered = caller.user().map(u -> budget.open(u.id(), continuing));
        try {
            ClientSecret secret = mintSecret(caller, profile);
            return new Minted(secret, metered.map(VoiceBudget.Opened::id));
        } catch (RuntimeException e) {
            metered.filter(VoiceBudget.Opened::started).ifPresent(m -> budget.discard(m.id()));
            throw e;
        }
    }

    /**
     * The session {@code caller} speaks in with {@code profile}, as a minted secret carries it: for the relay, which
     * opens the session with the service's own key and configures it with this ({@code session.update}).
     */
    public com.fasterxml.jackson.databind.node.ObjectNode sessionFor(Caller caller, Profile profile) {
        return ClientSecretsClient.session(request(caller, profile));
    }

    private ClientSecretRequest request(Caller caller, Profile profile) {
        List<String> memory = caller.user().map(u -> chats.memory(u.id())).orElse(List.of());
        String instructions = ChatService.instructions(profile, memory) + "\n\n" + VOICE_STYLE;
        return new ClientSecretRequest(openai.realtimeModel(), openai.realtime().voice(),
                instructions, TRANSCRIPTION_MODEL, Duration.ofSeconds(openai.realtime().tokenTtlSeconds()),
                sessionTools(tools.specs()));
    }

    private ClientSecret mintSecret(Caller caller, Profile profile) {
        ClientSecretRequest request = request(caller, profile);
        ClientSecret secret;
        try {
            secret = secrets.mint(request);
        } catch (OpenAiTimeoutException e) {
            throw new ApiException(504, "upstream_timeout", "The voice service took too long to answer; try again");
        } catch (OpenAiUnavailableException e) {
            log.warn("Realtime client secret not minted: {}", e.getMessage());
            throw new ApiException(503, "upstream_unavailable", "The voice service is unavailable; try again "
                    + "shortly");
        } catch (OpenAiRequestException e) {
            log.error("OpenAI refused to mint a realtime client secret ({}): {}", e.status(), e.getMessage());
            throw new ApiException(502, "upstream_rejected", "The voice service refused the request");
        }
        // Who, for what and until when: never the secret itself.
        log.info("Minted a realtime client secret for {} (profile {}, model {}, expires {})", caller.rateLimitKey(),
                profile.wire(), openai.realtimeModel(), secret.expiresAt());
        return secret;
    }

    /** The registry's tools as the Realtime session declares them; the app runs them via /api/tools/call. */
    static List<JsonNode> sessionTools(List<ToolSpec> specs) {
        return specs.stream().<JsonNode>map(s -> JsonNodeFactory.instance.objectNode().put("type", "function")
                .put("name", s.name()).put("description", s.description()).set("parameters", s.parameters()))
                .toList();
    }

    public String model() {
        return openai.realtimeModel();
    }

    private static String resource(String name) {
        try (InputStream in = RealtimeTokens.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
