package donna.backend.insights;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.auth.AuthGate;
import donna.backend.http.ApiException;
import donna.backend.http.Json;
import donna.backend.http.RouteGroup;
import donna.backend.outbound.OutboundAddressPolicy;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET/PUT /api/v1/settings}: the alert thresholds and the Slack webhook, one row per owner ({@link Alerts}
 * uses them). The webhook URL is a secret (anyone holding it can post to the channel), so reads and logs show only
 * its host and last characters; it must pass the outbound address rules when saved (and again at each send). A PUT
 * changes the fields it names; {@code null} clears. {@code POST /api/v1/settings/test-alert} posts a test message now.
 */
final class InsightsSettings implements RouteGroup {
    private static final int MAX_URL = 500;

    private static final Logger log = LoggerFactory.getLogger(InsightsSettings.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final AlertSender sender;

    InsightsSettings(Jdbi jdbi, Clock clock, AlertSender sender) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.sender = sender;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/settings", this::get);
        routes.put("/api/v1/settings", this::put);
        routes.post("/api/v1/settings/test-alert", this::testAlert);
    }

    private record Row(Integer healthBelow, JsonNode kinds, String webhook, boolean judge) {}

    private Row read(UUID owner) {
        return jdbi.withHandle(h -> h.createQuery("""
                select alert_health_below, alert_on_failure_kinds, slack_webhook_url, llm_judge_enabled
                from insights_settings
                where owner_id = :o""").bind("o", owner)
                .map((rs, ctx) -> new Row((Integer) rs.getObject("alert_health_below"), Json.tree(rs.getString("alert_on_failure_kinds")),
                        rs.getString("slack_webhook_url"), rs.getBoolean("llm_judge_enabled")))
                .findOne().orElse(new Row(null, Json.tree("[]"), null, false)));
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
        boolean judge = current.judge();
        if (body.has("llm_judge_enabled")) {
            if (!body.get("llm_judge_enabled").isBoolean()) {
                throw ApiException.badRequest("validation_failed", "llm_judge_enabled: true or false");
            }
            judge = body.get("llm_judge_enabled").asBoolean();
        }
        boolean j = judge;
        Integer b = below;
        String k = kinds.toString();
        String w = webhook;
        jdbi.useHandle(h -> h.createUpdate("""
                insert into insights_settings (owner_id, alert_health_below, alert_on_failure_kinds, slack_webhook_url,
                  llm_judge_enabled, updated_at)
                values (:o, :b, cast(:k as jsonb), :w, :j, :t)
                on conflict (owner_id) do update set alert_health_below = excluded.alert_health_below,
                  alert_on_failure_kinds = excluded.alert_on_failure_kinds,
                  slack_webhook_url = excluded.slack_webhook_url, llm_judge_enabled = excluded.llm_judge_enabled,
                  updated_at = excluded.updated_at""")
                .bind("o", owner).bind("b", b).bind("k", k).bind("w", w).bind("j", j).bind("t", clock.instant())
                .execute());
        ctx.json(Map.of("success", true, "settings", shown(new Row(below, kinds, webhook, judge))));
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

    /** The webhook address rules (OutboundAddressPolicy): https to a public address; the reason when refused. */
    private String webhook(JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().length() > MAX_URL) {
            throw ApiException.badRequest("validation_failed", "slack_webhook_url: an https URL (at most " + MAX_URL
                    + " characters) or null");
        }
        try {
            sender.check(v.asText());
            return v.asText();
        } catch (OutboundAddressPolicy.Refused refused) {
            throw ApiException.badRequest("validation_failed", "slack_webhook_url: " + refused.getMessage());
        }
    }

    /** Posts a test message to the caller's Slack webhook now and answers how Slack took it. */
    private void testAlert(Context ctx) {
        UUID owner = AuthGate.caller(ctx).requireUser().id();
        String url = read(owner).webhook();
        if (url == null) {
            throw new ApiException(409, "slack_not_configured",
                    "No Slack webhook is set: PUT /api/v1/settings with slack_webhook_url first");
        }
        AlertSender.Answer answer = sender.post(url, SlackMessage.test());
        log.info("Test alert to Slack {}: {}", masked(url), answer.accepted() ? "HTTP " + answer.status()
                : answer.error());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put("accepted", answer.accepted());
        out.put("slack_status", answer.status());
        out.put("slack_error", answer.slackError());
        out.put("error", answer.error());
        ctx.json(out);
    }

    private static Map<String, Object> shown(Row row) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("alert_health_below", row.healthBelow());
        s.put("alert_on_failure_kinds", row.kinds());
        s.put("slack_webhook_configured", row.webhook() != null);
        s.put("slack_webhook_url", row.webhook() == null ? null : masked(row.webhook()));
        s.put("llm_judge_enabled", row.judge());
        return s;
    }

    private static String masked(String url) {
        return AlertSender.masked(url);
    }
}
