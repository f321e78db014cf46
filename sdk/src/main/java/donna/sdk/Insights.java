package donna.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Sends your assistant's conversations to DONNA Insights without ever making the caller wait.
 *
 * <pre>{@code
 * try (Insights insights = Insights.builder().apiKey(System.getenv("DONNA_INSIGHTS_KEY"))
 *         .baseUrl("https://donna.example.com").build()) {
 *     insights.track(Conversation.builder("ticket-4711")
 *             .user("Where is my order?", asked).assistant("It ships tomorrow.", answered).build());
 * }
 * }</pre>
 *
 * {@link #track} puts the conversation on a bounded queue and returns at once; when the queue is full the oldest
 * waiting conversation is dropped (and counted), never the caller blocked. One background thread takes what is
 * queued in batches (conversations tracked several times under one external id go as one request), sends each with
 * the API key, and retries a 429, a 5xx or an I/O error with exponential backoff and jitter, never sooner than the
 * service's {@code Retry-After}. A refusal (400, 401, 403, 413, ...) is not retried: it would be refused again.
 * {@link #stats()} says what became of everything. The API key is never logged nor shown by {@code toString}.
 */
public final class Insights implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("donna.sdk.Insights");

    private final Object lock = new Object();
    private final ArrayDeque<Conversation> queue = new ArrayDeque<>();
    private final int capacity;
    private final int batchSize;
    private final Duration linger;
    private final Sender sender;
    private final HttpClient ownedClient;
    private final Thread thread;
    private final String target;

    // Guarded by lock.
    private long tracked;
    private long sent;
    private long failed;
    private long dropped;
    private long retries;
    /** Tracked conversations that are sent, failed or dropped: flush waits for this to reach what was tracked. */
    private long settled;
    private int inFlight;
    private int flushing;
    private boolean closed;
    private boolean aborted;
    private String lastError;

    private Insights(Builder b) {
        this.capacity = b.queueCapacity;
        this.batchSize = b.batchSize;
        this.linger = b.linger;
        HttpClient client = b.httpClient;
        this.ownedClient = client == null ? HttpClient.newBuilder().connectTimeout(b.connectTimeout)
                .version(HttpClient.Version.HTTP_1_1).build() : null;
        this.target = b.baseUrl.toString();
        Sleeper sleeper = b.sleeper != null ? b.sleeper : this::waitOrAbort;
        this.sender = new Sender(client != null ? client : ownedClient, b.baseUrl, b.apiKey, b.requestTimeout,
                new Backoff(b.maxAttempts, b.initialBackoff, b.maxBackoff, b.maxRetryAfter, b.random), sleeper,
                new ObjectMapper(), b.maxRequestBytes, this::isAborted, this::retried);
        this.thread = Thread.ofPlatform().daemon().name("donna-insights-sender").unstarted(this::run);
        thread.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Queues {@code conversation} to be sent and returns at once. When the queue is full, the oldest queued
     * conversation makes room (counted in {@link Stats#dropped()}).
     *
     * @return false when this was closed already (the conversation is dropped and counted)
     */
    public boolean track(Conversation conversation) {
        Objects.requireNonNull(conversation, "conversation");
        synchronized (lock) {
            if (closed) {
                dropped++;
                return false;
            }
            if (queue.size() >= capacity) {
                queue.pollFirst();
                dropped++;
                settled++;
            }
            queue.addLast(conversation);
            tracked++;
            lock.notifyAll();
            return true;
        }
    }

    /**
     * Waits until everything tracked before this call has been sent or given up (failed or dropped), at most
     * {@code timeout}. Sends what is queued at once rather than waiting for a fuller batch.
     *
     * @return true when all of it was settled in time
     */
    public boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            long goal = tracked;
            flushing++;
            lock.notifyAll();
            try {
                // Conversations settle in the order they were tracked (a full queue drops its oldest), so a count
                // is enough to know that everything up to this call is done.
                while (settled < goal) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    waitNanos(left);
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                flushing--;
            }
        }
    }

    /** What became of the conversations so far. */
    public Stats stats() {
        synchronized (lock) {
            return new Stats(tracked, sent, failed, dropped, retries, queue.size() + inFlight);
        }
    }

    /** Why the last conversation that failed did (the service's status and error code), or null. Never the key. */
    public String lastError() {
        synchronized (lock) {
            return lastError;
        }
    }

    /** {@link #close(Duration)} with 10 seconds to send what is queued. */
    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    /**
     * Stops taking conversations, sends what is queued (retries included) for at most {@code timeout}, then stops;
     * whatever is still unsent then is counted as dropped.
     *
     * @return true when everything queued was settled in time
     */
    public boolean close(Duration timeout) {
        synchronized (lock) {
            if (closed) {
                return !thread.isAlive();
            }
            closed = true;
            lock.notifyAll();
        }
        boolean done = join(timeout);
        if (!done) {
            synchronized (lock) {
                aborted = true;
                dropped += queue.size();
                settled += queue.size();
                queue.clear();
                lock.notifyAll();
            }
            thread.interrupt();
            join(Duration.ofSeconds(5));
        }
        if (ownedClient != null) {
            ownedClient.shutdownNow();
        }
        return done;
    }

    @Override
    public String toString() {
        Stats s = stats();
        return "Insights[" + target + ", queued=" + s.queued() + ", sent=" + s.sent() + ", failed=" + s.failed()
                + ", dropped=" + s.dropped() + "]";
    }

    private boolean join(Duration timeout) {
        try {
            return thread.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !thread.isAlive();
        }
    }

    /** The background sender: takes a batch, sends it, counts the outcome, until closed and empty. */
    private void run() {
        while (true) {
            List<Conversation> batch;
            synchronized (lock) {
                try {
                    while (queue.isEmpty() && !closed) {
                        lock.wait();
                    }
                    if (queue.isEmpty()) {
                        return;
                    }
                    // A short linger lets conversations tracked together go together, unless someone waits.
                    long deadline = System.nanoTime() + linger.toNanos();
                    while (queue.size() < batchSize && !closed && flushing == 0) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            break;
                        }
                        waitNanos(left);
                    }
                } catch (InterruptedException e) {
                    if (aborted) {
                        return;
                    }
                    continue;
                }
                batch = new ArrayList<>(Math.min(batchSize, queue.size()));
                while (batch.size() < batchSize && !queue.isEmpty()) {
                    batch.add(queue.pollFirst());
                }
                inFlight = batch.size();
            }
            List<Sender.Outcome> outcomes;
            try {
                outcomes = sender.send(batch);
            } catch (RuntimeException e) {
                // Never let one batch end the sender: everything after it would wait forever.
                outcomes = batch.stream().map(c -> new Sender.Outcome(c.externalId(), 1, Sender.Result.FAILED,
                        "unexpected " + e.getClass().getSimpleName())).toList();
            }
            for (Sender.Outcome outcome : outcomes) {
                settle(outcome);
            }
            synchronized (lock) {
                inFlight = 0;
                lock.notifyAll();
            }
        }
    }

    private void settle(Sender.Outcome outcome) {
        synchronized (lock) {
            switch (outcome.result()) {
                case SENT -> sent += outcome.tracked();
                case FAILED -> {
                    failed += outcome.tracked();
                    lastError = outcome.error();
                    LOG.log(System.Logger.Level.WARNING, "Insights: conversation {0} not sent: {1}",
                            outcome.externalId(), outcome.error());
                }
                case ABANDONED -> dropped += outcome.tracked();
            }
            settled += outcome.tracked();
            inFlight = Math.max(0, inFlight - outcome.tracked());
            lock.notifyAll();
        }
    }

    private void retried() {
        synchronized (lock) {
            retries++;
        }
    }

    private boolean isAborted() {
        synchronized (lock) {
            return aborted;
        }
    }

    /** The backoff's wait: ends early when {@link #close} gives up, so a long Retry-After cannot hold it. */
    private void waitOrAbort(Duration delay) throws InterruptedException {
        long deadline = System.nanoTime() + delay.toNanos();
        synchronized (lock) {
            while (!aborted) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                waitNanos(left);
            }
        }
    }

    private void waitNanos(long nanos) throws InterruptedException {
        lock.wait(Math.max(1, nanos / 1_000_000), 0);
    }

    /** How the sender waits between attempts; tests record the waits instead of sitting through them. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration delay) throws InterruptedException;
    }

    /** Settings of an {@link Insights}; {@link #apiKey} and {@link #baseUrl} are required. */
    public static final class Builder {
        private String apiKey;
        private URI baseUrl;
        private int queueCapacity = 10_000;
        private int batchSize = 100;
        private Duration linger = Duration.ofMillis(200);
        private int maxAttempts = 6;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Duration maxRetryAfter = Duration.ofMinutes(5);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(15);
        private int maxRequestBytes = 900_000;
        private HttpClient httpClient;
        private Sleeper sleeper;
        /** Null: the sender thread's own ThreadLocalRandom. */
        private RandomGenerator random;

        private Builder() {}

        /** The whole key from DONNA ({@code dk_...}), sent as {@code Authorization: Bearer}. */
        public Builder apiKey(String key) {
            if (key == null || key.isBlank() || key.chars().anyMatch(c -> c <= ' ' || c == 127)) {
                throw new IllegalArgumentException("apiKey: the whole key, without spaces");
            }
            this.apiKey = key;
            return this;
        }

        /** Where the DONNA service answers, e.g. {@code https://donna.example.com}. */
        public Builder baseUrl(String url) {
            return baseUrl(URI.create(Objects.requireNonNull(url, "baseUrl")));
        }

        public Builder baseUrl(URI url) {
            String scheme = url.getScheme();
            if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme) || url.getHost() == null) {
                throw new IllegalArgumentException("baseUrl: an http(s) address, e.g. https://donna.example.com");
            }
            if (url.getUserInfo() != null || url.getQuery() != null) {
                throw new IllegalArgumentException("baseUrl: no user info or query");
            }
            this.baseUrl = url;
            return this;
        }

        /** How many conversations may wait (default 10,000); beyond it the oldest is dropped. */
        public Builder queueCapacity(int n) {
            this.queueCapacity = positive(n, "queueCapacity");
            return this;
        }

        /** How many queued conversations are taken at once (default 100). */
        public Builder batchSize(int n) {
            this.batchSize = positive(n, "batchSize");
            return this;
        }

        /** How long the sender waits for a batch to fill once something is queued (default 200 ms). */
        public Builder linger(Duration d) {
            this.linger = nonNegative(d, "linger");
            return this;
        }

        /** Attempts per request, the first included (default 6). */
        public Builder maxAttempts(int n) {
            this.maxAttempts = positive(n, "maxAttempts");
            return this;
        }

        /** The first retry waits about this long, each later one about twice as long (default 500 ms). */
        public Builder initialBackoff(Duration d) {
            this.initialBackoff = nonNegative(d, "initialBackoff");
            return this;
        }

        /** The backoff's ceiling (default 30 s). */
        public Builder maxBackoff(Duration d) {
            this.maxBackoff = nonNegative(d, "maxBackoff");
            return this;
        }

        /** A {@code Retry-After} longer than this fails the conversation instead of holding the queue (5 min). */
        public Builder maxRetryAfter(Duration d) {
            this.maxRetryAfter = nonNegative(d, "maxRetryAfter");
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = nonNegative(d, "connectTimeout");
            return this;
        }

        /** One request's limit (default 15 s); running out counts as an I/O error and is retried. */
        public Builder requestTimeout(Duration d) {
            this.requestTimeout = nonNegative(d, "requestTimeout");
            return this;
        }

        /** A request body's size limit (default 900,000 bytes, under the service's 1 MiB); longer ones are split. */
        public Builder maxRequestBytes(int n) {
            this.maxRequestBytes = positive(n, "maxRequestBytes");
            return this;
        }

        /** An HttpClient of your own (proxy, TLS); {@link #close} leaves it open. */
        public Builder httpClient(HttpClient client) {
            this.httpClient = Objects.requireNonNull(client, "httpClient");
            return this;
        }

        Builder sleeper(Sleeper s) {
            this.sleeper = s;
            return this;
        }

        Builder random(RandomGenerator r) {
            this.random = r;
            return this;
        }

        /** Starts the background sender. */
        public Insights build() {
            if (apiKey == null) {
                throw new IllegalStateException("apiKey is required");
            }
            if (baseUrl == null) {
                throw new IllegalStateException("baseUrl is required");
            }
            return new Insights(this);
        }

        @Override
        public String toString() {
            return "Insights.Builder[" + baseUrl + ", key " + (apiKey == null ? "unset" : "set") + "]";
        }

        private static int positive(int n, String name) {
            if (n < 1) {
                throw new IllegalArgumentException(name + ": at least 1");
            }
            return n;
        }

        private static Duration nonNegative(Duration d, String name) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException(name + ": zero or more");
            }
            return d;
        }
    }
}
