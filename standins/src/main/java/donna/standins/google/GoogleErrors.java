package donna.standins.google;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Google's JSON error bodies: {@code {"error":{"code","message","errors":[{"domain","reason","message"}],"status"}}}. */
final class GoogleErrors {
    private GoogleErrors() {}

    static Map<String, Object> body(int code, String reason, String message) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("message", message);
        detail.put("domain", reason.toLowerCase().contains("ratelimit") ? "usageLimits" : "global");
        detail.put("reason", reason);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("errors", List.of(detail));
        error.put("status", status(code));
        return Map.of("error", error);
    }

    static String message(int code, String reason) {
        return switch (reason) {
            case "rateLimitExceeded" -> "Too many concurrent requests for user.";
            case "userRateLimitExceeded" -> "User-rate limit exceeded.";
            case "notFound" -> "Requested entity was not found.";
            case "authError" -> "Request had invalid authentication credentials. Expected OAuth 2 access token, "
                    + "login cookie or other valid authentication credential.";
            case "invalidArgument" -> "Invalid argument.";
            default -> code >= 500 ? "Backend Error" : "Precondition check failed.";
        };
    }

    private static String status(int code) {
        return switch (code) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            default -> code >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
        };
    }
}
