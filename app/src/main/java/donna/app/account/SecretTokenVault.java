package donna.app.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.app.settings.SecretStore;
import donna.core.auth.OAuthTokens;
import donna.core.auth.TokenVault;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The sign-in tokens as one keychain entry (JSON), so they survive a restart and never sit in a plain file. */
public final class SecretTokenVault implements TokenVault {
    private static final Logger log = LoggerFactory.getLogger(SecretTokenVault.class);
    private final SecretStore store;
    private final ObjectMapper json = new ObjectMapper();

    public SecretTokenVault(SecretStore store) {
        this.store = store;
    }

    @Override
    public Optional<OAuthTokens> load() {
        return store.get().flatMap(text -> {
            try {
                JsonNode n = json.readTree(text);
                return Optional.of(new OAuthTokens(n.path("access_token").asText(),
                        Optional.ofNullable(n.get("refresh_token")).map(JsonNode::asText),
                        Instant.ofEpochSecond(n.path("expires_at").asLong())));
            } catch (Exception e) {
                log.warn("The saved sign-in could not be read; signing in again is needed");
                return Optional.empty();
            }
        });
    }

    @Override
    public void save(OAuthTokens tokens) {
        var node = json.createObjectNode().put("access_token", tokens.accessToken())
                .put("expires_at", tokens.expiresAt().getEpochSecond());
        tokens.refreshToken().ifPresent(r -> node.put("refresh_token", r));
        store.put(node.toString());
    }

    @Override
    public void clear() {
        store.delete();
    }
}
