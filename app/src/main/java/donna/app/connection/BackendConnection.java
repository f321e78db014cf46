package donna.app.connection;

import donna.core.ServiceError;
import donna.core.api.BackendClient;
import donna.core.api.ServiceException;

/**
 * The client of the companion service once it is known: the app's panes exist before the bundled service is up,
 * so they hold this and get a clear "starting" failure until then.
 */
public final class BackendConnection {
    private volatile BackendClient client;

    public BackendClient client() {
        BackendClient c = client;
        if (c == null) {
            throw new ServiceException(new ServiceError(0, "starting", "DONNA's service is still starting", null));
        }
        return c;
    }

    public boolean ready() {
        return client != null;
    }

    void connect(BackendClient connected) {
        this.client = connected;
    }
}
