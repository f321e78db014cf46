package donna.core.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signed-in state of the app in remote mode, and the Bearer token supplier of its service client: the access
 * token is refreshed shortly before it runs out, once, however many requests ask at the same time. A refresh the
 * provider refuses signs the person out (and says so through the listener); a network failure keeps the current
 * token while it is still valid, so a short outage does not sign anyone out.
 */
public final class SignInSession implements Supplier<Optional<String>> {
    private static final Logger log = LoggerFactory.getLogger(SignInSession.class);
    static final Duration REFRESH_MARGIN = Duration.ofMinutes(2);

    /** Told when the person is signed out without asking for it (expired or revoked sign-in). */
    public interface Listener {
        void signedOut(String reason);
    }

    private final ClerkSignIn flow;
    private final TokenVault vault;
    private final Clock clock;
    private volatile Listener listener = reason -> { };
    private OAuthTokens tokens;

    public SignInSession(ClerkSignIn flow, TokenVault vault, Clock clock) {
        this.flow = flow;
        this.vault = vault;
        this.clock = clock;
        this.tokens = vault.load().orElse(null);
    }

    public void listener(Listener newListener) {
        this.listener = newListener;
    }

    public synchronized boolean signedIn() {
        return tokens != null;
    }

    /** Keeps the tokens of a finished browser sign-in. */
    public synchronized void signedIn(OAuthTokens fresh) {
        tokens = fresh;
        vault.save(fresh);
    }

    public synchronized void signOut() {
        tokens = null;
        vault.clear();
    }

    /** Who is signed in, in words ("Ada Lovelace (ada@example.com)"); empty when signed out or unknown. */
    public Optional<String> displayName() {
        return get().flatMap(flow::displayName);
    }

    /** The Bearer token for the next request; empty when signed out. */
    @Override
    public Optional<String> get() {
        String expiredReason;
        synchronized (this) {
            if (tokens == null) {
                return Optional.empty();
            }
            if (!tokens.expiresWithin(REFRESH_MARGIN, clock.instant())) {
                return Optional.of(tokens.accessToken());
            }
            try {
                tokens = flow.refresh(tokens);
                vault.save(tokens);
                return Optional.of(tokens.accessToken());
            } catch (SignInExpiredException e) {
                tokens = null;
                vault.clear();
                expiredReason = e.getMessage();
            } catch (RuntimeException e) {
                log.warn("Could not refresh the sign-in; keeping the current token while it lasts: {}", e.getMessage());
                return tokens.expiresWithin(Duration.ZERO, clock.instant())
                        ? Optional.empty() : Optional.of(tokens.accessToken());
            }
        }
        listener.signedOut(expiredReason); // outside the lock: the listener may call back in
        return Optional.empty();
    }
}
