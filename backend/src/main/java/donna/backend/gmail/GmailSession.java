package donna.backend.gmail;

import com.google.api.services.gmail.Gmail;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gmail for one user for the length of one request: the client (authorised by the user's refresh token) and the
 * linked address. {@code invalidGrant} turns true when Google refused the refresh token, wherever that surfaced.
 */
public record GmailSession(UUID userId, String email, Gmail gmail, AtomicBoolean invalidGrant) {}
