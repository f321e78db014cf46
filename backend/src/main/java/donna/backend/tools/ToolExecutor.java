package donna.backend.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The one way a tool runs, whoever asked: the chat loop (in-process), {@code POST /api/tools/call} (every voice
 * engine and outside clients). Implementations are thread-safe: a turn runs independent calls in parallel.
 */
public interface ToolExecutor {

    /** Every tool, in a stable order. */
    List<ToolSpec> specs();

    /**
     * Runs one tool. A tool that fails in its work answers {@link ToolOutcome#error}; what the caller got wrong
     * throws.
     *
     * @throws donna.backend.http.ApiException 404 {@code unknown_tool}; 400 {@code invalid_arguments} naming the
     *     field; 409 {@code confirmation_not_from_user} / {@code confirmation_requires_click} from
     *     {@code confirm_action}
     */
    ToolOutcome call(ToolCallContext context, String name, JsonNode arguments);
}
