package donna.backend.auth;

import donna.backend.http.ApiException;
import donna.backend.users.User;
import java.util.Optional;

/**
 * Who made a request: a Clerk-verified user, or an internal caller holding API_SECRET, which may act for a user
 * named in X-Donna-User (the bundled app acts for "local").
 */
public record Caller(Kind kind, Optional<User> user) {
    public enum Kind {
        CLERK("clerk"), INTERNAL("internal");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** The user a route acts for; internal calls without X-Donna-User have none. */
    public User requireUser() {
        return user.orElseThrow(() -> ApiException.badRequest("user_required",
                "This route acts for a user: send X-Donna-User with the internal secret"));
    }

    /** The key requests are rate limited under. */
    public String rateLimitKey() {
        return user.map(u -> "user:" + u.clerkId()).orElse("internal");
    }
}
