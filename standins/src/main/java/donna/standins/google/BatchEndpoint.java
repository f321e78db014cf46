package donna.standins.google;

import com.sun.net.httpserver.HttpExchange;
import donna.standins.support.Exchanges;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /batch/gmail/v1}: a {@code multipart/mixed} body of {@code application/http} parts, each one Gmail
 * request, answered as a {@code multipart/mixed} of HTTP responses in the same order, with {@code Content-ID:
 * <response-N>} for part {@code <N>}. At most 100 parts, as at Google. Each inner request is counted, charged
 * and faulted like a direct call.
 */
final class BatchEndpoint {
    private static final int MAX_PARTS = 100;

    private final GmailApi api;

    BatchEndpoint(GmailApi api) {
        this.api = api;
    }

    void handle(HttpExchange exchange) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (!"POST".equals(exchange.getRequestMethod()) || contentType == null
                || !contentType.toLowerCase().startsWith("multipart/mixed")) {
            Exchanges.sendJson(exchange, 400, GoogleErrors.body(400, "invalidArgument",
                    "Batch requests must be POST multipart/mixed"));
            return;
        }
        String outerBearer = Exchanges.bearer(exchange);
        String boundary = "batch_" + UUID.randomUUID().toString().replace("-", "");
        StringBuilder out = new StringBuilder();
        try {
            MimeMultipart parts = new MimeMultipart(new ByteArrayDataSource(Exchanges.body(exchange), contentType));
            if (parts.getCount() > MAX_PARTS) {
                Exchanges.sendJson(exchange, 400, GoogleErrors.body(400, "invalidArgument",
                        "Too many requests in batch; the limit is " + MAX_PARTS));
                return;
            }
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart part = parts.getBodyPart(i);
                String contentId = contentId(part, i);
                GmailApi.Reply reply = api.handle(innerCall(part, outerBearer), true);
                byte[] json = Exchanges.JSON.writeValueAsBytes(reply.body());
                out.append("--").append(boundary).append("\r\n")
                        .append("Content-Type: application/http\r\n")
                        .append("Content-ID: <response-").append(contentId).append(">\r\n\r\n")
                        .append("HTTP/1.1 ").append(reply.status()).append(' ').append(reason(reply.status()))
                        .append("\r\n");
                reply.headers().forEach((k, v) -> out.append(k).append(": ").append(v).append("\r\n"));
                out.append("Content-Type: application/json; charset=UTF-8\r\n")
                        .append("Content-Length: ").append(json.length).append("\r\n\r\n")
                        .append(new String(json, StandardCharsets.UTF_8)).append("\r\n");
            }
        } catch (MessagingException e) {
            Exchanges.sendJson(exchange, 400, GoogleErrors.body(400, "invalidArgument",
                    "Malformed multipart body: " + e.getMessage()));
            return;
        }
        out.append("--").append(boundary).append("--\r\n");
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "multipart/mixed; boundary=" + boundary);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(bytes);
        }
    }

    /** The HTTP request inside one part: request line (absolute URL or path), headers, blank line, body. */
    private static GmailApi.Call innerCall(BodyPart part, String outerBearer) throws IOException, MessagingException {
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readAllBytes();
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int headEnd = text.indexOf("\r\n\r\n");
        int sep = 4;
        if (headEnd < 0) {
            headEnd = text.indexOf("\n\n");
            sep = 2;
        }
        String head = headEnd < 0 ? text : text.substring(0, headEnd);
        String body = headEnd < 0 ? "" : text.substring(headEnd + sep).strip();
        String[] lines = head.strip().split("\r?\n");
        String[] requestLine = lines[0].trim().split(" ");
        URI target = URI.create(requestLine[1]);
        String pathAndQuery = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        String bearer = outerBearer;
        for (String line : Arrays.copyOfRange(lines, 1, lines.length)) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Authorization")) {
                String value = line.substring(colon + 1).trim();
                if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                    bearer = value.substring(7).trim();
                }
            }
        }
        return new GmailApi.Call(requestLine[0], pathAndQuery, body.getBytes(StandardCharsets.UTF_8), bearer);
    }

    private static String contentId(BodyPart part, int index) throws MessagingException {
        String[] ids = part.getHeader("Content-ID");
        if (ids == null || ids.length == 0) {
            return Integer.toString(index + 1);
        }
        String id = ids[0].trim();
        return id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
    }

    private static String reason(int status) {
        return Map.of(200, "OK", 400, "Bad Request", 401, "Unauthorized", 403, "Forbidden", 404, "Not Found",
                429, "Too Many Requests", 500, "Internal Server Error", 503, "Service Unavailable")
                .getOrDefault(status, "Status");
    }
}
