package donna.standins.openai;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the fake will do next, set by tests and read by the handlers; every method is thread-safe. */
final class Script {
    record FlagRule(String needle, List<String> categories) {}

    private final Deque<Reply> replies = new ArrayDeque<>();
    private final Map<Endpoint, Deque<Failure>> failures = new EnumMap<>(Endpoint.class);
    private final List<FlagRule> flagRules = new CopyOnWriteArrayList<>();
    // Not copy-on-write: a load test records hundreds of thousands of requests, and each add would copy them all.
    private final Queue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();
    private volatile Duration firstByteLatency = Duration.ZERO;
    private volatile Duration chunkLatency = Duration.ZERO;
    private volatile String requiredApiKey;

    synchronized void enqueue(Reply reply) {
        replies.addLast(reply);
    }

    /** The next scripted reply, or null to let the canned assistant answer. */
    synchronized Reply nextReply() {
        return replies.pollFirst();
    }

    synchronized void failNext(Endpoint endpoint, int times, Failure failure) {
        Deque<Failure> queue = failures.computeIfAbsent(endpoint, e -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.addLast(failure);
        }
    }

    /** The failure scripted for this call, or null. */
    synchronized Failure nextFailure(Endpoint endpoint) {
        Deque<Failure> queue = failures.get(endpoint);
        return queue == null ? null : queue.pollFirst();
    }

    void flagWhen(String needle, List<String> categories) {
        flagRules.add(new FlagRule(needle.toLowerCase(Locale.ROOT), List.copyOf(categories)));
    }

    /** Categories flagged for this text (empty: not flagged). */
    List<String> flaggedCategories(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (FlagRule rule : flagRules) {
            if (lower.contains(rule.needle())) {
                rule.categories().stream().filter(c -> !out.contains(c)).forEach(out::add);
            }
        }
        return out;
    }

    void record(RecordedRequest request) {
        requests.add(request);
    }

    List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    Duration firstByteLatency() {
        return firstByteLatency;
    }

    void firstByteLatency(Duration latency) {
        firstByteLatency = latency;
    }

    Duration chunkLatency() {
        return chunkLatency;
    }

    void chunkLatency(Duration latency) {
        chunkLatency = latency;
    }

    String requiredApiKey() {
        return requiredApiKey;
    }

    void requiredApiKey(String key) {
        requiredApiKey = key;
    }

    void forgetRequests() {
        requests.clear();
    }

    synchronized void reset() {
        replies.clear();
        failures.clear();
        flagRules.clear();
        requests.clear();
        firstByteLatency = Duration.ZERO;
        chunkLatency = Duration.ZERO;
        requiredApiKey = null;
    }
}
