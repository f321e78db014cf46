package donna.backend.drafts;

import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.auth.AuthGate;
import donna.backend.http.ApiException;
import donna.backend.http.PathIds;
import donna.backend.http.Json;
import donna.backend.http.RouteGroup;
import donna.backend.users.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code /api/drafts}: the person's drafts (list, get, edit, discard). Another user's draft is 404. */
public final class DraftRoutes implements RouteGroup {
    private static final int LIST_LIMIT = 100;

    private final DraftStore drafts;
    private final ObjectMapper mapper;

    public DraftRoutes(DraftStore drafts, ObjectMapper mapper) {
        this.drafts = drafts;
        this.mapper = mapper;
    }

    record EditBody(List<String> to, List<String> cc, String subject, String body) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/drafts", this::list);
        routes.get("/api/drafts/{id}", this::get);
        routes.patch("/api/drafts/{id}", this::edit);
        routes.delete("/api/drafts/{id}", this::discard);
    }

    private void list(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        ctx.json(Json.success(mapper, Map.of("drafts", drafts.list(user.id(), LIST_LIMIT))));
    }

    private void get(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        Draft draft = drafts.find(user.id(), id(ctx)).orElseThrow(DraftRoutes::notFound);
        ctx.json(Json.success(mapper, Map.of("draft", draft)));
    }

    private void edit(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        UUID id = id(ctx);
        EditBody body = ctx.bodyAsClass(EditBody.class);
        if (body == null) {
            throw ApiException.badRequest("invalid_json", "Request body must be a JSON object");
        }
        Draft.Edit edit = new Draft.Edit(body.to() == null ? null : Addresses.check("to", body.to()),
                body.cc() == null ? null : Addresses.check("cc", body.cc()), Addresses.subject(body.subject()),
                Addresses.body(body.body()));
        Draft draft = drafts.edit(user.id(), id, edit).orElseThrow(() -> drafts.find(user.id(), id)
                .<ApiException>map(d -> new ApiException(409, "draft_not_open", "This draft is " + d.status()
                        + " and can no longer be edited"))
                .orElseGet(DraftRoutes::notFound));
        ctx.json(Json.success(mapper, Map.of("draft", draft)));
    }

    private void discard(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        UUID id = id(ctx);
        if (!drafts.discard(user.id(), id)) {
            throw drafts.find(user.id(), id).<ApiException>map(d -> new ApiException(409, "draft_not_open",
                    "This draft is " + d.status() + " and can no longer be discarded")).orElseGet(DraftRoutes::notFound);
        }
        ctx.json(Map.of("success", true));
    }

    /** A path id; one that is not a UUID names no draft (404, as another user's). */
    static UUID id(Context ctx) {
        return PathIds.uuid(ctx, DraftRoutes::notFound);
    }

    private static ApiException notFound() {
        return ApiException.notFound("No such draft");
    }
}
