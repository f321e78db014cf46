package donna.app.chat;

import donna.core.ServiceError;
import donna.core.api.ServiceException;
import donna.core.chat.ChatMessage;
import donna.core.chat.ChatReply;
import donna.core.chat.ChatRequest;
import donna.core.chat.Profile;
import donna.core.chat.SessionPage;
import donna.core.chat.SessionSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** A scripted chat service: replies stream the given deltas; failures can be queued. */
class FakeChatService implements ChatService {
    final List<ChatRequest> sent = new ArrayList<>();
    final List<String> queries = new ArrayList<>();
    final List<Integer> offsets = new ArrayList<>();
    final List<SessionSummary> stored = new ArrayList<>();
    final Map<String, List<ChatMessage>> messages = new ConcurrentHashMap<>();
    final List<String> deleted = new ArrayList<>();
    List<String> deltas = List.of("Hel", "lo ", "there");
    int failNextSends;
    int failNextListings;
    Runnable afterEachDelta = () -> { };

    static SessionSummary session(String id, String title) {
        return new SessionSummary(id, title, Profile.SALES, Instant.EPOCH, Instant.EPOCH, "last");
    }

    @Override
    public ChatReply send(ChatRequest request, Consumer<String> onDelta) {
        sent.add(request);
        if (failNextSends > 0) {
            failNextSends--;
            throw new ServiceException(new ServiceError(0, "unreachable", "down", null));
        }
        for (String d : deltas) {
            onDelta.accept(d);
            afterEachDelta.run();
        }
        String id = request.chatId() != null ? request.chatId() : "c-new";
        return new ChatReply(String.join("", deltas), "chat", new ChatReply.Metadata(Profile.GENERAL, false, id, true,
                null));
    }

    @Override
    public SessionPage sessions(String query, int offset, int limit) {
        queries.add(query);
        offsets.add(offset);
        if (failNextListings > 0) {
            failNextListings--;
            throw new ServiceException(new ServiceError(503, "upstream_unavailable", "busy", null));
        }
        List<SessionSummary> matching = stored.stream()
                .filter(s -> query.isEmpty() || s.title().contains(query)).toList();
        int end = Math.min(matching.size(), offset + limit);
        return new SessionPage(matching.subList(Math.min(offset, end), end),
                end < matching.size() ? OptionalInt.of(end) : OptionalInt.empty());
    }

    @Override
    public List<ChatMessage> recentMessages(String chatId) {
        return messages.getOrDefault(chatId, List.of());
    }

    @Override
    public SessionSummary rename(String chatId, String title) {
        return new SessionSummary(chatId, title, null, null, null, null);
    }

    @Override
    public void delete(String chatId) {
        deleted.add(chatId);
        stored.removeIf(s -> s.chatId().equals(chatId));
    }
}
