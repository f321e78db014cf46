package donna.core.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The tokens of a signed-in person. Never printed: {@link #toString()} keeps them out of logs. */
public record OAuthTokens(String accessToken, Optional<String> refreshToken, Instant expiresAt) {

    /** True when the access token has less than {@code margin} left (refresh before it runs out mid-request). */
    public boolean expiresWithin(Duration margin, Instant now) {
        return !now.plus(margin).isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "OAuthTokens[expiresAt=" + expiresAt + ", refreshable=" + refreshToken.isPresent() + "]";
    }
}
