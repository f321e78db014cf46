package donna.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Records a call of OpenAI's Responses API ({@code POST /v1/responses}) as Insights messages, from the request's and
 * the response's JSON: no OpenAI SDK needed, any client that gives you the JSON will do.
 *
 * <pre>{@code
 * JsonNode answer = OpenAiResponses.record(insights, "chat-42", request, req -> myClient.create(req));
 * }</pre>
 *
 * What becomes a message: {@code instructions} (as {@code system}, on a first turn only: it is repeated on every
 * call), the new part of {@code input} (a string is the user's message; of a list, the items after the model's last
 * turn in it, so resending the whole history records nothing twice; {@code developer} counts as {@code system};
 * {@code function_call_output} items become {@code tool} messages), and the response's {@code output}: its messages
 * as {@code assistant} (with {@code latency_ms}, the model, the response id and the token usage), function and
 * built-in tool calls as {@code tool} messages, a refusal as an assistant message marked {@code refusal}, a failed
 * or incomplete response or a call that threw as an assistant message with {@code error}. Reasoning items are left
 * out. Within one call, messages are a microsecond apart, so they keep their order and stay distinct.
 */
public final class OpenAiResponses {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Items of {@code input} that the model produced (its earlier turns). */
    private static final Set<String> MODEL_ITEMS = Set.of("function_call", "reasoning", "web_search_call",
            "file_search_call", "computer_call", "code_interpreter_call", "image_generation_call", "local_shell_call",
            "mcp_call", "custom_tool_call");

    private OpenAiResponses() {}

    /** The messages of one call; {@code response} null when the call failed without one. */
    public static List<Message> messages(JsonNode request, JsonNode response, Instant sentAt, Instant answeredAt) {
        Objects.requireNonNull(request, "request");
        List<Message> out = new ArrayList<>();
        Clock in = new Clock(sentAt);
        JsonNode input = request.path("input");
        boolean firstTurn = request.path("previous_response_id").isMissingNode()
                || request.path("previous_response_id").isNull();
        int start = 0;
        if (input.isArray()) {
            for (int i = 0; i < input.size(); i++) {
                if (fromModel(input.get(i))) {
                    firstTurn = false;
                    start = i + 1;
                }
            }
        }
        String instructions = request.path("instructions").asText("");
        if (firstTurn && !instructions.isBlank()) {
            out.add(message(Role.SYSTEM, instructions, in.next(), Map.of()));
        }
        if (input.isTextual()) {
            out.add(message(Role.USER, input.asText(), in.next(), Map.of()));
        } else if (input.isArray()) {
            for (int i = start; i < input.size(); i++) {
                inputItem(input.get(i), in.next(), out);
            }
        }
        Clock at = new Clock(answeredAt);
        if (response == null || response.isNull() || response.isMissingNode()) {
            return out;
        }
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("latency_ms", Math.max(0, Duration.between(sentAt, answeredAt).toMillis()));
        putText(about, "model", response.path("model"));
        putText(about, "response_id", response.path("id"));
        JsonNode usage = response.path("usage");
        if (usage.isObject()) {
            about.put("input_tokens", usage.path("input_tokens").asLong());
            about.put("output_tokens", usage.path("output_tokens").asLong());
        }
        boolean answered = false;
        for (JsonNode item : response.path("output")) {
            String type = item.path("type").asText("");
            if (type.equals("message")) {
                StringBuilder text = new StringBuilder();
                boolean refusal = false;
                for (JsonNode part : item.path("content")) {
                    String partType = part.path("type").asText("");
                    if (partType.equals("output_text")) {
                        text.append(part.path("text").asText(""));
                    } else if (partType.equals("refusal")) {
                        text.append(part.path("refusal").asText(""));
                        refusal = true;
                    }
                }
                Map<String, Object> meta = answered ? new LinkedHashMap<>() : new LinkedHashMap<>(about);
                if (refusal) {
                    meta.put("refusal", true);
                }
                out.add(message(Role.ASSISTANT, text.toString(), at.next(), meta));
                answered = true;
            } else if (type.equals("function_call") || type.equals("custom_tool_call")) {
                Map<String, Object> meta = new LinkedHashMap<>();
                meta.put("type", type);
                putText(meta, "name", item.path("name"));
                putText(meta, "call_id", item.path("call_id"));
                String args = item.has("arguments") ? item.path("arguments").asText("") : item.path("input").asText("");
                out.add(message(Role.TOOL, item.path("name").asText("tool") + "(" + args + ")", at.next(), meta));
            } else if (type.endsWith("_call")) {
                Map<String, Object> meta = new LinkedHashMap<>();
                meta.put("type", type);
                putText(meta, "status", item.path("status"));
                out.add(message(Role.TOOL, type, at.next(), meta));
            }
        }
        JsonNode error = response.path("error");
        String status = response.path("status").asText("");
        if (error.isObject() || status.equals("failed")) {
            Map<String, Object> meta = new LinkedHashMap<>(about);
            meta.put("error", error.path("code").asText("failed"));
            out.add(message(Role.ASSISTANT, "Error: " + error.path("message").asText("the response failed"),
                    at.next(), meta));
        } else if (status.equals("incomplete") && !answered) {
            Map<String, Object> meta = new LinkedHashMap<>(about);
            meta.put("error", "incomplete");
            putText(meta, "reason", response.path("incomplete_details").path("reason"));
            out.add(message(Role.ASSISTANT, "Error: the response was incomplete", at.next(), meta));
        }
        return out;
    }

    /** As {@link #messages(JsonNode, JsonNode, Instant, Instant)}, from the JSON texts. */
    public static List<Message> messages(String requestJson, String responseJson, Instant sentAt,
            Instant answeredAt) {
        return messages(parse(requestJson, "request"), responseJson == null ? null : parse(responseJson, "response"),
                sentAt, answeredAt);
    }

    /**
     * Makes the call through {@code call}, times it and tracks request and answer under {@code externalId}; returns
     * the answer. A call that throws is tracked as an assistant error (the exception's class, never its message) and
     * the exception is thrown on.
     */
    public static JsonNode record(Insights insights, String externalId, JsonNode request,
            Function<JsonNode, JsonNode> call) {
        Instant sent = now();
        JsonNode response;
        try {
            response = call.apply(request);
        } catch (RuntimeException e) {
            Instant failed = now();
            List<Message> messages = new ArrayList<>(messages(request, null, sent, failed));
            messages.add(message(Role.ASSISTANT, "Error: the call failed", failed.plusNanos(1_000),
                    Map.of("error", e.getClass().getSimpleName(),
                            "latency_ms", Duration.between(sent, failed).toMillis())));
            insights.track(Conversation.builder(externalId).messages(messages).build());
            throw e;
        }
        insights.track(Conversation.builder(externalId).messages(messages(request, response, sent, now()))
                .build());
        return response;
    }

    /** As {@link #record(Insights, String, JsonNode, Function)}, with the JSON as text. */
    public static String record(Insights insights, String externalId, String requestJson,
            UnaryOperator<String> call) {
        JsonNode request = parse(requestJson, "request");
        String[] answer = new String[1];
        record(insights, externalId, request, r -> {
            answer[0] = call.apply(requestJson);
            return parse(answer[0], "response");
        });
        return answer[0];
    }

    /** Microseconds: what the service keeps, so a message sent again is recognised as the same. */
    private static Instant now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private static boolean fromModel(JsonNode item) {
        String type = item.path("type").asText("");
        return MODEL_ITEMS.contains(type) || "assistant".equals(item.path("role").asText(""));
    }

    private static void inputItem(JsonNode item, Instant at, List<Message> out) {
        String type = item.path("type").asText("message");
        if (type.equals("function_call_output") || type.equals("custom_tool_call_output")) {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("type", type);
            putText(meta, "call_id", item.path("call_id"));
            JsonNode output = item.path("output");
            out.add(message(Role.TOOL, output.isTextual() ? output.asText() : output.toString(), at, meta));
            return;
        }
        if (!type.equals("message")) {
            return;
        }
        Role role = switch (item.path("role").asText("user")) {
            case "system", "developer" -> Role.SYSTEM;
            case "assistant" -> Role.ASSISTANT;
            default -> Role.USER;
        };
        JsonNode content = item.path("content");
        if (content.isTextual()) {
            out.add(message(role, content.asText(), at, Map.of()));
            return;
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            String partType = part.path("type").asText("");
            String piece = switch (partType) {
                case "input_text", "output_text", "text" -> part.path("text").asText("");
                case "input_image" -> "[image]";
                case "input_file" -> "[file " + part.path("filename").asText("") + "]";
                case "input_audio" -> "[audio]";
                default -> "";
            };
            if (!piece.isEmpty()) {
                text.append(text.isEmpty() ? "" : "\n").append(piece);
            }
        }
        out.add(message(role, text.toString(), at, Map.of()));
    }

    /** A message whose content fits the service's limit (longer content is cut and marked). */
    private static Message message(Role role, String content, Instant at, Map<String, Object> metadata) {
        if (content.length() <= Message.MAX_CONTENT) {
            return new Message(role, content, at, metadata);
        }
        Map<String, Object> meta = new LinkedHashMap<>(metadata);
        meta.put("truncated", true);
        return new Message(role, content.substring(0, Message.MAX_CONTENT), at, meta);
    }

    private static void putText(Map<String, Object> meta, String key, JsonNode value) {
        if (value.isTextual()) {
            meta.put(key, value.asText());
        }
    }

    private static JsonNode parse(String text, String what) {
        try {
            return JSON.readTree(Objects.requireNonNull(text, what));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + ": not valid JSON", e);
        }
    }

    /** Times a microsecond apart from a start. */
    private static final class Clock {
        private Instant next;

        Clock(Instant start) {
            this.next = start;
        }

        Instant next() {
            Instant at = next;
            next = next.plusNanos(1_000);
            return at;
        }
    }
}
