package donna.backend.http;

import io.javalin.config.RoutesConfig;

/** One feature's routes (chat, memory, health, ...), mounted by the API server. */
@FunctionalInterface
public interface RouteGroup {
    void register(RoutesConfig routes);
}
