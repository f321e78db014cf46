package donna.backend.support;

import donna.backend.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Test-only routes mounted behind the same gate as real ones, to observe what the platform lets through. */
public final class Probes implements RouteGroup {
    public final AtomicInteger calls = new AtomicInteger();
    public final CountDownLatch slowEntered = new CountDownLatch(1);
    public final CountDownLatch slowRelease = new CountDownLatch(1);

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/probe/count", ctx -> ctx.json(Map.of("calls", calls.incrementAndGet())));
        routes.post("/api/probe/json", ctx -> {
            calls.incrementAndGet();
            ctx.json(Map.of("echo", ctx.bodyAsClass(Map.class)));
        });
        routes.get("/api/probe/boom", ctx -> {
            throw new IllegalStateException("password=hunter2 leaked into an exception");
        });
        routes.get("/api/probe/slow", ctx -> {
            slowEntered.countDown();
            if (!slowRelease.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
            ctx.json(Map.of("done", true));
        });
    }
}
