package donna.app.integrations;

import donna.app.connection.BackendConnection;
import donna.core.webhooks.Webhooks;
import java.util.List;

/** {@link IntegrationsService} over the companion service; fails with "starting" until the connection is up. */
public final class BackendIntegrationsService implements IntegrationsService {
    private final BackendConnection connection;

    public BackendIntegrationsService(BackendConnection connection) {
        this.connection = connection;
    }

    @Override
    public Webhooks list() {
        return connection.client().webhooks().list();
    }

    @Override
    public Webhooks.Created create(String url, List<String> events) {
        return connection.client().webhooks().create(url, events);
    }

    @Override
    public void delete(String id) {
        connection.client().webhooks().delete(id);
    }

    @Override
    public void test(String id) {
        connection.client().webhooks().test(id);
    }
}
