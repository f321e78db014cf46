package donna.backend.auth;

/** What a verified Clerk token says about its holder. */
public record VerifiedToken(String subject, String email, Kind kind) {
    public enum Kind { SESSION, OAUTH_ACCESS }
}
