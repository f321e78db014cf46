package donna.app.connection;

import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import donna.core.api.BackendClient;
import java.net.URI;
import java.util.Optional;
import java.util.function.Consumer;
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

    private final AppMode mode;
    private final ServiceLauncher launcher;
    private final BackendConnection connection;
    private final TaskExecutor tasks;

    public ServiceConnector(AppMode mode, ServiceLauncher launcher, BackendConnection connection, TaskExecutor tasks) {
        this.mode = mode;
        this.launcher = launcher;
        this.connection = connection;
        this.tasks = tasks;
    }

    public void connect(Listener listener, Runnable onConnected) {
        Optional<URI> remote = mode.remote();
        listener.starting(remote.map(u -> "remote: " + u + " - connecting...").orElse("starting service..."));
        tasks.submit(() -> {
            BackendClient client = clientFor(mode, launcher);
            client.health();
            return client;
        }, client -> {
            connection.connect(client);
            listener.connected(remote.map(u -> "remote: " + u).orElse("connected"));
            onConnected.run();
        }, failure -> {
            log.warn("Could not connect to the DONNA service", failure);
            String prefix = remote.map(u -> "remote: " + u + " - ").orElse("service failed to start - ");
            listener.failed(prefix + ErrorText.of(failure));
        });
    }

    /**
     * The client of this mode's service: the remote URL as it is, or the bundled service, started now (blocking).
     * Also what {@code ./donna mail} uses, so the command line reaches the service exactly as the app does.
     */
    public static BackendClient clientFor(AppMode mode, ServiceLauncher launcher) throws Exception {
        Optional<URI> remote = mode.remote();
        // Sign-in for remote mode comes later; until then the service decides what is public.
        return remote.isPresent() ? BackendClient.builder(remote.get()).build() : bundledClient(launcher.start());
    }

    private static BackendClient bundledClient(ServiceEndpoint endpoint) {
        log.info("Bundled service listening at {}", endpoint.baseUri());
        String secret = endpoint.apiSecret();
        return BackendClient.builder(endpoint.baseUri()).token(() -> Optional.of(secret)).user(BUNDLED_USER).build();
    }
}
