package donna.standins.google;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Gmail's Message resource in the formats {@code minimal}, {@code metadata}, {@code full} and {@code raw}. */
final class MessageResource {
    private MessageResource() {}

    static Map<String, Object> of(StoredMessage m, String format, List<String> metadataHeaders) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", m.id);
        json.put("threadId", m.threadId);
        json.put("labelIds", m.labels());
        json.put("snippet", m.snippet);
        json.put("sizeEstimate", m.raw.length);
        json.put("historyId", Long.toString(m.internalDate.toEpochMilli() / 1000));
        json.put("internalDate", Long.toString(m.internalDate.toEpochMilli()));
        switch (format == null ? "full" : format.toLowerCase(Locale.ROOT)) {
            case "minimal" -> { }
            case "raw" -> json.put("raw", Base64.getUrlEncoder().encodeToString(m.raw));
            case "metadata" -> {
                Set<String> wanted = metadataHeaders.stream().map(h -> h.toLowerCase(Locale.ROOT))
                        .collect(Collectors.toSet());
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("mimeType", mimeType(m.mime));
                payload.put("headers", headers(m.mime).stream()
                        .filter(h -> wanted.isEmpty() || wanted.contains(h.get("name").toLowerCase(Locale.ROOT)))
                        .toList());
                json.put("payload", payload);
            }
            default -> json.put("payload", part(m.mime, ""));
        }
        return json;
    }

    private static Map<String, Object> part(Part part, String partId) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("partId", partId);
        json.put("mimeType", mimeType(part));
        json.put("filename", "");
        json.put("headers", headers(part));
        List<BodyPart> children = Rfc822.parts(part);
        Map<String, Object> body = new LinkedHashMap<>();
        if (children.isEmpty()) {
            byte[] data = decoded(part);
            body.put("size", data.length);
            body.put("data", Base64.getUrlEncoder().encodeToString(data));
        } else {
            body.put("size", 0);
            List<Map<String, Object>> parts = new ArrayList<>();
            for (int i = 0; i < children.size(); i++) {
                parts.add(part(children.get(i), partId.isEmpty() ? Integer.toString(i) : partId + "." + i));
            }
            json.put("parts", parts);
        }
        json.put("body", body);
        return json;
    }

    private static List<Map<String, String>> headers(Part part) {
        List<Map<String, String>> list = new ArrayList<>();
        for (Header h : Rfc822.headers(part)) {
            list.add(Map.of("name", h.getName(), "value", h.getValue().replaceAll("\r?\n[ \t]*", " ")));
        }
        return list;
    }

    private static String mimeType(Part part) {
        try {
            String type = part.getContentType();
            int semicolon = type.indexOf(';');
            return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        } catch (MessagingException e) {
            return "text/plain";
        }
    }

    private static byte[] decoded(Part part) {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException | MessagingException e) {
            return new byte[0];
        }
    }
}
