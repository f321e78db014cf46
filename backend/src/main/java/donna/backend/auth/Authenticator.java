package donna.backend.auth;

import donna.backend.http.ApiException;
import donna.backend.users.User;
import donna.backend.users.UserRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns an Authorization header into a {@link Caller}: the internal API_SECRET (compared in constant time) or a
 * verified Clerk token. A verified user is upserted by Clerk id.
 */
public final class Authenticator {
    public static final String ACT_AS_HEADER = "X-Donna-User";
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_.:@-]{1,128}");

    private final byte[] apiSecretDigest;
    private final Optional<ClerkTokenVerifier> clerk;
    private final UserRepository users;

    public Authenticator(String apiSecret, Optional<ClerkTokenVerifier> clerk, UserRepository users) {
        this.apiSecretDigest = sha256(apiSecret);
        this.clerk = clerk;
        this.users = users;
    }

    public Caller authenticate(String authorization, String actAs) {
        String token = bearer(authorization);
        // Digests have equal length, so isEqual's constant time does not leak the secret's length either.
        if (MessageDigest.isEqual(apiSecretDigest, sha256(token))) {
            return new Caller(Caller.Kind.INTERNAL, Optional.ofNullable(actAs).map(this::internalUser));
        }
        if (clerk.isEmpty() || token.chars().filter(c -> c == '.').count() != 2) {
            throw ApiException.unauthorized("Invalid or expired token");
        }
        VerifiedToken verified = clerk.get().verify(token);
        return new Caller(Caller.Kind.CLERK, Optional.of(users.upsert(verified.subject(), verified.email())));
    }

    private User internalUser(String clerkId) {
        if (!USER_ID.matcher(clerkId).matches()) {
            throw ApiException.badRequest("bad_request", ACT_AS_HEADER + " must be a user id (letters, digits, _.:@-)");
        }
        return users.upsert(clerkId, null);
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.length() == 7) {
            throw ApiException.unauthorized("Send Authorization: Bearer <token>");
        }
        return authorization.substring(7).trim();
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
