package donna.standins.openai;

import java.util.LinkedHashMap;
import java.util.Map;

/** OpenAI's error body: {@code {"error":{"message","type","param","code"}}}. */
final class OpenAiErrors {
    private OpenAiErrors() {}

    static Map<String, Object> body(String message, String param, String code) {
        return body(message, "invalid_request_error", param, code);
    }

    static Map<String, Object> body(String message, String type, String param, String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return Map.of("error", error);
    }

    static Map<String, Object> forStatus(int status, String message) {
        return switch (status) {
            case 429 -> body(message, "requests", null, "rate_limit_exceeded");
            case 401 -> body(message, "invalid_request_error", null, "invalid_api_key");
            default -> status >= 500 ? body(message, "server_error", null, null) : body(message, null, null);
        };
    }

    /** How OpenAI shows a wrong key: its start and last four characters only. */
    static String masked(String key) {
        if (key.length() <= 8) {
            return "****";
        }
        return key.substring(0, 3) + "*".repeat(key.length() - 7) + key.substring(key.length() - 4);
    }
}
