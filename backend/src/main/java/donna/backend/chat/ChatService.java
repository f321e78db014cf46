package donna.backend.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.backend.http.ApiException;
import donna.backend.tools.ToolCallContext;
import donna.backend.tools.ToolExecutor;
import donna.backend.tools.ToolSpec;
import donna.backend.users.User;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One chat turn: validate, check for abuse, build the prompt (profile instructions, memory, the history that fits
 * the budget), then the tool loop: the model answers or calls tools; the calls of one response run together and
 * their outputs go back to the model, until it answers in text, at most {@link Limits#maxSteps()} model calls and
 * within {@link Limits#deadline()}. Text streams out as it comes, tool steps as they start and end. The exchange
 * and its tool steps are persisted in one statement before the caller sees the final result; if the model fails,
 * nothing is written.
 */
public final class ChatService {
    public static final int MAX_MESSAGE_CHARS = 8_000;
    private static final Pattern CHAT_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final int HISTORY_ROWS = 50;
    private static final String REFUSAL = "I can't help with that. If you or someone else is in danger, please "
            + "contact local emergency services. I'm happy to help with something else.";
    private static final String TOOL_RULES = resource("tools.md");

    /**
     * @param maxSteps model calls per turn; the last one is offered no tools, so the model must answer
     * @param deadline the whole turn's time; a tool still running then is reported as timed out
     */
    public record Limits(int maxSteps, Duration deadline) {
        public static final Limits DEFAULT = new Limits(6, Duration.ofSeconds(60));

        public Limits {
            if (maxSteps < 1) {
                throw new IllegalArgumentException("maxSteps must be at least 1");
            }
        }
    }

    private final ChatRepository chats;
    private final AbuseLog abuseLog;
    private final AbuseFilter abuse;
    private final LanguageModel model;
    private final HistoryBudget budget;
    private final ToolExecutor tools;
    private final ToolCalls toolCalls;
    private final Limits limits;
    private final ChatMirror mirror;

    public ChatService(ChatRepository chats, AbuseLog abuseLog, AbuseFilter abuse, LanguageModel model,
            HistoryBudget budget, ToolExecutor tools) {
        this(chats, abuseLog, abuse, model, budget, tools, Limits.DEFAULT);
    }

    public ChatService(ChatRepository chats, AbuseLog abuseLog, AbuseFilter abuse, LanguageModel model,
            HistoryBudget budget, ToolExecutor tools, Limits limits) {
        this(chats, abuseLog, abuse, model, budget, tools, limits, ChatMirror.NONE);
    }

    /** @param mirror where saved turns and transcripts are mirrored (Insights) */
    public ChatService(ChatRepository chats, AbuseLog abuseLog, AbuseFilter abuse, LanguageModel model,
            HistoryBudget budget, ToolExecutor tools, Limits limits, ChatMirror mirror) {
        this.mirror = mirror;
        this.chats = chats;
        this.abuseLog = abuseLog;
        this.abuse = abuse;
        this.model = model;
        this.budget = budget;
        this.tools = tools;
        this.toolCalls = new ToolCalls(tools);
        this.limits = limits;
    }

    /** @param clientOutbox the caller queues confirmed mail in its own outbox (the desktop app) */
    public record Request(String message, String chatId, String profile, boolean clientOutbox) {
        public Request(String message, String chatId, String profile) {
            this(message, chatId, profile, false);
        }
    }

    public ChatReply reply(User user, Request request, TurnEvents events) {
        Instant started = Instant.now();
        String message = validMessage(request.message());
        Profile profile = Profile.parse(request.profile());
        String chatId = request.chatId() == null || request.chatId().isBlank()
                ? UUID.randomUUID().toString() : validChatId(request.chatId());

        ChatContext context = chats.loadContext(user.id(), chatId, HISTORY_ROWS);
        if (context.state() == ChatContext.SessionState.FOREIGN) {
            throw ApiException.notFound("No chat session " + chatId);
        }
        Optional<String> flagged = abuse.check(message);
        if (flagged.isPresent()) {
            abuseLog.record(user.id(), chatId, message, flagged.get());
            events.delta(REFUSAL);
            save(user, chatId, profile, message, REFUSAL, List.of());
            mirror(user, chatId, started, message, REFUSAL, List.of(), true);
            return contract(REFUSAL, List.of(), profile, true, chatId);
        }

        List<LanguageModel.Tool> offered = tools.specs().stream().map(ChatService::tool).toList();
        String instructions = instructions(profile, context.memory());
        if (!offered.isEmpty()) {
            instructions = instructions + "\n\n" + TOOL_RULES;
        }
        List<LanguageModel.Turn> conversation = new ArrayList<>(
                // Stored text is never replayed as a system message (older versions let callers write such rows).
                budget.fit(context.history().stream().filter(t -> !"system".equals(t.role())).toList(),
                        HistoryBudget.estimateTokens(instructions + message)));
        conversation.add(new LanguageModel.Turn("user", message));
        ToolCallContext callContext = new ToolCallContext(user, chatId, UUID.randomUUID().toString(), message, null,
                request.clientOutbox(), "chat");

        List<ToolStep> steps = new ArrayList<>();
        String reply = loop(instructions, conversation, offered, callContext, steps, events);
        save(user, chatId, profile, message, reply, steps);
        mirror(user, chatId, started, message, reply, steps, false);
        return contract(reply, steps, profile, false, chatId);
    }

    /** Model, tools, model again...; returns the reply text (what the person saw streamed, plus any fallback). */
    private String loop(String instructions, List<LanguageModel.Turn> conversation, List<LanguageModel.Tool> offered,
            ToolCallContext callContext, List<ToolStep> steps, TurnEvents events) {
        long deadline = System.nanoTime() + limits.deadline().toNanos();
        List<LanguageModel.ToolItem> thisTurn = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int step = 1; ; step++) {
            if (System.nanoTime() - deadline >= 0) {
                return finish(text, "I ran out of time before I could finish.", steps, events);
            }
            boolean last = step >= limits.maxSteps();
            LanguageModel.Generation generation = model.generate(new LanguageModel.Prompt(instructions,
                    conversation, last ? List.of() : offered, thisTurn), separated(text, events));
            if (!generation.text().isEmpty()) {
                text.append(text.isEmpty() ? "" : "\n\n").append(generation.text());
            }
            if (!generation.hasCalls()) {
                return text.toString().isBlank() ? finish(text, "", steps, events) : text.toString();
            }
            if (last) {
                return finish(text, "I stopped before finishing: that needed more steps than I take in one turn.",
                        steps, events);
            }
            if (!generation.text().isBlank()) {
                thisTurn.add(new LanguageModel.Said(generation.text()));
            }
            thisTurn.addAll(generation.calls());
            for (ToolStep done : toolCalls.run(callContext, generation.calls(), deadline, events)) {
                steps.add(done);
                thisTurn.add(new LanguageModel.Output(done.callId(), done.outcome().output().toString()));
            }
        }
    }

    /** Deltas of a later step are set apart from the text before them, as the reply joins them. */
    private static Consumer<String> separated(StringBuilder before, TurnEvents events) {
        boolean[] first = {true};
        return delta -> {
            if (first[0] && !before.isEmpty()) {
                events.delta("\n\n");
            }
            first[0] = false;
            events.delta(delta);
        };
    }

    /**
     * The reply when the loop ended without the model's answer: why, and what the tools did (their own summaries),
     * so the person is never told less or more than happened.
     */
    private static String finish(StringBuilder text, String reason, List<ToolStep> steps, TurnEvents events) {
        StringBuilder note = new StringBuilder(reason);
        if (!steps.isEmpty()) {
            note.append(note.isEmpty() ? "" : " ").append("What I did: ").append(steps.stream()
                    .map(s -> s.name() + " (" + (s.outcome().failed() ? "failed: " : "") + s.summary() + ")")
                    .collect(Collectors.joining("; "))).append('.');
        } else if (note.isEmpty()) {
            note.append("I have no answer to that; please try again.");
        }
        String added = (text.toString().isBlank() ? "" : "\n\n") + note;
        events.delta(added);
        return text.toString().isBlank() ? note.toString() : text + added;
    }

    private void save(User user, String chatId, Profile profile, String message, String reply,
            List<ToolStep> steps) {
        if (!chats.saveTurn(user.id(), chatId, profile, message, reply, steps)) {
            // Another user took this client-chosen chat id between our read and write.
            throw ApiException.notFound("No chat session " + chatId);
        }
    }

    /** The saved turn into Insights: the message, each tool step, the reply with how long the turn took. */
    private void mirror(User user, String chatId, Instant started, String message, String reply,
            List<ToolStep> steps, boolean flagged) {
        Instant finished = Instant.now();
        List<ChatMirror.Message> messages = new ArrayList<>();
        messages.add(new ChatMirror.Message("user", message, started, flagged ? Map.of("flagged", true) : Map.of()));
        for (int i = 0; i < steps.size(); i++) {
            ToolStep step = steps.get(i);
            Map<String, Object> meta = new HashMap<>();
            meta.put("tool", step.name());
            meta.put("status", step.status());
            meta.put("duration_ms", step.durationMs());
            // Tool steps sit between the message and the reply; microseconds apart keep their order.
            messages.add(new ChatMirror.Message("tool", step.name() + ": " + step.summary(),
                    started.plus(i + 1L, ChronoUnit.MICROS), meta));
        }
        Instant replied = finished.isAfter(started.plus(steps.size(), ChronoUnit.MICROS)) ? finished
                : started.plus(steps.size() + 1L, ChronoUnit.MICROS);
        messages.add(new ChatMirror.Message("assistant", reply, replied,
                Map.of("latency_ms", Duration.between(started, finished).toMillis())));
        mirror.mirror(user.id(), chatId, false, messages);
    }

    private static ChatReply contract(String reply, List<ToolStep> steps, Profile profile, boolean abusive,
            String chatId) {
        String action = "chat";
        List<JsonNode> actions = new ArrayList<>();
        List<ChatReply.Step> shown = new ArrayList<>();
        for (ToolStep step : steps) {
            shown.add(new ChatReply.Step(step.callId(), step.name(), step.status(), step.summary(),
                    step.durationMs()));
            if (step.outcome().action() != null) {
                action = step.outcome().action();
                actions.add(card(step));
            }
        }
        return new ChatReply(true, reply, action,
                new ChatReply.Metadata(profile.wire(), abusive, chatId, true, actions, shown));
    }

    /** {@code {"type": action, ...the card's fields}}, as the app shows it. */
    private static JsonNode card(ToolStep step) {
        ObjectNode card = JsonNodeFactory.instance.objectNode().put("type", step.outcome().action());
        JsonNode fields = step.outcome().card();
        if (fields != null && fields.isObject()) {
            fields.properties().forEach(field -> {
                if (!"type".equals(field.getKey())) {
                    card.set(field.getKey(), field.getValue());
                }
            });
        }
        return card;
    }

    private static LanguageModel.Tool tool(ToolSpec spec) {
        return new LanguageModel.Tool(spec.name(), spec.description(), spec.parameters());
    }

    /**
     * Voice transcripts written into a chat (the app's transcript saver): the person's words are moderated like a
     * typed message before they are kept, since they are replayed to the model in later turns; a flagged one is
     * logged and nothing of the batch is kept.
     */
    public void appendVoice(User user, String chatId, Profile profile, List<LanguageModel.Turn> turns) {
        for (LanguageModel.Turn turn : turns) {
            if ("user".equals(turn.role())) {
                Optional<String> flagged = abuse.check(turn.text());
                if (flagged.isPresent()) {
                    abuseLog.record(user.id(), chatId, turn.text(), flagged.get());
                    throw ApiException.badRequest("content_flagged",
                            "A transcript was flagged by moderation and was not saved");
                }
            }
        }
        if (!chats.append(user.id(), chatId, profile, turns, "voice")) {
            throw ApiException.notFound("No chat session " + chatId);
        }
        Instant now = Instant.now();
        List<ChatMirror.Message> mirrored = new ArrayList<>();
        for (int i = 0; i < turns.size(); i++) {
            // A transcript batch carries no times of its own: its order, microseconds apart, is kept.
            mirrored.add(new ChatMirror.Message(turns.get(i).role(), turns.get(i).text(),
                    now.plus(i, ChronoUnit.MICROS), Map.of()));
        }
        mirror.mirror(user.id(), chatId, true, mirrored);
    }

    /** The profile's instructions and what DONNA remembers about the user: typed chat and voice share them. */
    public static String instructions(Profile profile, List<String> memory) {
        if (memory.isEmpty()) {
            return profile.instructions();
        }
        return profile.instructions() + "\n\nWhat you remember about the user:\n- " + String.join("\n- ", memory);
    }

    static String validMessage(String message) {
        if (message == null || message.isBlank()) {
            throw ApiException.badRequest("validation_failed", "message is required");
        }
        if (message.length() > MAX_MESSAGE_CHARS) {
            throw ApiException.badRequest("validation_failed",
                    "message is longer than " + MAX_MESSAGE_CHARS + " characters");
        }
        return message.strip();
    }

    static String validChatId(String chatId) {
        if (!CHAT_ID.matcher(chatId).matches()) {
            throw ApiException.badRequest("validation_failed",
                    "chat_id must be 1-100 letters, digits, '-' or '_'");
        }
        return chatId;
    }

    private static String resource(String name) {
        try (InputStream in = ChatService.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
