package donna.core.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.core.ServiceError;
import donna.core.api.ServiceException;
import java.util.List;
import java.util.Objects;

/**
 * The Insights routes under {@code /api/v1} (docs/api.md, "Insights"), typed: conversations, their messages, health
 * and failures, the analytics, failure status, alert settings and API keys. Get one from
 * {@code BackendClient.insights()}. Blocking; failures are {@link ServiceException}s.
 */
public final class InsightsClient {
    /** Answered by a service that has not got the test alert yet (the route is newer than the rest). */
    public static final String NO_TEST_ALERT = "test_alert_unsupported";

    private final JsonCalls http;
    private final ObjectMapper json = new ObjectMapper();

    public InsightsClient(JsonCalls http) {
        this.http = Objects.requireNonNull(http, "http");
    }

    /** One page of the conversations matching {@code filter}, newest first; {@code cursor} null for the first. */
    public ConversationPage conversations(ConversationFilter filter, int limit, String cursor) {
        return conversations(filter, ConversationSort.RECENT, limit, cursor);
    }

    /** As above in {@code sort}'s order; a cursor belongs to the order of the page that gave it. */
    public ConversationPage conversations(ConversationFilter filter, ConversationSort sort, int limit,
            String cursor) {
        StringBuilder q = new StringBuilder(filter.query());
        ConversationFilter.add(q, "sort", sort == null || sort == ConversationSort.RECENT ? null : sort.wire());
        ConversationFilter.add(q, "limit", limit);
        ConversationFilter.add(q, "cursor", cursor);
        return InsightsJson.page(http.get("/api/v1/conversations?" + q.substring(1)));
    }

    /** One conversation with its score's breakdown. */
    public Conversation conversation(String id) {
        Conversation c = InsightsJson.conversation(http.get("/api/v1/conversations/" + enc(id)).path("conversation"));
        if (c == null) {
            throw incomplete("conversation");
        }
        return c;
    }

    /** Messages oldest first, those after message {@code after} (null: from the start), at most {@code limit}. */
    public MessagePage messages(String conversationId, Long after, int limit) {
        StringBuilder q = new StringBuilder();
        ConversationFilter.add(q, "after", after);
        ConversationFilter.add(q, "limit", limit);
        return InsightsJson.messages(http.get("/api/v1/conversations/" + enc(conversationId) + "/messages?"
                + q.substring(1)));
    }

    public List<Failure> failures(String conversationId) {
        return InsightsJson.failures(http.get("/api/v1/conversations/" + enc(conversationId) + "/failures"));
    }

    /** {@code status}: open, ack or resolved; the failure as stored comes back. */
    public Failure setFailureStatus(String failureId, String status) {
        Failure f = InsightsJson.failure(http.send("PATCH", "/api/v1/failures/" + enc(failureId),
                json.createObjectNode().put("status", status)).path("failure"));
        if (f == null) {
            throw incomplete("failure");
        }
        return f;
    }

    public Summary summary(ConversationFilter filter) {
        String q = filter.query();
        return InsightsJson.summary(http.get("/api/v1/analytics/summary" + (q.isEmpty() ? "" : "?" + q.substring(1)))
                .path("summary"));
    }

    /** {@code bucket}: day or hour; {@code filter}'s from and to bound the buckets (the service's default: 30 days). */
    public Trends trends(String bucket, ConversationFilter filter) {
        return InsightsJson.trends(http.get("/api/v1/analytics/failures/trends?bucket=" + enc(bucket)
                + filter.query()));
    }

    public AlertSettings settings() {
        return InsightsJson.settings(http.get("/api/v1/settings").path("settings"));
    }

    /**
     * Saves the thresholds; {@code slackWebhookUrl}: a new URL, {@code ""} to remove it, null to keep the one stored
     * (the service shows only its masked form, so the app cannot send it back).
     */
    public AlertSettings saveSettings(Integer alertHealthBelow, List<String> kinds, String slackWebhookUrl) {
        ObjectNode body = json.createObjectNode();
        if (alertHealthBelow == null) {
            body.putNull("alert_health_below");
        } else {
            body.put("alert_health_below", alertHealthBelow);
        }
        ArrayNode k = body.putArray("alert_on_failure_kinds");
        kinds.forEach(k::add);
        if (slackWebhookUrl != null) {
            if (slackWebhookUrl.isBlank()) {
                body.putNull("slack_webhook_url");
            } else {
                body.put("slack_webhook_url", slackWebhookUrl.strip());
            }
        }
        return InsightsJson.settings(http.send("PUT", "/api/v1/settings", body).path("settings"));
    }

    /** Switches the LLM judge on or off for the signed-in person; the settings as stored come back. */
    public AlertSettings setLlmJudge(boolean on) {
        return InsightsJson.settings(http.send("PUT", "/api/v1/settings",
                json.createObjectNode().put("llm_judge_enabled", on)).path("settings"));
    }

    /** What the last weekly pattern-analyze found (recurring topics, failure clusters, similar conversations). */
    public Patterns patterns() {
        return Patterns.parse(http.get("/api/v1/analytics/patterns"));
    }

    /** Analyses the signed-in person's conversations now and answers what it found. */
    public Patterns analyzePatterns() {
        return Patterns.parse(http.send("POST", "/api/v1/analytics/patterns/analyze", json.createObjectNode()));
    }

    /**
     * Posts a test alert to the saved Slack webhook. A service without the route answers 404 "No route": that is
     * turned into {@link #NO_TEST_ALERT}, so callers can say a newer service is needed.
     */
    public void sendTestAlert() {
        try {
            http.send("POST", "/api/v1/settings/test-alert", json.createObjectNode());
        } catch (ServiceException e) {
            // Only the service's "no such route" 404: a newer service may answer 404 for a reason of its own.
            String message = e.error().message() == null ? "" : e.error().message();
            if (e.error().status() == 404 && (message.startsWith("No route") || "http_404".equals(e.error().code()))) {
                throw new ServiceException(new ServiceError(404, NO_TEST_ALERT,
                        "Test alerts need a newer service", e.error().traceId()), e);
            }
            throw e;
        }
    }

    /** How many sample conversations (a made-up help desk's, to try Insights with) the person has. */
    public int sampleCount() {
        return http.get("/api/v1/samples").path("samples").asInt(0);
    }

    /** Adds the sample conversations (renewing any added before); answers how many there are now. */
    public int addSamples() {
        return http.send("POST", "/api/v1/samples", json.createObjectNode()).path("samples").asInt(0);
    }

    /** Removes the sample conversations and nothing else; answers how many went. */
    public int removeSamples() {
        return http.send("DELETE", "/api/v1/samples", null).path("removed").asInt(0);
    }

    public List<ApiKey> apiKeys() {
        return InsightsJson.apiKeys(http.get("/api/v1/api-keys"));
    }

    /** A new key named {@code name}; its secret is in this answer only. */
    public NewApiKey createApiKey(String name) {
        JsonNode n = http.send("POST", "/api/v1/api-keys", json.createObjectNode().put("name", name));
        ApiKey key = InsightsJson.apiKey(n.path("api_key"));
        String secret = InsightsJson.text(n, "secret");
        if (key == null || secret == null) {
            throw incomplete("API key");
        }
        return new NewApiKey(key, secret);
    }

    /** Revokes the key at once. */
    public void revokeApiKey(String id) {
        http.send("DELETE", "/api/v1/api-keys/" + enc(id), null);
    }

    /** The person's saved views of the list, by name. */
    public List<SavedView> savedViews() {
        return SavedViewsJson.list(http.get("/api/v1/saved-views"));
    }

    /** Saves {@code filter} and {@code sort} under {@code name} (409 {@code name_taken} if the name is used). */
    public SavedView createSavedView(String name, ConversationFilter filter, ConversationSort sort) {
        ObjectNode body = json.createObjectNode().put("name", name);
        body.set("filters", SavedViewsJson.filters(filter, sort));
        return savedView(http.send("POST", "/api/v1/saved-views", body));
    }

    /** Renames a view ({@code name} null: keep) and/or replaces its filters ({@code filter} null: keep). */
    public SavedView updateSavedView(String id, String name, ConversationFilter filter, ConversationSort sort) {
        ObjectNode body = json.createObjectNode();
        if (name != null) {
            body.put("name", name);
        }
        if (filter != null) {
            body.set("filters", SavedViewsJson.filters(filter, sort));
        }
        return savedView(http.send("PATCH", "/api/v1/saved-views/" + enc(id), body));
    }

    public void deleteSavedView(String id) {
        http.send("DELETE", "/api/v1/saved-views/" + enc(id), null);
    }

    private static SavedView savedView(JsonNode answer) {
        SavedView view = SavedViewsJson.view(answer.path("saved_view"));
        if (view == null) {
            throw incomplete("saved view");
        }
        return view;
    }

    private static String enc(String s) {
        return ConversationFilter.enc(s);
    }

    private static ServiceException incomplete(String what) {
        return new ServiceException(new ServiceError(502, "invalid_response",
                "The service's " + what + " answer was incomplete", null));
    }
}
