package donna.backend.leads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.auth.AuthGate;
import donna.backend.http.ApiException;
import donna.backend.http.Json;
import donna.backend.http.PathIds;
import donna.backend.http.RouteGroup;
import donna.backend.users.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /api/leads/scan}: "Find leads in my inbox". Start a scan (202 with its progress), read its progress,
 * cancel it, and accept the proposals the person chose. Another user's scan is 404.
 */
public final class LeadScanRoutes implements RouteGroup {
    static final int MAX_ACCEPT = 200;

    private final LeadScans scans;
    private final ObjectMapper mapper;

    public LeadScanRoutes(LeadScans scans, ObjectMapper mapper) {
        this.scans = scans;
        this.mapper = mapper;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/leads/scan", this::start);
        routes.get("/api/leads/scan/{id}", this::get);
        routes.delete("/api/leads/scan/{id}", this::cancel);
        routes.post("/api/leads/scan/{id}/accept", this::accept);
    }

    private void start(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        JsonNode body = ctx.body().isBlank() ? mapper.createObjectNode() : body(ctx);
        int mails = LeadScans.DEFAULT_MAILS;
        if (body.has("mails")) {
            JsonNode m = body.get("mails");
            if (!m.canConvertToInt() || !m.isIntegralNumber() || m.asInt() < 1 || m.asInt() > LeadScans.MAX_MAILS) {
                throw LeadFields.invalid("mails must be a whole number from 1 to " + LeadScans.MAX_MAILS);
            }
            mails = m.asInt();
        }
        ctx.status(202).json(Json.success(mapper, Map.of("scan", scans.start(user, mails))));
    }

    private void get(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        ctx.json(Json.success(mapper, Map.of("scan", scans.view(user.id(), id(ctx)).orElseThrow(
                LeadScanRoutes::notFound))));
    }

    private void cancel(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        ctx.json(Json.success(mapper, Map.of("scan", scans.cancel(user.id(), id(ctx)).orElseThrow(
                LeadScanRoutes::notFound))));
    }

    private void accept(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        UUID id = id(ctx);
        JsonNode emails = body(ctx).path("emails");
        if (!emails.isArray() || emails.isEmpty() || emails.size() > MAX_ACCEPT) {
            throw LeadFields.invalid("emails must be a list of 1 to " + MAX_ACCEPT + " addresses");
        }
        List<String> chosen = new ArrayList<>();
        for (JsonNode e : emails) {
            if (!e.isTextual() || e.asText().isBlank()) {
                throw LeadFields.invalid("emails must hold addresses");
            }
            chosen.add(e.asText().strip());
        }
        LeadScans.Accepted accepted = scans.accept(user.id(), id, chosen).orElseThrow(LeadScanRoutes::notFound);
        ctx.json(Json.success(mapper, Map.of("leads", accepted.leads(), "created", accepted.created())));
    }

    private JsonNode body(Context ctx) {
        try {
            JsonNode body = mapper.readTree(ctx.body());
            if (body == null || !body.isObject()) {
                throw ApiException.badRequest("invalid_json", "Request body must be a JSON object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid_json", "Request body is not valid JSON");
        }
    }

    private static UUID id(Context ctx) {
        return PathIds.uuid(ctx, LeadScanRoutes::notFound);
    }

    private static ApiException notFound() {
        return ApiException.notFound("No such scan");
    }
}
