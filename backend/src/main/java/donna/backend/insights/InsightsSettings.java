package donna.backend.insights;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.auth.AuthGate;
import donna.backend.http.ApiException;
import donna.backend.http.Json;
import donna.backend.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code GET/PUT /api/v1/settings}: the alert thresholds and the Slack webhook, one row per owner. Stored only: the
 * alert sender is later work (docs/insights.md). The webhook URL is a secret (anyone holding it can post to the
 * channel), so reads show only its host and last characters. A PUT changes the fields it names; {@code null} clears.
 */
final class InsightsSettings implements RouteGroup {
    private static final int MAX_URL = 500;

    private final Jdbi jdbi;
    private final Clock clock;

    InsightsSettings(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/settings", this::get);
        routes.put("/api/v1/settings", this::put);
    }

    private record Row(Integer healthBelow, JsonNode kinds, String webhook) {}

    private Row read(UUID owner) {
        return jdbi.withHandle(h -> h.createQuery("""
                select alert_health_below, alert_on_failure_kinds, slack_webhook_url from insights_settings
                where owner_id = :o""").bind("o", owner)
                .map((rs, ctx) -> new Row((Integer) rs.getObject("alert_health_below"), Json.tree(rs.getString("alert_on_failure_kinds")),
                        rs.getString("slack_webhook_url")))
                .findOne().orElse(new Row(null, Json.tree("[]"), null)));
    }

    private void get(Context ctx) {
        ctx.json(Map.of("success", true, "settings", shown(read(AuthGate.caller(ctx).requireUser().id()))));
    }

    private void put(Context ctx) {
        UUID owner = AuthGate.caller(ctx).requireUser().id();
        JsonNode body = ctx.bodyAsClass(JsonNode.class);
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("validation_failed", "body: a JSON object");
        }
        Row current = read(owner);
        Integer below = current.healthBelow();
        if (body.has("alert_health_below")) {
            JsonNode v = body.get("alert_health_below");
            if (!v.isNull() && (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0 || v.asInt() > 100)) {
                throw ApiException.badRequest("validation_failed", "alert_health_below: null or 0-100");
            }
            below = v.isNull() ? null : v.asInt();
        }
        JsonNode kinds = current.kinds();
        if (body.has("alert_on_failure_kinds")) {
            kinds = kinds(body.get("alert_on_failure_kinds"));
        }
        String webhook = current.webhook();
        if (body.has("slack_webhook_url")) {
            webhook = webhook(body.get("slack_webhook_url"));
        }
        Integer b = below;
        String k = kinds.toString();
        String w = webhook;
        jdbi.useHandle(h -> h.createUpdate("""
                insert into insights_settings (owner_id, alert_health_below, alert_on_failure_kinds, slack_webhook_url,
                  updated_at)
                values (:o, :b, cast(:k as jsonb), :w, :t)
                on conflict (owner_id) do update set alert_health_below = excluded.alert_health_below,
                  alert_on_failure_kinds = excluded.alert_on_failure_kinds,
                  slack_webhook_url = excluded.slack_webhook_url, updated_at = excluded.updated_at""")
                .bind("o", owner).bind("b", b).bind("k", k).bind("w", w).bind("t", clock.instant()).execute());
        ctx.json(Map.of("success", true, "settings", shown(new Row(below, kinds, webhook))));
    }

    private static JsonNode kinds(JsonNode v) {
        if (v == null || !v.isArray()) {
            throw ApiException.badRequest("validation_failed", "alert_on_failure_kinds: an array of failure kinds");
        }
        List<String> seen = new ArrayList<>();
        for (JsonNode kind : v) {
            if (!kind.isTextual() || !HealthScorer.KINDS.contains(kind.asText())) {
                throw ApiException.badRequest("validation_failed",
                        "alert_on_failure_kinds: each one of " + String.join(", ", HealthScorer.KINDS));
            }
            if (!seen.contains(kind.asText())) {
                seen.add(kind.asText());
            }
        }
        return Json.tree(Json.newMapper().valueToTree(seen).toString());
    }

    /** https only, with a host; the address checks against private networks belong to the sender (later work). */
    private static String webhook(JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        String text = v.asText("");
        try {
            URI uri = new URI(text);
            if (!v.isTextual() || text.length() > MAX_URL || !"https".equals(uri.getScheme())
                    || uri.getHost() == null || uri.getUserInfo() != null) {
                throw new URISyntaxException(text, "not an https URL");
            }
            return text;
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("validation_failed", "slack_webhook_url: an https URL or null");
        }
    }

    private static Map<String, Object> shown(Row row) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("alert_health_below", row.healthBelow());
        s.put("alert_on_failure_kinds", row.kinds());
        s.put("slack_webhook_configured", row.webhook() != null);
        s.put("slack_webhook_url", row.webhook() == null ? null : masked(row.webhook()));
        return s;
    }

    private static String masked(String url) {
        URI uri = URI.create(url);
        String tail = url.length() > 4 ? url.substring(url.length() - 4) : "";
        return "https://" + uri.getHost() + "/…" + tail;
    }
}
