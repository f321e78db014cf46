package donna.app.dev;

import donna.app.chat.ChatService;
import donna.core.ServiceError;
import donna.core.api.ServiceException;
import donna.core.chat.ChatMessage;
import donna.core.chat.ChatReply;
import donna.core.chat.ChatRequest;
import donna.core.chat.Profile;
import donna.core.chat.SessionPage;
import donna.core.chat.SessionSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A dev-only chat service that lives in memory and streams canned replies word by word: trying the UI (and taking
 * screenshots) without the companion service. Started with {@code ./donna --dev-fake-service}.
 */
public final class InMemoryChatService implements ChatService {
    private final Duration perWord;
    private final Map<String, SessionSummary> sessions = new LinkedHashMap<>();
    private final Map<String, List<ChatMessage>> messages = new LinkedHashMap<>();

    public InMemoryChatService(Duration perWord) {
        this.perWord = perWord;
    }

    /** A service with a couple of past chats, so the UI has something to show right away. */
    public static InMemoryChatService withSampleChats(Duration perWord) {
        InMemoryChatService service = new InMemoryChatService(Duration.ZERO);
        service.send(new ChatRequest("Ideas for a spring campaign for the bakery?", null, Profile.MARKETING), d -> { });
        String id = service.send(new ChatRequest("Can you draft a follow-up email to Sam about the pricing call?",
                null, Profile.SALES), d -> { }).metadata().chatId();
        service.rename(id, "Follow-up to Sam");
        return new InMemoryChatService(perWord, service);
    }

    private InMemoryChatService(Duration perWord, InMemoryChatService seed) {
        this.perWord = perWord;
        sessions.putAll(seed.sessions);
        messages.putAll(seed.messages);
    }

    @Override
    public synchronized ChatReply send(ChatRequest request, Consumer<String> onDelta) {
        String chatId = request.chatId() != null ? request.chatId() : UUID.randomUUID().toString();
        Profile profile = request.profile() == null ? Profile.GENERAL : request.profile();
        String reply = replyTo(request.message(), profile);
        for (String word : reply.split("(?<= )")) {
            pause();
            onDelta.accept(word);
        }
        Instant now = Instant.now();
        List<ChatMessage> log = messages.computeIfAbsent(chatId, id -> new ArrayList<>());
        log.add(new ChatMessage(UUID.randomUUID().toString(), "user", request.message(), "chat", now));
        log.add(new ChatMessage(UUID.randomUUID().toString(), "assistant", reply, "chat", now));
        SessionSummary old = sessions.get(chatId);
        String title = old != null ? old.title() : titleOf(request.message());
        sessions.put(chatId, new SessionSummary(chatId, title, profile, old != null ? old.createdAt() : now, now,
                reply));
        return new ChatReply(reply, "chat", new ChatReply.Metadata(profile, false, chatId, true, null));
    }

    @Override
    public synchronized SessionPage sessions(String query, int offset, int limit) {
        String q = query == null ? "" : query.toLowerCase(Locale.ROOT);
        List<SessionSummary> all = sessions.values().stream()
                .filter(s -> q.isEmpty() || s.title().toLowerCase(Locale.ROOT).contains(q)
                        || messages.getOrDefault(s.chatId(), List.of()).stream()
                                .anyMatch(m -> m.content().toLowerCase(Locale.ROOT).contains(q)))
                .sorted(Comparator.comparing(SessionSummary::lastMessageAt).reversed()).toList();
        int end = Math.min(all.size(), offset + limit);
        List<SessionSummary> page = offset >= all.size() ? List.of() : all.subList(offset, end);
        return new SessionPage(page, end < all.size() ? OptionalInt.of(end) : OptionalInt.empty());
    }

    @Override
    public synchronized List<ChatMessage> recentMessages(String chatId) {
        return List.copyOf(messages.getOrDefault(chatId, List.of()));
    }

    @Override
    public synchronized SessionSummary rename(String chatId, String title) {
        SessionSummary s = sessions.get(chatId);
        if (s == null) {
            throw new ServiceException(new ServiceError(404, "not_found", "No such chat", null));
        }
        sessions.put(chatId, s.withTitle(title));
        return sessions.get(chatId);
    }

    @Override
    public synchronized void delete(String chatId) {
        sessions.remove(chatId);
        messages.remove(chatId);
    }

    private static String replyTo(String message, Profile profile) {
        String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("follow") || m.contains("email") || m.contains("mail")) {
            return "Here's a short follow-up you could send:\n\n\"Hi Sam, thanks again for your time on Tuesday. "
                    + "I've attached the pricing we discussed. Would Thursday at 10 work for a quick call?\"\n\n"
                    + "Want me to make it more formal?";
        }
        if (profile == Profile.MARKETING) {
            return "Three ideas: a \"first bloom\" pastry of the week, a loyalty card that doubles on rainy days, "
                    + "and a Saturday kids' cookie-decorating hour. Want a posting plan for any of them?";
        }
        if (profile == Profile.SALES) {
            return "Happy to help with that. Who is the prospect, and what did they push back on last time?";
        }
        return "Sure. Tell me a little more and I'll take it from there. (This reply is simulated: "
                + "the in-memory dev service is running.)";
    }

    private static String titleOf(String message) {
        String line = message.lines().findFirst().orElse("New chat").strip();
        return line.length() <= 40 ? line : line.substring(0, 39) + "\u2026";
    }

    private void pause() {
        if (perWord.isZero()) {
            return;
        }
        try {
            Thread.sleep(perWord);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(new ServiceError(0, "cancelled", "cancelled", null), e);
        }
    }
}
