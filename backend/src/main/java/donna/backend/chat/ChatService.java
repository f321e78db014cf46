package donna.backend.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.http.ApiException;
import donna.backend.users.User;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chat turn: validate, check for abuse, build the prompt (profile instructions, memory, the history that fits
 * the budget), let the model answer (streaming its text out as it comes), and persist the exchange before the
 * caller sees the final result. If the model fails, nothing is written.
 */
public final class ChatService {
    public static final int MAX_MESSAGE_CHARS = 8_000;
    private static final Logger log = LoggerFactory.getLogger(ChatService.class);
    private static final Pattern CHAT_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final int HISTORY_ROWS = 50;
    private static final ObjectMapper ARGS = new ObjectMapper();
    private static final String REFUSAL = "I can't help with that. If you or someone else is in danger, please "
            + "contact local emergency services. I'm happy to help with something else.";

    private final ChatRepository chats;
    private final AbuseLog abuseLog;
    private final AbuseFilter abuse;
    private final LanguageModel model;
    private final HistoryBudget budget;
    private final List<LanguageModel.Tool> tools;

    public ChatService(ChatRepository chats, AbuseLog abuseLog, AbuseFilter abuse, LanguageModel model,
            HistoryBudget budget, ObjectMapper mapper) {
        this.chats = chats;
        this.abuseLog = abuseLog;
        this.abuse = abuse;
        this.model = model;
        this.budget = budget;
        this.tools = loadTools(mapper);
    }

    public record Request(String message, String chatId, String profile) {}

    public ChatReply reply(User user, Request request, Consumer<String> onDelta) {
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
            onDelta.accept(REFUSAL);
            save(user, chatId, profile, message, REFUSAL);
            return contract(REFUSAL, null, null, profile, true, chatId);
        }

        String instructions = instructions(profile, context.memory());
        List<LanguageModel.Turn> conversation = new ArrayList<>(
                budget.fit(context.history(), HistoryBudget.estimateTokens(instructions + message)));
        conversation.add(new LanguageModel.Turn("user", message));
        LanguageModel.Generation generation = model.generate(
                new LanguageModel.Prompt(instructions, conversation, tools), onDelta);

        String reply = generation.text().isBlank() && generation.hasAction()
                ? confirmation(generation.actionName()) : generation.text();
        if (generation.hasAction() && generation.text().isBlank()) {
            onDelta.accept(reply);
        }
        save(user, chatId, profile, message, reply);
        return contract(reply, generation.actionName(), generation.actionArgumentsJson(), profile, false, chatId);
    }

    private void save(User user, String chatId, Profile profile, String message, String reply) {
        if (!chats.saveTurn(user.id(), chatId, profile, message, reply)) {
            // Another user took this client-chosen chat id between our read and write.
            throw ApiException.notFound("No chat session " + chatId);
        }
    }

    private ChatReply contract(String reply, String action, String argsJson, Profile profile, boolean abusive,
            String chatId) {
        return new ChatReply(true, reply, action == null ? "chat" : action,
                new ChatReply.Metadata(profile.wire(), abusive, chatId, true, parseArgs(argsJson)));
    }

    private static JsonNode parseArgs(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return ARGS.readTree(json);
        } catch (JsonProcessingException e) {
            log.warn("Model returned action arguments that are not JSON");
            return null;
        }
    }

    /** The profile's instructions and what DONNA remembers about the user: typed chat and voice share them. */
    public static String instructions(Profile profile, List<String> memory) {
        if (memory.isEmpty()) {
            return profile.instructions();
        }
        return profile.instructions() + "\n\nWhat you remember about the user:\n- " + String.join("\n- ", memory);
    }

    private static String confirmation(String action) {
        return switch (action) {
            case "send_message" -> "I've prepared that message for you.";
            case "classify_lead" -> "I've classified that lead.";
            case "start_campaign" -> "I've set up that campaign.";
            default -> "Done.";
        };
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

    private static List<LanguageModel.Tool> loadTools(ObjectMapper mapper) {
        try (InputStream in = ChatService.class.getResourceAsStream("actions.json")) {
            List<LanguageModel.Tool> loaded = new ArrayList<>();
            mapper.readTree(in).forEach(node -> loaded.add(new LanguageModel.Tool(node.path("name").asText(),
                    node.path("description").asText(), node.path("parameters"))));
            return List.copyOf(loaded);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
