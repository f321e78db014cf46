package donna.app.today;

import donna.app.connection.BackendConnection;
import donna.core.today.TakenMessage;
import donna.core.today.Today;

/** {@link TodayService} over the companion service; fails with "starting" until the connection is up. */
public final class BackendTodayService implements TodayService {
    private final BackendConnection connection;

    public BackendTodayService(BackendConnection connection) {
        this.connection = connection;
    }

    @Override
    public Today load() {
        return connection.client().today().load();
    }

    @Override
    public TakenMessage markDone(String messageId, boolean done) {
        return connection.client().today().markDone(messageId, done);
    }
}
