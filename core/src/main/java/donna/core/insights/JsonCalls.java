package donna.core.insights;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The service's JSON calls as {@link InsightsClient} needs them: {@code BackendClient.insights()} hands over its
 * own plumbing (token, acting user, error envelope, GET retries), so the Insights calls live here and the client
 * does not grow. Failures are {@code ServiceException}s.
 */
public interface JsonCalls {

    /** GET {@code pathAndQuery}; the answer's JSON. */
    JsonNode get(String pathAndQuery);

    /** {@code method} {@code path} with {@code body} (null: none); the answer's JSON. Never retried. */
    JsonNode send(String method, String path, JsonNode body);
}
