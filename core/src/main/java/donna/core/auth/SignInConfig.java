package donna.core.auth;

import java.net.URI;
import java.util.List;

/**
 * How to sign in to a remote DONNA service, as the service publishes it ({@code GET /api/auth/config}): Clerk's
 * issuer (its Frontend API URL), the public OAuth client of the desktop app and its registered loopback redirect.
 */
public record SignInConfig(URI issuer, String clientId, URI redirectUri, List<String> scopes) {
    public static final List<String> DEFAULT_SCOPES = List.of("openid", "profile", "email", "offline_access");

    public SignInConfig {
        scopes = List.copyOf(scopes);
        if (!"127.0.0.1".equals(redirectUri.getHost()) && !"localhost".equals(redirectUri.getHost())) {
            throw new IllegalArgumentException("The sign-in redirect must be a loopback address: " + redirectUri);
        }
    }
}
