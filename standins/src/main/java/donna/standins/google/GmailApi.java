package donna.standins.google;

import com.fasterxml.jackson.databind.JsonNode;
import donna.standins.support.Exchanges;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Gmail REST subset, independent of how the call arrived (directly or inside a batch): resolve the endpoint,
 * count it, check the access token, apply a scripted fault, charge quota, answer.
 */
final class GmailApi {
    private static final Pattern PATH = Pattern.compile(
            "/(?:upload/)?gmail/v1/users/([^/]+)/(profile|messages|threads)(?:/([^/]+))?(?:/(modify))?");

    /** One Gmail call: method, path with query, body and bearer token. */
    record Call(String method, String pathAndQuery, byte[] body, String bearer) {}

    /** The answer: status, extra headers, a JSON body; {@code drop} closes the connection instead. */
    record Reply(int status, Map<String, String> headers, Object body, boolean drop) {
        static Reply json(int status, Object body) {
            return new Reply(status, Map.of(), body, false);
        }
    }

    private final FakeGoogle google;

    GmailApi(FakeGoogle google) {
        this.google = google;
    }

    Reply handle(Call call, boolean batched) {
        URI uri = URI.create(call.pathAndQuery());
        Matcher m = PATH.matcher(uri.getRawPath());
        Endpoint endpoint = m.matches() ? endpoint(call.method(), m) : null;
        if (endpoint == null) {
            return error(404, "notFound");
        }
        google.count(endpoint, batched);
        if (!google.oauth().validAccessToken(call.bearer())) {
            return new Reply(401, Map.of("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\", "
                    + "error=\"invalid_token\""), GoogleErrors.body(401, "authError",
                    GoogleErrors.message(401, "authError")), false);
        }
        String user = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        if (!"me".equals(user) && !google.email().equalsIgnoreCase(user)) {
            return error(403, "forbidden");
        }
        Fault fault = google.nextFault(endpoint);
        if (fault != null && !fault.dropAnswer()) {
            return fault(fault);
        }
        Duration wait = google.quota().spend(endpoint.quotaUnits());
        if (wait != null) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            return new Reply(429, Map.of("Retry-After", Long.toString(seconds)), GoogleErrors.body(429,
                    "rateLimitExceeded", "User-rate limit exceeded.  Retry after " + Instant.now().plus(wait)), false);
        }
        Map<String, List<String>> query = query(uri.getRawQuery());
        Reply reply = switch (endpoint) {
            case PROFILE -> Reply.json(200, Map.of("emailAddress", google.email(),
                    "messagesTotal", google.mailbox().size(), "threadsTotal", google.mailbox().size(),
                    "historyId", "1000"));
            case LIST -> list(query);
            case GET -> get(m.group(3), query);
            case SEND -> send(call.body());
            case MODIFY -> modify(m.group(3), call.body());
            case THREAD_GET -> thread(m.group(3), query);
            default -> error(404, "notFound");
        };
        return fault != null ? new Reply(reply.status(), reply.headers(), reply.body(), true) : reply;
    }

    private static Endpoint endpoint(String method, Matcher m) {
        String resource = m.group(2);
        String id = m.group(3);
        boolean modify = m.group(4) != null;
        if ("threads".equals(resource)) {
            return id != null && !modify && "GET".equals(method) ? Endpoint.THREAD_GET : null;
        }
        if ("profile".equals(resource)) {
            return id == null && "GET".equals(method) ? Endpoint.PROFILE : null;
        }
        if (id == null) {
            return "GET".equals(method) ? Endpoint.LIST : null;
        }
        if ("send".equals(id) && !modify) {
            return "POST".equals(method) ? Endpoint.SEND : null;
        }
        if (modify) {
            return "POST".equals(method) ? Endpoint.MODIFY : null;
        }
        return "GET".equals(method) ? Endpoint.GET : null;
    }

    private Reply list(Map<String, List<String>> query) {
        SearchQuery q = SearchQuery.parse(first(query, "q"), "true".equals(first(query, "includeSpamTrash")));
        List<StoredMessage> found = google.mailbox().search(q, query.getOrDefault("labelIds", List.of()));
        int max = Math.clamp(parseInt(first(query, "maxResults"), 100), 1, 500);
        int offset = Math.max(0, parseInt(first(query, "pageToken"), 0));
        List<Map<String, String>> page = new ArrayList<>();
        for (int i = offset; i < Math.min(found.size(), offset + max); i++) {
            page.add(Map.of("id", found.get(i).id, "threadId", found.get(i).threadId));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (!page.isEmpty()) {
            body.put("messages", page); // Gmail leaves the field out when nothing matched
        }
        if (offset + max < found.size()) {
            body.put("nextPageToken", Integer.toString(offset + max));
        }
        body.put("resultSizeEstimate", found.size());
        return Reply.json(200, body);
    }

    private Reply get(String id, Map<String, List<String>> query) {
        return google.mailbox().find(id)
                .map(m -> Reply.json(200, MessageResource.of(m, first(query, "format"),
                        query.getOrDefault("metadataHeaders", List.of()))))
                .orElseGet(() -> error(404, "notFound"));
    }

    /** {@code threads.get}: the thread's messages, oldest first, in the format asked for. */
    private Reply thread(String threadId, Map<String, List<String>> query) {
        List<StoredMessage> messages = google.mailbox().thread(threadId);
        if (messages.isEmpty()) {
            return error(404, "notFound");
        }
        List<Object> resources = new ArrayList<>();
        for (StoredMessage m : messages) {
            resources.add(MessageResource.of(m, first(query, "format"), query.getOrDefault("metadataHeaders",
                    List.of())));
        }
        return Reply.json(200, Map.of("id", threadId, "messages", resources));
    }

    private Reply modify(String id, byte[] body) {
        StoredMessage message = google.mailbox().find(id).orElse(null);
        if (message == null) {
            return error(404, "notFound");
        }
        JsonNode json = readJson(body);
        message.modify(strings(json.path("addLabelIds")), strings(json.path("removeLabelIds")));
        return Reply.json(200, MessageResource.of(message, "minimal", List.of()));
    }

    private Reply send(byte[] body) {
        JsonNode json = readJson(body);
        String raw = json.path("raw").asText("");
        if (raw.isEmpty()) {
            return error(400, "invalidArgument", "'raw' RFC822 payload message string or uploading message via "
                    + "/upload/* URL required");
        }
        byte[] bytes;
        MimeMessage mime;
        try {
            bytes = Base64.getUrlDecoder().decode(raw.replace('+', '-').replace('/', '_').replace("=", ""));
            mime = Rfc822.parse(bytes);
            if (mime.getAllRecipients() == null || mime.getAllRecipients().length == 0) {
                return error(400, "invalidArgument", "Recipient address required");
            }
        } catch (IllegalArgumentException | MessagingException e) {
            return error(400, "invalidArgument", "Invalid To header");
        }
        String messageId = Rfc822.header(mime, "Message-ID");
        if (messageId == null) {
            // Gmail gives a message without one its own.
            messageId = "<CAfake" + UUID.randomUUID().toString().replace("-", "") + "@mail.gmail.com>";
            bytes = ("Message-ID: " + messageId + "\r\n" + new String(bytes, StandardCharsets.ISO_8859_1))
                    .getBytes(StandardCharsets.ISO_8859_1);
        }
        String id = google.mailbox().newId();
        String requestedThread = json.path("threadId").asText("");
        String threadId = !requestedThread.isEmpty() && google.mailbox().hasThread(requestedThread)
                ? requestedThread : id;
        StoredMessage stored = new StoredMessage(id, threadId, Instant.now(), bytes, Set.of("SENT"));
        google.mailbox().add(stored);
        google.recordSent(new SentMail(id, threadId, messageId, Rfc822.header(mime, "From"),
                addresses(mime, "To"), addresses(mime, "Cc"), addresses(mime, "Bcc"), subject(mime),
                Rfc822.firstText(mime, "text/plain"), Rfc822.header(mime, "In-Reply-To"),
                Rfc822.header(mime, "References"), bytes));
        return Reply.json(200, Map.of("id", id, "threadId", threadId, "labelIds", List.of("SENT")));
    }

    private static Reply fault(Fault fault) {
        Map<String, String> headers = fault.retryAfter() == null ? Map.of()
                : Map.of("Retry-After", Long.toString(Math.max(1, (fault.retryAfter().toMillis() + 999) / 1000)));
        return new Reply(fault.status(), headers, GoogleErrors.body(fault.status(), fault.reason(),
                GoogleErrors.message(fault.status(), fault.reason())), false);
    }

    private static Reply error(int status, String reason) {
        return error(status, reason, GoogleErrors.message(status, reason));
    }

    private static Reply error(int status, String reason, String message) {
        return Reply.json(status, GoogleErrors.body(status, reason, message));
    }

    private static List<String> addresses(MimeMessage mime, String header) {
        try {
            String value = Rfc822.header(mime, header);
            return value == null ? List.of()
                    : Arrays.stream(InternetAddress.parseHeader(value, false)).map(InternetAddress::getAddress).toList();
        } catch (MessagingException e) {
            return List.of();
        }
    }

    private static String subject(MimeMessage mime) {
        try {
            return mime.getSubject();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return body == null || body.length == 0 ? Exchanges.JSON.createObjectNode() : Exchanges.JSON.readTree(body);
        } catch (IOException e) {
            return Exchanges.JSON.createObjectNode();
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    /** A query string with repeated names kept ({@code labelIds=INBOX&labelIds=UNREAD}). */
    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static int parseInt(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
