package donna.backend.insights;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.outbound.OutboundAddressPolicy;
import donna.backend.outbound.VettedDns;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.Proxy;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Posts one message to a Slack incoming webhook. The URL passes the outbound address rules again right before the
 * call (https, or http to loopback with WEBHOOKS_ALLOW_LOOPBACK=true; no private or metadata address) and the call
 * connects to exactly the vetted addresses ({@link VettedDns}), without redirects or proxies.
 *
 * <p>Slack answers 200 with the body {@code ok}; its errors are 400 {@code invalid_payload}/{@code user_not_found},
 * 403 {@code action_prohibited}, 404 {@code channel_not_found}, 410 {@code channel_is_archived}, 500
 * {@code rollup_error}, and 429 with {@code Retry-After} when posting too fast (api.slack.com changelog
 * 2016-05-17, "Improving error conditions for Incoming Webhooks"; rate limits: about one message a second). A 429,
 * a 5xx or a network error is worth trying again; the other 4xx are about the webhook itself and are not.
 */
final class AlertSender implements AutoCloseable {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    /**
     * How Slack answered.
     *
     * @param status     Slack's HTTP status, null when no answer came (refused address, network error)
     * @param slackError Slack's error string ({@code channel_not_found}), when it sent a short one
     * @param error      what went wrong, safe to show and to log (never the URL); null when accepted
     * @param retryAfter when to try again, for a 429
     */
    record Answer(Integer status, String slackError, String error, boolean retryable, Duration retryAfter) {
        boolean accepted() {
            return error == null;
        }
    }

    private final OutboundAddressPolicy policy;
    private final OkHttpClient http;

    AlertSender(OutboundAddressPolicy policy, Duration callTimeout) {
        this.policy = policy;
        this.http = new OkHttpClient.Builder().followRedirects(false).followSslRedirects(false)
                .proxy(Proxy.NO_PROXY).retryOnConnectionFailure(false).callTimeout(callTimeout)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Checks the URL as a setting is saved; the reason when refused, safe to show. */
    void check(String url) throws OutboundAddressPolicy.Refused {
        policy.check(url);
    }

    Answer post(String url, JsonNode message) {
        OutboundAddressPolicy.Target target;
        okhttp3.HttpUrl vetted;
        try {
            target = policy.check(url);
            vetted = VettedDns.url(target);
        } catch (OutboundAddressPolicy.Refused refused) {
            return new Answer(null, null, "address refused: " + refused.getMessage(), false, null);
        }
        Request request = new Request.Builder().url(vetted).header("User-Agent", "DONNA-Insights/1")
                .post(RequestBody.create(message.toString(), JSON)).build();
        OkHttpClient client = http.newBuilder().dns(new VettedDns(target)).build();
        try (Response response = client.newCall(request).execute()) {
            int code = response.code();
            String slackError = slackError(response.body());
            if (code >= 200 && code < 300) {
                return new Answer(code, null, null, false, null);
            }
            String error = "Slack answered HTTP " + code + (slackError == null ? "" : " " + slackError);
            if (code == 429) {
                return new Answer(code, slackError, error, true, retryAfter(response.header("Retry-After")));
            }
            return new Answer(code, slackError, error, code >= 500, null);
        } catch (InterruptedIOException e) {
            return new Answer(null, null, "timed out", true, null);
        } catch (ConnectException e) {
            return new Answer(null, null, "connection refused", true, null);
        } catch (IOException e) {
            return new Answer(null, null, "network error: " + e.getClass().getSimpleName(), true, null);
        }
    }

    /** Slack's answer is a short word ({@code ok}, {@code channel_not_found}); anything else is not repeated. */
    private static String slackError(ResponseBody body) throws IOException {
        if (body == null) {
            return null;
        }
        String text = body.string().strip();
        return text.matches("[A-Za-z0-9_]{1,64}") && !text.equals("ok") ? text : null;
    }

    private static Duration retryAfter(String header) {
        try {
            long seconds = Long.parseLong(header == null ? "" : header.strip());
            Duration d = Duration.ofSeconds(Math.max(1, seconds));
            return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY_AFTER;
        }
    }

    /** The URL as logs and reads may show it: scheme, host and its last four characters (the rest is the secret). */
    static String masked(String url) {
        try {
            java.net.URI uri = java.net.URI.create(url);
            String tail = url.length() > 4 ? url.substring(url.length() - 4) : "";
            return uri.getScheme() + "://" + uri.getHost() + "/…" + tail;
        } catch (IllegalArgumentException e) {
            return "(unreadable URL)";
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
