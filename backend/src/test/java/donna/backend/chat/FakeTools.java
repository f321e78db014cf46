package donna.backend.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import donna.backend.tools.ToolCallContext;
import donna.backend.tools.ToolExecutor;
import donna.backend.tools.ToolOutcome;
import donna.backend.tools.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/** A tool executor for tests: tools answer as each test sets them, every call is recorded with its context. */
final class FakeTools implements ToolExecutor {
    record Call(ToolCallContext context, String name, JsonNode arguments) {}

    private final Map<String, BiFunction<ToolCallContext, JsonNode, ToolOutcome>> behaviour = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> names;

    FakeTools(String... names) {
        this.names = List.of(names);
        reset();
    }

    /** Every tool answers {@code {"ok":true}} with summary "ok" again; calls are forgotten. */
    void reset() {
        calls.clear();
        behaviour.clear();
        for (String name : names) {
            behaviour.put(name, (ctx, args) -> ToolOutcome.ok(JsonNodeFactory.instance.objectNode().put("ok", true),
                    "ok"));
        }
    }

    void on(String name, BiFunction<ToolCallContext, JsonNode, ToolOutcome> answer) {
        behaviour.put(name, answer);
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public List<ToolSpec> specs() {
        List<ToolSpec> specs = new ArrayList<>();
        for (String name : names) {
            specs.add(new ToolSpec(name, "Test tool " + name, JsonNodeFactory.instance.objectNode()
                    .put("type", "object"), false));
        }
        return specs;
    }

    @Override
    public ToolOutcome call(ToolCallContext context, String name, JsonNode arguments) {
        calls.add(new Call(context, name, arguments));
        var answer = behaviour.get(name);
        if (answer == null) {
            throw new donna.backend.http.ApiException(404, "unknown_tool", "No tool named " + name);
        }
        return answer.apply(context, arguments);
    }
}
