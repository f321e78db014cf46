package donna.backend.insights;

import donna.backend.http.ApiException;
import java.util.UUID;

/** Path ids: a malformed one names nothing, so it is 404 like another owner's. */
final class Ids {
    private Ids() {}

    static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Not found");
        }
    }
}
