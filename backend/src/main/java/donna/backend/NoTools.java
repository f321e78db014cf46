package donna.backend;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.http.ApiException;
import donna.backend.tools.ToolCallContext;
import donna.backend.tools.ToolExecutor;
import donna.backend.tools.ToolOutcome;
import donna.backend.tools.ToolSpec;
import java.util.List;

/** No tools: typed turns are plain chat. Stands in until the tool registry is wired (issue 12). */
enum NoTools implements ToolExecutor {
    INSTANCE;

    @Override
    public List<ToolSpec> specs() {
        return List.of();
    }

    @Override
    public ToolOutcome call(ToolCallContext context, String name, JsonNode arguments) {
        throw new ApiException(404, "unknown_tool", "No tool named " + name);
    }
}
