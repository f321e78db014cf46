package donna.standins.google;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** The fake account's messages, newest first. Thread-safe. */
final class Mailbox {
    private final List<StoredMessage> messages = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong(0x18c0_0000_0000_0000L);

    String newId() {
        return Long.toHexString(ids.incrementAndGet());
    }

    synchronized void add(StoredMessage message) {
        messages.add(message);
        messages.sort(Comparator.comparing((StoredMessage m) -> m.internalDate).reversed()
                .thenComparing(m -> m.id, Comparator.reverseOrder()));
    }

    synchronized Optional<StoredMessage> find(String id) {
        return messages.stream().filter(m -> m.id.equals(id)).findFirst();
    }

    synchronized boolean hasThread(String threadId) {
        return messages.stream().anyMatch(m -> m.threadId.equals(threadId));
    }

    /** A thread's messages, oldest first (as Gmail's threads.get lists them); empty when there is no such thread. */
    synchronized List<StoredMessage> thread(String threadId) {
        return messages.stream().filter(m -> m.threadId.equals(threadId)).sorted(Comparator.comparing(
                (StoredMessage m) -> m.internalDate).thenComparing(m -> m.id)).toList();
    }

    /** Matches, newest first; spam and trash only when the query asks for them. */
    synchronized List<StoredMessage> search(SearchQuery query, List<String> labelIds) {
        return messages.stream()
                .filter(m -> query.includesSpamAndTrash() || !(m.hasLabel("SPAM") || m.hasLabel("TRASH")))
                .filter(m -> labelIds.stream().allMatch(m::hasLabel))
                .filter(query::matches)
                .toList();
    }

    synchronized int size() {
        return messages.size();
    }
}
