package donna.backend.support;

import donna.backend.CompanionService;
import donna.backend.config.BackendConfig;
import donna.backend.http.RouteGroup;
import donna.backend.tools.ToolExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** A real service on a random loopback port over its own database on the shared Postgres. */
public final class TestService implements AutoCloseable {
    public static final String SECRET = "test-internal-secret-0123456789";

    private final CompanionService service;
    private final Http http;
    private final BackendConfig config;
    private final List<RouteGroup> probes;

    private TestService(CompanionService service, BackendConfig config, List<RouteGroup> probes) {
        this.service = service;
        this.http = new Http(service.baseUri());
        this.config = config;
        this.probes = probes;
    }

    public static TestService start(Path dataDir) {
        return start(dataDir, c -> c, List.of());
    }

    public static TestService start(Path dataDir, UnaryOperator<BackendConfig> tweak, List<RouteGroup> probes) {
        return start(dataDir, tweak, probes, UnaryOperator.identity());
    }

    /** As above, with the tools typed turns run replaced (a fake executor) or wrapped. */
    public static TestService start(Path dataDir, UnaryOperator<BackendConfig> tweak, List<RouteGroup> probes,
            UnaryOperator<ToolExecutor> tools) {
        BackendConfig base = BackendConfig.loopback(dataDir, SECRET);
        BackendConfig config = new BackendConfig(base.host(), 0, Optional.of(SharedPostgres.newDatabase()),
                Optional.empty(), Optional.empty(), dataDir, SECRET, List.of(), Optional.empty(), 1_000,
                base.maxBodyBytes(), false, "", base.openai(), base.google());
        BackendConfig tweaked = tweak.apply(config);
        return new TestService(CompanionService.start(tweaked, probes, tools), tweaked, probes);
    }

    /** Stops this service and starts another on the same database and data folder (as after a crash). */
    public TestService restart(UnaryOperator<BackendConfig> tweak) {
        service.close();
        BackendConfig next = tweak.apply(config);
        return new TestService(CompanionService.start(next, probes), next, probes);
    }

    public Http http() {
        return http;
    }

    public CompanionService service() {
        return service;
    }

    /** Headers of the internal caller acting for a user. */
    public static String[] internalAs(String user) {
        return new String[] {"Authorization", "Bearer " + SECRET, "X-Donna-User", user};
    }

    @Override
    public void close() {
        service.close();
    }
}
