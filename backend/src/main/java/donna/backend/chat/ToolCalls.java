package donna.backend.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import donna.backend.http.ApiException;
import donna.backend.tools.ToolCallContext;
import donna.backend.tools.ToolExecutor;
import donna.backend.tools.ToolOutcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the calls of one model response together, each on its own virtual thread (the model asked for them in one
 * response, so none waits for another's result), bounded by the turn's deadline. Whatever goes wrong in a call
 * becomes that call's {@code error} output for the model, never a failed turn. Events are reported on the caller's
 * thread (the SSE stream is not thread-safe): {@code running} for every call, then {@code done}/{@code failed} as
 * each finishes.
 */
final class ToolCalls {
    private static final Logger log = LoggerFactory.getLogger(ToolCalls.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ToolExecutor executor;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("donna-tool-", 0).factory());

    ToolCalls(ToolExecutor executor) {
        this.executor = executor;
    }

    /** @return one step per call, in the calls' order */
    List<ToolStep> run(ToolCallContext context, List<LanguageModel.Call> calls, long deadlineNanos,
            TurnEvents events) {
        int n = calls.size();
        ToolStep[] steps = new ToolStep[n];
        long[] started = new long[n];
        List<Future<?>> running = new ArrayList<>(n);
        BlockingQueue<Integer> finished = new LinkedBlockingQueue<>();
        for (int i = 0; i < n; i++) {
            LanguageModel.Call call = calls.get(i);
            events.tool(call.callId(), call.name(), "running", "");
            int index = i;
            started[i] = System.nanoTime();
            running.add(threads.submit(() -> {
                try {
                    steps[index] = runOne(context, call, started[index]);
                } finally {
                    finished.add(index); // publishes steps[index] to the collecting thread
                }
            }));
        }
        boolean[] collected = new boolean[n];
        int left = n;
        try {
            while (left > 0) {
                Integer index = finished.poll(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (index == null) {
                    break;
                }
                collected[index] = true;
                report(steps[index], events);
                left--;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Integer index; (index = finished.poll()) != null; ) { // finished just as time ran out
            collected[index] = true;
            report(steps[index], events);
        }
        for (int i = 0; i < n; i++) {
            if (!collected[i]) {
                running.get(i).cancel(true);
                LanguageModel.Call call = calls.get(i);
                log.warn("Tool {} did not finish before the turn's deadline", call.name());
                JsonNode arguments = arguments(call.argumentsJson());
                steps[i] = new ToolStep(call.callId(), call.name(),
                        arguments != null ? arguments : JsonNodeFactory.instance.objectNode(),
                        ToolOutcome.error("timeout", "The tool did not finish in time"),
                        (System.nanoTime() - started[i]) / 1_000_000);
                report(steps[i], events);
            }
        }
        return List.of(steps);
    }

    private static void report(ToolStep step, TurnEvents events) {
        events.tool(step.callId(), step.name(), step.status(), step.summary());
    }

    private ToolStep runOne(ToolCallContext context, LanguageModel.Call call, long started) {
        JsonNode arguments = arguments(call.argumentsJson());
        ToolOutcome outcome;
        if (arguments == null) {
            outcome = ToolOutcome.error("invalid_arguments", "The arguments were not a JSON object");
            arguments = JsonNodeFactory.instance.objectNode();
        } else {
            outcome = call(context, call.name(), arguments);
        }
        return new ToolStep(call.callId(), call.name(), arguments, outcome, (System.nanoTime() - started) / 1_000_000);
    }

    private ToolOutcome call(ToolCallContext context, String name, JsonNode arguments) {
        try {
            return executor.call(context, name, arguments);
        } catch (ApiException e) {
            // A refused call (unknown tool, bad arguments, a confirmation not from the person) is the model's to hear.
            return ToolOutcome.error(e.code(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Tool {} failed: {}: {}", name, e.getClass().getName(), e.getMessage());
            return ToolOutcome.error("tool_failed", "The tool failed unexpectedly");
        }
    }

    /** The model's arguments as an object; an empty text is no arguments; null when it is not a JSON object. */
    static JsonNode arguments(String json) {
        if (json == null || json.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode node = JSON.readTree(json);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
