package donna.backend.http;

import io.javalin.config.RoutesConfig;

/** One feature's routes (chat, memory, health, ...), mounted by the API server. */
@FunctionalInterface
public interface RouteGroup {
    void register(RoutesConfig routes);

    /** Several groups mounted as one (a feature with a public part and a signed-in part). */
    static RouteGroup all(RouteGroup... groups) {
        return routes -> {
            for (RouteGroup group : groups) {
                group.register(routes);
            }
        };
    }
}
