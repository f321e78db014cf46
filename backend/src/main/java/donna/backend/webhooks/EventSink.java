package donna.backend.webhooks;

import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Where a feature announces what happened, inside its own transaction (so the announcement exists exactly when the
 * change was committed). {@link WebhookEvents} queues a delivery per subscribed webhook; {@link #NONE} drops it.
 */
@FunctionalInterface
public interface EventSink {
    EventSink NONE = (handle, owner, type, data) -> { };

    /**
     * @param type one of {@link EventTypes#ALL}
     * @param data the event's {@code data}, anything Jackson writes (a record, a map, a node)
     */
    void publish(Handle handle, UUID owner, String type, Object data);
}
