package donna.backend.health;

import donna.backend.auth.AuthGate;
import donna.backend.db.Database;
import donna.backend.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** GET /api/health: public liveness; with ?detail=1 and auth, the database's state and schema version too. */
public final class HealthRoutes implements RouteGroup {
    public static final String PATH = "/api/health";

    private final Database database;
    private final AuthGate gate;
    private final String version;
    private final Clock clock;

    public HealthRoutes(Database database, AuthGate gate, String version, Clock clock) {
        this.database = database;
        this.gate = gate;
        this.version = version;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(PATH, this::health);
    }

    private void health(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", true);
        body.put("service", "donna-api");
        body.put("version", version);
        body.put("time", Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
        if (wantsDetail(ctx)) {
            gate.requireCaller(ctx);
            body.put("database", databaseStatus());
        }
        ctx.json(body);
    }

    /**
     * Whether the caller asked for the detail, which needs authentication (the auth gate then spends the caller's
     * token); every other health request spends a token of the caller's address, whatever its parameters.
     */
    public static boolean wantsDetail(Context ctx) {
        return "1".equals(ctx.queryParam("detail")) || "true".equals(ctx.queryParam("detail"));
    }

    private Map<String, Object> databaseStatus() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("mode", database.mode());
        try {
            status.put("migration", database.schemaVersion());
            status.put("ok", true);
        } catch (RuntimeException e) {
            status.put("ok", false);
            status.put("error", "database unreachable");
        }
        return status;
    }
}
