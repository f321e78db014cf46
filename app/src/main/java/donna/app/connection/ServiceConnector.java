package donna.app.connection;

import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import donna.core.api.BackendClient;
import donna.core.auth.ClerkSignIn;
import donna.core.auth.SignInConfig;
import donna.core.auth.SignInSession;
import donna.core.auth.TokenVault;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the connection up after the window is shown: starts the bundled service (or trusts the remote URL),
 * checks its health, then hands the client to {@link BackendConnection}. Reports progress as status text.
 */
public final class ServiceConnector {
    private static final Logger log = LoggerFactory.getLogger(ServiceConnector.class);
    public static final String BUNDLED_USER = "local";

    /** What the status line is told. */
    public interface Listener {
        void starting(String text);

        void connected(String text);

        void failed(String text);
    }

    /** A remote service that signs in with Clerk: the flow, and the session whose token the client sends. */
    public record RemoteSignIn(ClerkSignIn flow, SignInSession session) {}

    /** The connected client, and how to sign in when the service asks for it (remote mode with Clerk). */
    public record Connected(BackendClient client, Optional<RemoteSignIn> signIn) {}

    private final AppMode mode;
    private final ServiceLauncher launcher;
    private final BackendConnection connection;
    private final TaskExecutor tasks;
    private final Supplier<TokenVault> tokenVault;

    /** @param tokenVault opened in the background, only in remote mode (the keychain probe may block) */
    public ServiceConnector(AppMode mode, ServiceLauncher launcher, BackendConnection connection, TaskExecutor tasks,
                            Supplier<TokenVault> tokenVault) {
        this.mode = mode;
        this.launcher = launcher;
        this.connection = connection;
        this.tasks = tasks;
        this.tokenVault = tokenVault;
    }

    public void connect(Listener listener, Consumer<Connected> onConnected) {
        Optional<URI> remote = mode.remote();
        listener.starting(remote.map(u -> "remote: " + u + " - connecting...").orElse("starting service..."));
        tasks.submit(() -> {
            Connected connected = open(mode, launcher, tokenVault);
            connected.client().health();
            return connected;
        }, connected -> {
            connection.connect(connected.client());
            listener.connected(remote.map(u -> "remote: " + u).orElse("connected"));
            onConnected.accept(connected);
        }, failure -> {
            log.warn("Could not connect to the DONNA service", failure);
            String prefix = remote.map(u -> "remote: " + u + " - ").orElse("service failed to start - ");
            listener.failed(prefix + ErrorText.of(failure));
        });
    }

    /**
     * The client of this mode's service (blocking): the remote one, signed in as the app last was, or the bundled
     * service, started now. Also what {@code ./donna mail} uses, so the command line reaches the service exactly as
     * the app does.
     */
    public static Connected open(AppMode mode, ServiceLauncher launcher, Supplier<TokenVault> tokenVault)
            throws Exception {
        Optional<URI> remote = mode.remote();
        return remote.isPresent() ? remoteClient(RemoteServiceUrl.checked(remote.get()), tokenVault)
                : new Connected(bundledClient(launcher.start()), Optional.empty());
    }

    /** The service says how to sign in to it; the client then sends the signed-in person's (refreshed) token. */
    private static Connected remoteClient(URI url, Supplier<TokenVault> tokenVault) {
        Optional<SignInConfig> config = BackendClient.builder(url).build().signInConfig();
        if (config.isEmpty()) {
            return new Connected(BackendClient.builder(url).build(), Optional.empty());
        }
        Clock clock = Clock.systemUTC();
        ClerkSignIn flow = new ClerkSignIn(config.get(), clock);
        SignInSession session = new SignInSession(flow, tokenVault.get(), clock);
        return new Connected(BackendClient.builder(url).token(session).build(),
                Optional.of(new RemoteSignIn(flow, session)));
    }

    private static BackendClient bundledClient(ServiceEndpoint endpoint) {
        log.info("Bundled service listening at {}", endpoint.baseUri());
        String secret = endpoint.apiSecret();
        return BackendClient.builder(endpoint.baseUri()).token(() -> Optional.of(secret)).user(BUNDLED_USER).build();
    }
}
