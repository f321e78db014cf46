package donna.app.chat;

import donna.app.connection.BackendConnection;
import donna.core.chat.ChatMessage;
import donna.core.chat.ChatReply;
import donna.core.chat.ChatRequest;
import donna.core.chat.SessionPage;
import donna.core.chat.SessionSummary;
import donna.core.tools.ToolStep;
import java.util.List;
import java.util.function.Consumer;

/** {@link ChatService} over the companion service; fails with "starting" until the connection is up. */
public final class BackendChatService implements ChatService {
    private static final int MESSAGE_PAGE = 50;

    private final BackendConnection connection;

    public BackendChatService(BackendConnection connection) {
        this.connection = connection;
    }

    @Override
    public ChatReply send(ChatRequest request, Consumer<String> onDelta) {
        return connection.client().chatStream(request, onDelta);
    }

    @Override
    public ChatReply send(ChatRequest request, Consumer<String> onDelta, Consumer<ToolStep> onTool) {
        return connection.client().chatStream(request, onDelta, onTool);
    }

    @Override
    public SessionPage sessions(String query, int offset, int limit) {
        return connection.client().sessions(limit, offset, query);
    }

    @Override
    public List<ChatMessage> recentMessages(String chatId) {
        return connection.client().messages(chatId, MESSAGE_PAGE, null).messages();
    }

    @Override
    public SessionSummary rename(String chatId, String title) {
        return connection.client().renameSession(chatId, title);
    }

    @Override
    public void delete(String chatId) {
        connection.client().deleteSession(chatId);
    }
}
