package donna.app.bundled;

import donna.backend.config.BackendConfig;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Google's OAuth client and Gmail's address for the bundled service, from the same variables the service reads
 * ({@code GOOGLE_CLIENT_ID}, {@code GOOGLE_CLIENT_SECRET}, {@code GOOGLE_AUTH_URL}, {@code GOOGLE_TOKEN_URL},
 * {@code GMAIL_ROOT_URL}, {@code GOOGLE_REVOKE_URL}); Gmail's root is normalised as the service normalises it
 * ({@link BackendConfig.Google#withoutTrailingSlash}). Without a client id and secret, Gmail is not configured and the Mail pane says so.
 */
public final class BundledGoogle {
    private BundledGoogle() {}

    public static BackendConfig.Google fromEnvironment(Map<String, String> env) {
        BackendConfig.Google defaults = BackendConfig.Google.defaults();
        Optional<String> id = value(env, "GOOGLE_CLIENT_ID");
        Optional<String> secret = value(env, "GOOGLE_CLIENT_SECRET");
        if (id.isEmpty() || secret.isEmpty()) {
            return defaults;
        }
        return defaults.withClient(id.get(), secret.get(), url(env, "GOOGLE_AUTH_URL", defaults.authUrl()),
                url(env, "GOOGLE_TOKEN_URL", defaults.tokenUrl()), url(env, "GMAIL_ROOT_URL", defaults.gmailRootUrl()))
                .withRevokeUrl(value(env, "GOOGLE_REVOKE_URL").map(URI::create).orElse(null));
    }

    /**
     * The Google consent page this installation uses (GOOGLE_AUTH_URL, by default accounts.google.com): the Gmail
     * consent URL a service returns is opened only when it is on this host.
     */
    public static URI authUrl(Map<String, String> env) {
        return url(env, "GOOGLE_AUTH_URL", BackendConfig.Google.defaults().authUrl());
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static URI url(Map<String, String> env, String name, URI fallback) {
        return value(env, name).map(URI::create).orElse(fallback);
    }
}
