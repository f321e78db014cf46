package donna.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Sends a batch: conversations with the same external id are merged into one (their messages joined without
 * repeats, metadata merged, ended if any said so), each is cut into requests under the service's limits (500
 * messages, {@code maxRequestBytes}), and each request is retried per {@link Backoff}.
 */
final class Sender {
    static final String TRACK_PATH = "/api/v1/conversations/track";
    /** The service's limit on messages per request. */
    static final int MAX_MESSAGES = 500;
    private static final String USER_AGENT = "donna-sdk/0.1";

    enum Result { SENT, FAILED, ABANDONED }

    /** What became of one merged conversation, standing for {@code tracked} calls of {@code track}. */
    record Outcome(String externalId, int tracked, Result result, String error) {}

    private final HttpClient client;
    private final URI endpoint;
    private final String authorization;
    private final Duration timeout;
    private final Backoff backoff;
    private final Insights.Sleeper sleeper;
    private final ObjectMapper json;
    private final int maxRequestBytes;
    private final BooleanSupplier aborted;
    private final Runnable onRetry;

    Sender(HttpClient client, URI base, String apiKey, Duration timeout, Backoff backoff, Insights.Sleeper sleeper,
            ObjectMapper json, int maxRequestBytes, BooleanSupplier aborted, Runnable onRetry) {
        this.client = client;
        String b = base.toString();
        this.endpoint = URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + TRACK_PATH);
        this.authorization = "Bearer " + apiKey;
        this.timeout = timeout;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.json = json;
        this.maxRequestBytes = maxRequestBytes;
        this.aborted = aborted;
        this.onRetry = onRetry;
    }

    List<Outcome> send(List<Conversation> batch) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Merged m : merge(batch)) {
            if (aborted.getAsBoolean()) {
                outcomes.add(new Outcome(m.externalId, m.tracked, Result.ABANDONED, null));
                continue;
            }
            outcomes.add(sendOne(m));
        }
        return outcomes;
    }

    private Outcome sendOne(Merged m) {
        List<ObjectNode> bodies;
        try {
            bodies = requests(m);
        } catch (IllegalArgumentException e) {
            // Metadata Jackson cannot write (an object without properties, a cycle): this conversation only fails.
            return new Outcome(m.externalId, m.tracked, Result.FAILED, "metadata is not JSON: "
                    + e.getClass().getSimpleName());
        }
        for (ObjectNode body : bodies) {
            Attempt last = sendWithRetries(body);
            if (last.result != Result.SENT) {
                return new Outcome(m.externalId, m.tracked, last.result, last.error);
            }
        }
        return new Outcome(m.externalId, m.tracked, Result.SENT, null);
    }

    private record Attempt(Result result, String error) {}

    private Attempt sendWithRetries(ObjectNode body) {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        for (int attempt = 1; ; attempt++) {
            Optional<Duration> retryAfter = Optional.empty();
            String error;
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return new Attempt(Result.SENT, null);
                }
                error = "HTTP " + status + errorOf(response.body());
                if (status != 429 && status != 408 && status < 500) {
                    return new Attempt(Result.FAILED, error);
                }
                retryAfter = response.headers().firstValue("Retry-After").flatMap(Sender::retryAfter);
            } catch (IOException e) {
                // The exception's class only: a message may carry the URL, never the key, but stays short.
                error = "I/O error: " + e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Attempt(Result.ABANDONED, "interrupted");
            }
            Optional<Duration> wait = backoff.next(attempt, retryAfter);
            if (wait.isEmpty()) {
                return new Attempt(Result.FAILED, error + (attempt >= backoff.maxAttempts()
                        ? " (after " + attempt + " attempts)" : " (Retry-After too long)"));
            }
            onRetry.run();
            try {
                sleeper.sleep(wait.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Attempt(Result.ABANDONED, "interrupted");
            }
            if (aborted.getAsBoolean()) {
                return new Attempt(Result.ABANDONED, error);
            }
        }
    }

    /** The standard envelope's code and message, for the caller's log; nothing else of the body. */
    private String errorOf(String body) {
        try {
            JsonNode e = json.readTree(body).path("error");
            String code = e.path("code").asText("");
            String message = e.path("message").asText("");
            String text = (code + (message.isEmpty() ? "" : ": " + message)).strip();
            return text.isEmpty() ? "" : " " + (text.length() > 300 ? text.substring(0, 300) : text);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Seconds or an HTTP date (RFC 9110); anything else is ignored. */
    static Optional<Duration> retryAfter(String value) {
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(Instant.now(),
                        ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    /** Conversations of one external id, joined. */
    private static final class Merged {
        final String externalId;
        final List<Message> messages = new ArrayList<>();
        final Set<String> seen = new java.util.HashSet<>();
        final Map<String, Object> metadata = new LinkedHashMap<>();
        boolean ended;
        int tracked;

        Merged(String externalId) {
            this.externalId = externalId;
        }

        void add(Conversation c) {
            for (Message m : c.messages()) {
                // The service's identity of a message: role, timestamp, content.
                if (seen.add(m.role().wire() + '\u0000' + m.timestamp() + '\u0000' + m.content())) {
                    messages.add(m);
                }
            }
            metadata.putAll(c.metadata());
            ended |= c.ended();
            tracked++;
        }
    }

    private static List<Merged> merge(List<Conversation> batch) {
        Map<String, Merged> byId = new LinkedHashMap<>();
        for (Conversation c : batch) {
            byId.computeIfAbsent(c.externalId(), Merged::new).add(c);
        }
        return List.copyOf(byId.values());
    }

    /** The requests of one conversation; only the last says it ended, so it is not scored as over too early. */
    private List<ObjectNode> requests(Merged m) {
        List<ObjectNode> bodies = new ArrayList<>();
        ObjectNode body = start(m);
        int size = body.toString().length();
        for (Message message : m.messages) {
            ObjectNode node = message(message);
            int bytes = node.toString().getBytes(StandardCharsets.UTF_8).length + 1;
            ArrayNode list = (ArrayNode) body.get("messages");
            if (!list.isEmpty() && (list.size() >= MAX_MESSAGES || size + bytes > maxRequestBytes)) {
                bodies.add(body);
                body = start(m);
                size = body.toString().length();
                list = (ArrayNode) body.get("messages");
            }
            list.add(node);
            size += bytes;
        }
        if (m.ended) {
            body.put("ended", true);
        }
        bodies.add(body);
        return bodies;
    }

    private ObjectNode start(Merged m) {
        ObjectNode body = json.createObjectNode();
        body.put("external_id", m.externalId);
        if (!m.metadata.isEmpty()) {
            body.set("metadata", json.valueToTree(m.metadata));
        }
        body.putArray("messages");
        return body;
    }

    private ObjectNode message(Message m) {
        ObjectNode node = json.createObjectNode();
        node.put("role", m.role().wire());
        node.put("content", m.content());
        node.put("timestamp", m.timestamp().toString());
        if (!m.metadata().isEmpty()) {
            node.set("metadata", json.valueToTree(m.metadata()));
        }
        return node;
    }
}
