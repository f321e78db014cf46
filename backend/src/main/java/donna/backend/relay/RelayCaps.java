package donna.backend.relay;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The relayed connections this instance carries, all told and per user. Each connection holds a thread's worth of
 * sockets and buffers here, so the count is this instance's own; the voice budget's concurrent cap (in PostgreSQL)
 * is what holds a user across instances.
 */
final class RelayCaps {
    private final int max;
    private final int maxPerUser;
    private final Map<UUID, Integer> perUser = new HashMap<>();
    private int total;

    RelayCaps(int max, int maxPerUser) {
        this.max = max;
        this.maxPerUser = maxPerUser;
    }

    /** Takes a place for {@code user}; false when this instance or this user is full. */
    synchronized boolean tryAcquire(UUID user) {
        int mine = perUser.getOrDefault(user, 0);
        if (total >= max || mine >= maxPerUser) {
            return false;
        }
        total++;
        perUser.put(user, mine + 1);
        return true;
    }

    synchronized void release(UUID user) {
        int mine = perUser.getOrDefault(user, 0);
        if (mine <= 0) {
            return;
        }
        total--;
        if (mine == 1) {
            perUser.remove(user);
        } else {
            perUser.put(user, mine - 1);
        }
    }

    synchronized int total() {
        return total;
    }
}
