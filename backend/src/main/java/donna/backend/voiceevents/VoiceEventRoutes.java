package donna.backend.voiceevents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.auth.AuthGate;
import donna.backend.http.ApiException;
import donna.backend.http.Json;
import donna.backend.http.RouteGroup;
import donna.backend.users.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/voice/events}: the app reports its voice sessions' events in batches; the caller reads back their own.
 * Rate limited like every route (the gate spends a token per request).
 */
public final class VoiceEventRoutes implements RouteGroup {
    public static final int MAX_PER_REQUEST = 100;
    static final Set<String> TYPES = Set.of("connected", "turn", "barge_in", "reconnect", "tool_call", "error",
            "ended");
    private static final int MAX_SESSION_ID = 200;
    private static final int DEFAULT_LIMIT = 500;
    private static final int MAX_LIMIT = 5_000;

    private final VoiceEventStore store;
    private final ObjectMapper mapper;

    public VoiceEventRoutes(VoiceEventStore store, ObjectMapper mapper) {
        this.store = store;
        this.mapper = mapper;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/voice/events", this::report);
        routes.get("/api/voice/events", this::read);
    }

    private void report(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        JsonNode body = ctx.bodyAsClass(JsonNode.class);
        JsonNode events = body == null ? null : body.get("events");
        if (events == null || !events.isArray() || events.isEmpty()) {
            throw ApiException.badRequest("validation_failed", "events must be a non-empty array");
        }
        if (events.size() > MAX_PER_REQUEST) {
            throw new ApiException(413, "too_many_events",
                    "At most " + MAX_PER_REQUEST + " events a request (got " + events.size() + ")");
        }
        List<VoiceEvent> parsed = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            parsed.add(event(i, events.get(i)));
        }
        store.store(user.id(), parsed);
        ctx.json(Map.of("success", true, "stored", parsed.size()));
    }

    private VoiceEvent event(int i, JsonNode e) {
        String where = "events[" + i + "]";
        if (e == null || !e.isObject()) {
            throw invalid(where + " must be an object");
        }
        String session = e.path("session_id").asText("");
        if (!e.path("session_id").isTextual() || session.isBlank() || session.length() > MAX_SESSION_ID) {
            throw invalid(where + ".session_id must be a string of 1-" + MAX_SESSION_ID + " characters");
        }
        String type = e.path("type").asText("");
        if (!TYPES.contains(type)) {
            throw invalid(where + ".type must be one of connected, turn, barge_in, reconnect, tool_call, error, "
                    + "ended");
        }
        OffsetDateTime at;
        try {
            at = OffsetDateTime.parse(e.path("at").asText(""));
        } catch (DateTimeParseException ex) {
            throw invalid(where + ".at must be an ISO-8601 time with an offset (2026-12-07T10:15:30Z)");
        }
        JsonNode data = e.get("data");
        if (data == null || data.isNull()) {
            data = mapper.createObjectNode();
        } else if (!data.isObject()) {
            throw invalid(where + ".data must be an object");
        }
        return new VoiceEvent(session, type, at, data);
    }

    private void read(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        OffsetDateTime from = time("from", ctx.queryParam("from"));
        OffsetDateTime to = time("to", ctx.queryParam("to"));
        String session = ctx.queryParam("session_id");
        int limit = DEFAULT_LIMIT;
        if (ctx.queryParam("limit") != null) {
            try {
                limit = Integer.parseInt(ctx.queryParam("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw invalid("limit must be a whole number from 1 to " + MAX_LIMIT);
            }
        }
        List<VoiceEvent> events = store.list(user.id(), from, to,
                session == null || session.isBlank() ? null : session, limit);
        ctx.json(Json.success(mapper, Map.of("events", events)));
    }

    private static OffsetDateTime time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(name + " must be an ISO-8601 time with an offset (2026-12-07T10:15:30Z)");
        }
    }

    private static ApiException invalid(String message) {
        return ApiException.badRequest("validation_failed", message);
    }
}
