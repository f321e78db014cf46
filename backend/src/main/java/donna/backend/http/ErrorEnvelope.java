package donna.backend.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.validation.ValidationException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure leaves the service as {@code {"success":false,"error":{"code","message","traceId"}}} with the right
 * status. A database that cannot be reached is 503 {@code database_unavailable} with Retry-After ({@link
 * DatabaseOutage}). Other unexpected exceptions become 500 with a generic message: details go to the log under the trace id, never
 * to the client.
 */
public final class ErrorEnvelope {
    private static final Logger log = LoggerFactory.getLogger(ErrorEnvelope.class);

    private ErrorEnvelope() {}

    public static void install(JavalinConfig config) {
        config.routes.exception(ApiException.class, (e, ctx) -> {
            if (e.retryAfterSeconds() > 0) {
                ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            }
            write(ctx, e.status(), e.code(), e.getMessage(), e.status() >= 500 ? e : null);
        });
        config.routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, e.getStatus(),
                codeFor(e.getStatus()), e.getStatus() == 413 ? "Request body too large" : safeMessage(e)));
        config.routes.exception(ValidationException.class,
                (e, ctx) -> write(ctx, 400, "validation_failed", "Invalid parameter: " + e.getErrors().keySet()));
        config.routes.exception(Exception.class, (e, ctx) -> {
            if (DatabaseOutage.is(e)) {
                log.warn("Database unavailable on {} {}: {}", ctx.method(), ctx.path(), DatabaseOutage.describe(e));
                ctx.header("Retry-After", Integer.toString(DatabaseOutage.RETRY_AFTER_SECONDS));
                write(ctx, 503, DatabaseOutage.CODE, DatabaseOutage.MESSAGE, e);
                return;
            }
            if (isMalformedJson(e)) {
                write(ctx, 400, "invalid_json", "Request body is not valid JSON for this route");
                return;
            }
            // Class and message only: a stack trace would be noise in the operator's log and may carry data.
            log.error("Unhandled {} on {} {}: {}", e.getClass().getName(), ctx.method(), ctx.path(), e.getMessage());
            write(ctx, 500, "internal_error", "Something went wrong on our side; quote the trace id if it persists",
                    e);
        });
        config.routes.error(404, ctx -> {
            if (!alreadyEnveloped(ctx)) {
                write(ctx, 404, "not_found", "No route " + ctx.method() + " " + ctx.path());
            }
        });
        config.routes.error(405, ctx -> {
            if (!alreadyEnveloped(ctx)) {
                write(ctx, 405, "method_not_allowed", "Method " + ctx.method() + " not allowed here");
            }
        });
    }

    public static Map<String, Object> body(String code, String message, String traceId) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("traceId", traceId);
        return Map.of("success", false, "error", error);
    }

    public static void write(Context ctx, int status, String code, String message) {
        write(ctx, status, code, message, null);
    }

    /** As {@link #write(Context, int, String, String)}; a 5xx is also reported ({@link ErrorReports}). */
    static void write(Context ctx, int status, String code, String message, Throwable cause) {
        if (status >= 500) {
            ErrorReports.serverError(status, code, ctx.method().name(), route(ctx), TraceIds.of(ctx), cause);
        }
        ctx.attribute("donna.enveloped", true);
        ctx.status(status).json(body(code, message, TraceIds.of(ctx)));
    }

    /** The matched route's template ({@code /api/drafts/{id}}), never the path itself with its ids. */
    private static String route(Context ctx) {
        try {
            String template = ctx.endpoint().path;
            return template == null || template.isBlank() ? "(no route)" : template;
        } catch (RuntimeException noEndpointYet) {
            return "(no route)";
        }
    }

    private static boolean alreadyEnveloped(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute("donna.enveloped"));
    }

    private static boolean isMalformedJson(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException || t instanceof MismatchedInputException) {
                return true;
            }
        }
        return false;
    }

    private static String safeMessage(HttpResponseException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? "Request failed" : message;
    }

    static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 429 -> "rate_limited";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
    }
}
