package donna.backend.autopilot;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.auth.AuthGate;
import donna.backend.http.ApiException;
import donna.backend.http.PathIds;
import donna.backend.http.Json;
import donna.backend.http.RouteGroup;
import donna.backend.users.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.UUID;

/** HTTP side of autopilot (docs/api.md, "Autopilot"): settings, a pass on request, the review queue. */
public final class AutopilotRoutes implements RouteGroup {
    private final AutopilotPass pass;
    private final ObjectMapper mapper;
    private final Runnable switchedOn;

    /** @param switchedOn told after someone switched autopilot on (starts the scheduler where it waits for that) */
    public AutopilotRoutes(AutopilotPass pass, ObjectMapper mapper, Runnable switchedOn) {
        this.pass = pass;
        this.mapper = mapper;
        this.switchedOn = switchedOn;
    }

    record SettingsBody(Boolean enabled, @JsonProperty("send_without_review") Boolean sendWithoutReview,
            @JsonProperty("per_run_cap") Integer perRunCap, @JsonProperty("per_day_cap") Integer perDayCap) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/gmail/autopilot-run", this::run);
        routes.get("/api/gmail/autopilot/settings", this::settings);
        routes.put("/api/gmail/autopilot/settings", this::putSettings);
        routes.get("/api/gmail/autopilot/drafts", this::drafts);
        routes.post("/api/gmail/autopilot/drafts/{id}/send", this::sendDraft);
        routes.delete("/api/gmail/autopilot/drafts/{id}", this::deleteDraft);
    }

    private void run(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        ok(ctx, pass.run(user, AutopilotPass.REQUEST));
    }

    private void settings(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        ok(ctx, pass.store().settings(user.id()));
    }

    private void putSettings(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        SettingsBody body = ctx.bodyAsClass(SettingsBody.class);
        if (body == null) {
            throw ApiException.badRequest("invalid_json", "Request body must be a JSON object");
        }
        AutopilotSettings now = pass.store().settings(user.id());
        AutopilotSettings next = new AutopilotSettings(
                body.enabled() == null ? now.enabled() : body.enabled(),
                body.sendWithoutReview() == null ? now.sendWithoutReview() : body.sendWithoutReview(),
                body.perRunCap() == null ? now.perRunCap() : body.perRunCap(),
                body.perDayCap() == null ? now.perDayCap() : body.perDayCap());
        if (next.perRunCap() < 1 || next.perRunCap() > AutopilotSettings.MAX_PER_RUN
                || next.perDayCap() < 1 || next.perDayCap() > AutopilotSettings.MAX_PER_DAY) {
            throw ApiException.badRequest("validation_failed", "per_run_cap must be 1-"
                    + AutopilotSettings.MAX_PER_RUN + " and per_day_cap 1-" + AutopilotSettings.MAX_PER_DAY);
        }
        pass.store().save(user.id(), next);
        if (next.enabled()) {
            switchedOn.run();
        }
        ok(ctx, next);
    }

    private void drafts(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        ctx.json(Map.of("success", true, "drafts", pass.store().pending(user.id())));
    }

    private void sendDraft(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        QueuedDraft draft = pass.store().find(user.id(), draftId(ctx))
                .filter(d -> !"discarded".equals(d.status()))
                .orElseThrow(() -> ApiException.notFound("No such draft in the review queue"));
        ok(ctx, pass.send(user, draft.id(), draft.to(), draft.subject(), draft.body(), draft.messageId()));
    }

    private void deleteDraft(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        if (!pass.store().discard(user.id(), draftId(ctx))) {
            throw ApiException.notFound("No such draft in the review queue");
        }
        ctx.status(204);
    }

    private static UUID draftId(Context ctx) {
        return PathIds.uuid(ctx, () -> ApiException.notFound("No such draft in the review queue"));
    }

    private void ok(Context ctx, Object value) {
        ctx.json(Json.success(mapper, value));
    }
}
