package donna.standins.realtime;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** OpenAI's HTTP error body: {@code {"error":{"message","type","param","code"}}}. */
final class ApiErrors {
    private ApiErrors() {}

    static ObjectNode body(String message, String param, String code) {
        ObjectNode b = JsonNodeFactory.instance.objectNode();
        ObjectNode e = b.putObject("error").put("message", message).put("type", "invalid_request_error");
        e.put("param", param);
        e.put("code", code);
        return b;
    }
}
