package donna.app.memory;

import com.fasterxml.jackson.databind.JsonNode;
import donna.app.connection.BackendConnection;
import donna.core.api.MemoryEntry;
import java.util.List;

/** {@link MemoryService} over the companion service; fails with "starting" until the connection is up. */
public final class BackendMemoryService implements MemoryService {
    private final BackendConnection connection;

    public BackendMemoryService(BackendConnection connection) {
        this.connection = connection;
    }

    @Override
    public List<MemoryEntry> list() {
        return connection.client().memory();
    }

    @Override
    public void put(String key, JsonNode value) {
        connection.client().putMemory(key, value);
    }

    @Override
    public void delete(String key) {
        connection.client().deleteMemory(key);
    }
}
