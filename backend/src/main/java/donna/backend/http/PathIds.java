package donna.backend.http;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The {@code {id}} of a route's path as a UUID. One that is not a UUID names nothing the caller has: 404, the same
 * answer as another user's id, so a caller learns nothing from the shape of an id.
 */
public final class PathIds {
    private PathIds() {}

    /** @param notFound the route's own 404 (its message names what was not found) */
    public static UUID uuid(Context ctx, Supplier<ApiException> notFound) {
        try {
            return UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw notFound.get();
        }
    }
}
