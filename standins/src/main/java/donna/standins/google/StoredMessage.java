package donna.standins.google;

import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One message in the fake mailbox: Gmail's id, thread and labels around the RFC 822 bytes. */
final class StoredMessage {
    final String id;
    final String threadId;
    final Instant internalDate;
    final byte[] raw;
    final MimeMessage mime;
    final String snippet;
    private final Set<String> labels;

    StoredMessage(String id, String threadId, Instant internalDate, byte[] raw, Set<String> labels) {
        this.id = id;
        this.threadId = threadId;
        this.internalDate = internalDate;
        this.raw = raw.clone();
        this.mime = Rfc822.parse(raw);
        this.labels = new LinkedHashSet<>(labels);
        String text = Rfc822.firstText(mime, "text/plain");
        if (text == null) {
            String html = Rfc822.firstText(mime, "text/html");
            text = html == null ? "" : html.replaceAll("<[^>]*>", " ");
        }
        String flat = text.replaceAll("\\s+", " ").strip();
        this.snippet = flat.length() > 100 ? flat.substring(0, 100) : flat;
    }

    String header(String name) {
        return Rfc822.header(mime, name);
    }

    synchronized List<String> labels() {
        return List.copyOf(labels);
    }

    synchronized boolean hasLabel(String label) {
        return labels.contains(label);
    }

    synchronized void modify(List<String> add, List<String> remove) {
        labels.addAll(add);
        labels.removeAll(remove);
    }
}
