package donna.backend.gmail;

import donna.backend.crypto.TokenCipher;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users' Gmail links ({@code gmail_tokens}): the refresh token, encrypted with {@link TokenCipher} under the
 * user's id, the linked address, and whether Google has revoked the grant ({@code needs_reconnect}).
 */
public final class GmailLinks {
    private static final Logger log = LoggerFactory.getLogger(GmailLinks.class);

    private final Jdbi jdbi;
    private final TokenCipher cipher;

    public GmailLinks(Jdbi jdbi, TokenCipher cipher) {
        this.jdbi = jdbi;
        this.cipher = cipher;
    }

    /**
     * A user's link as stored.
     *
     * @param refreshToken the decrypted refresh token; null when it cannot be decrypted (its key is gone)
     */
    public record Link(UUID userId, String email, String refreshToken, boolean needsReconnect) {
        /** Usable for Gmail calls. */
        public boolean usable() {
            return !needsReconnect && refreshToken != null;
        }
    }

    public Optional<Link> find(UUID userId) {
        record Row(String email, String token, boolean needsReconnect) {}
        Optional<Row> row = jdbi.withHandle(h -> h.createQuery(
                        "select email, refresh_token, needs_reconnect from gmail_tokens where user_id = :u")
                .bind("u", userId)
                .map((rs, ctx) -> new Row(rs.getString(1), rs.getString(2), rs.getBoolean(3)))
                .findOne());
        return row.map(r -> new Link(userId, r.email(), plaintext(userId, r.token()), r.needsReconnect()));
    }

    /** Keeps a new grant: the refresh token encrypted, the link usable again. */
    public void save(UUID userId, String email, String refreshToken, String scope, String tokenType) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into gmail_tokens (user_id, refresh_token, scope, token_type, email, needs_reconnect)
                        values (:u, :t, :scope, :type, :email, false)
                        on conflict (user_id) do update set refresh_token = excluded.refresh_token,
                          scope = excluded.scope, token_type = excluded.token_type, email = excluded.email,
                          needs_reconnect = false, updated_at = now()""")
                .bind("u", userId).bind("t", cipher.encrypt(refreshToken, userId.toString())).bind("scope", scope)
                .bind("type", tokenType).bind("email", email).execute());
    }

    /** Google answered invalid_grant: the link stays (for its address) but no call is made until reconnected. */
    public void markNeedsReconnect(UUID userId) {
        int changed = jdbi.withHandle(h -> h.createUpdate("""
                        update gmail_tokens set needs_reconnect = true, updated_at = now()
                        where user_id = :u and not needs_reconnect""")
                .bind("u", userId).execute());
        if (changed > 0) {
            log.warn("Gmail grant of user {} was revoked or expired: marked as needing reconnect", userId);
        }
    }

    public boolean delete(UUID userId) {
        return jdbi.withHandle(h -> h.createUpdate("delete from gmail_tokens where user_id = :u")
                .bind("u", userId).execute()) > 0;
    }

    private String plaintext(UUID userId, String stored) {
        try {
            String token = cipher.decrypt(stored, userId.toString());
            if (!cipher.isCurrent(stored)) {
                // Written under a previous key: write it again under the current one (key rotation, security.md).
                jdbi.useHandle(h -> h.createUpdate(
                                "update gmail_tokens set refresh_token = :new where user_id = :u and refresh_token = :old")
                        .bind("new", cipher.encrypt(token, userId.toString())).bind("u", userId).bind("old", stored)
                        .execute());
                log.info("Re-encrypted the Gmail token of user {} under key {}", userId, cipher.currentKeyId());
            }
            return token;
        } catch (TokenCipher.UndecryptableException e) {
            log.error("Gmail token of user {} cannot be decrypted ({}); the user must reconnect", userId,
                    e.getMessage());
            return null;
        }
    }
}
