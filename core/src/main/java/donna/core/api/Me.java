package donna.core.api;

import java.util.Optional;

/**
 * {@code GET /api/me}: who the service thinks is calling.
 *
 * @param auth {@code clerk} or {@code internal}
 * @param user empty for an internal call that names no user
 */
public record Me(String auth, Optional<User> user) {

    public record User(String id, String clerkId, String email) {}
}
