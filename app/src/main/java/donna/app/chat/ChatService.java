package donna.app.chat;

import donna.core.chat.ChatMessage;
import donna.core.chat.ChatReply;
import donna.core.chat.ChatRequest;
import donna.core.chat.SessionPage;
import donna.core.chat.SessionSummary;
import donna.core.tools.ToolStep;
import java.util.List;
import java.util.function.Consumer;

/** What the chat pane needs from the companion service. Blocking calls; they throw ServiceException on failure. */
public interface ChatService {

    /** Streams one reply: {@code onDelta} gets each piece (on the calling thread); returns the final reply. */
    ChatReply send(ChatRequest request, Consumer<String> onDelta);

    /** As {@link #send(ChatRequest, Consumer)}; {@code onTool} gets each tool step as DONNA runs it (calling thread). */
    default ChatReply send(ChatRequest request, Consumer<String> onDelta, Consumer<ToolStep> onTool) {
        return send(request, onDelta);
    }

    SessionPage sessions(String query, int offset, int limit);

    /** The latest page of a session's messages, oldest first. */
    List<ChatMessage> recentMessages(String chatId);

    SessionSummary rename(String chatId, String title);

    void delete(String chatId);
}
