package donna.app.memory;

import com.fasterxml.jackson.databind.JsonNode;
import donna.core.ServiceError;
import donna.core.api.MemoryEntry;
import donna.core.api.ServiceException;
import java.util.List;

/** What Settings > Memory needs from the service ({@code /api/memory}). Blocking; ServiceException on failure. */
public interface MemoryService {

    List<MemoryEntry> list();

    void put(String key, JsonNode value);

    void delete(String key);

    /** No service behind it (windows built without one): every call fails with "starting". */
    static MemoryService detached() {
        return new MemoryService() {
            private ServiceException starting() {
                return new ServiceException(new ServiceError(0, "starting", "DONNA's service is still starting",
                        null));
            }

            @Override
            public List<MemoryEntry> list() {
                throw starting();
            }

            @Override
            public void put(String key, JsonNode value) {
                throw starting();
            }

            @Override
            public void delete(String key) {
                throw starting();
            }
        };
    }
}
