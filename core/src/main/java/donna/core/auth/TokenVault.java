package donna.core.auth;

import java.util.Optional;

/** Where the signed-in person's tokens live between runs: the OS keychain in the app. */
public interface TokenVault {
    Optional<OAuthTokens> load();

    void save(OAuthTokens tokens);

    void clear();
}
