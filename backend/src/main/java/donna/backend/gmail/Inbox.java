package donna.backend.gmail;

import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.batch.json.JsonBatchCallback;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.http.HttpHeaders;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.ListMessagesResponse;
import com.google.api.services.gmail.model.Message;
import com.google.api.services.gmail.model.MessagePartHeader;
import com.google.api.services.gmail.model.Thread;
import donna.backend.http.ApiException;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads mail: a page of the inbox (or a search) with one list call and one batch of metadata gets, never a call
 * per message; and one whole message ({@code format=raw}, parsed here) with its HTML sanitised.
 */
public final class Inbox {
    /** Headers the list shows, and those autopilot's rules read. */
    static final List<String> LIST_HEADERS = List.of("From", "To", "Subject", "Date");
    private static final Logger log = LoggerFactory.getLogger(Inbox.class);
    private static final Duration MAX_QUOTA_WAIT = Duration.ofSeconds(10);
    /**
     * The most of one mail that is parsed and sanitised: a mail Gmail sizes larger ({@code sizeEstimate}) is cut to
     * this many bytes first, so a 30 MB mail costs what a 1 MB one does, and its text and HTML to as many characters.
     */
    static final int MAX_PARSED_BYTES = 1_000_000;
    /** Ends the text of a mail that was cut. */
    static final String CUT_NOTE = "\n\n[This mail is very large: DONNA shows its beginning. Open it in Gmail for "
            + "the rest.]";

    private final GmailAccess access;

    public Inbox(GmailAccess access) {
        this.access = access;
    }

    /** Newest first; without {@code query} the inbox, with it a Gmail search. */
    public MailPage page(GmailSession session, int limit, String pageToken, String query) {
        ListMessagesResponse list = access.call(session, GmailQuota.LIST, MAX_QUOTA_WAIT, gmail -> {
            Gmail.Users.Messages.List request = gmail.users().messages().list("me").setMaxResults((long) limit);
            if (pageToken != null) {
                request.setPageToken(pageToken);
            }
            if (query == null) {
                request.setLabelIds(List.of("INBOX"));
            } else {
                request.setQ(query);
            }
            return request.execute();
        });
        List<String> ids = list.getMessages() == null ? List.of()
                : list.getMessages().stream().map(Message::getId).toList();
        Map<String, Message> found = metadata(session, ids, LIST_HEADERS);
        List<MailSummary> page = new ArrayList<>();
        for (String id : ids) {
            Message m = found.get(id);
            if (m != null) {
                Map<String, String> h = headers(m);
                page.add(new MailSummary(m.getId(), m.getThreadId(), h.get("from"), h.get("to"), h.get("subject"),
                        received(m), m.getSnippet(), labels(m).contains("UNREAD")));
            }
        }
        return new MailPage(page, list.getNextPageToken());
    }

    /**
     * Metadata of these messages, in one batch request (Gmail allows 100 per batch; a page is at most 100). Parts
     * Gmail rate-limited are asked again, alone, after its Retry-After; a message deleted meanwhile is left out.
     */
    public Map<String, Message> metadata(GmailSession session, List<String> ids, List<String> headers) {
        Map<String, Message> found = new LinkedHashMap<>();
        List<String> pending = new ArrayList<>(ids);
        if (pending.isEmpty()) {
            return found;
        }
        access.call(session, () -> GmailQuota.GET * pending.size(), MAX_QUOTA_WAIT, gmail -> {
            BatchRequest batch = gmail.batch();
            List<String> limited = new ArrayList<>();
            List<GoogleJsonError> failed = new ArrayList<>();
            for (String id : pending) {
                gmail.users().messages().get("me", id).setFormat("metadata").setMetadataHeaders(headers)
                        .setFields("id,threadId,labelIds,snippet,internalDate,payload/headers")
                        .queue(batch, new JsonBatchCallback<>() {
                            @Override
                            public void onSuccess(Message message, HttpHeaders responseHeaders) {
                                found.put(id, message);
                            }

                            @Override
                            public void onFailure(GoogleJsonError error, HttpHeaders responseHeaders) {
                                if (isRateLimit(error)) {
                                    limited.add(id);
                                } else if (error.getCode() != 404) {
                                    failed.add(error);
                                }
                            }
                        });
            }
            batch.execute();
            if (!failed.isEmpty()) {
                throw partFailure(session, failed.getFirst());
            }
            pending.clear();
            pending.addAll(limited);
            if (!limited.isEmpty()) {
                log.info("Gmail rate limited {} of the batched gets; asking again", limited.size());
                throw new GmailRateLimited(null);
            }
            return null;
        });
        return found;
    }

    /**
     * A thread's messages as list rows, oldest first: Gmail's documented {@code threads.get} with metadata only, so
     * a lead's thread is read by its thread id (not by the undocumented rule that a thread's id is its first
     * message's).
     */
    public MailThread thread(GmailSession session, String id) {
        Thread thread = access.call(session, GmailQuota.THREAD_GET, MAX_QUOTA_WAIT,
                gmail -> gmail.users().threads().get("me", id).setFormat("metadata")
                        .setMetadataHeaders(LIST_HEADERS).execute());
        List<MailSummary> messages = new ArrayList<>();
        for (Message m : thread.getMessages() == null ? List.<Message>of() : thread.getMessages()) {
            Map<String, String> h = headers(m);
            messages.add(new MailSummary(m.getId(), m.getThreadId(), h.get("from"), h.get("to"), h.get("subject"),
                    received(m), m.getSnippet(), labels(m).contains("UNREAD")));
        }
        return new MailThread(thread.getId(), messages);
    }

    /** One whole message, parsed and sanitised. */
    public MailMessage message(GmailSession session, String id) {
        Message m = access.call(session, GmailQuota.GET, MAX_QUOTA_WAIT,
                gmail -> gmail.users().messages().get("me", id).setFormat("raw").execute());
        String encoded = m.getRaw().replace('+', '-').replace('/', '_');
        boolean cut = (m.getSizeEstimate() != null && m.getSizeEstimate() > MAX_PARSED_BYTES)
                || encoded.length() / 4L * 3 > MAX_PARSED_BYTES;
        if (cut) {
            // Whole base64 quanta only: the first MAX_PARSED_BYTES of the mail, never the rest.
            encoded = encoded.substring(0, Math.min(encoded.length(), (MAX_PARSED_BYTES / 3) * 4));
            log.info("Mail {} is {} bytes; cut to its first {} before reading it", id, m.getSizeEstimate(),
                    MAX_PARSED_BYTES);
        }
        MailParts parts = MailParts.parse(Base64.getUrlDecoder().decode(encoded.replace("=", "")));
        String rawHtml = cut ? MailParts.cut(parts.html(), MAX_PARSED_BYTES) : parts.html();
        String html = rawHtml == null ? null : MailSanitizer.clean(rawHtml);
        String text = parts.text() != null ? parts.text() : html != null ? MailSanitizer.text(html) : "";
        if (cut) {
            text = MailParts.cut(text, MAX_PARSED_BYTES) + CUT_NOTE;
        }
        return new MailMessage(m.getId(), m.getThreadId(), parts.from(), parts.to(), parts.cc(), parts.subject(),
                received(m), m.getSnippet(), labels(m).contains("UNREAD"), text, html, parts.messageId(),
                parts.references(), parts.replyTo());
    }

    private RuntimeException partFailure(GmailSession session, GoogleJsonError error) {
        if (error.getCode() == 401 || error.getCode() == 403) {
            return access.revoked(session.userId());
        }
        log.warn("Gmail failed a batched get: {}", error.getCode());
        return new ApiException(503, "upstream_unavailable", "Gmail is unavailable; try again shortly");
    }

    static boolean isRateLimit(GoogleJsonError error) {
        if (error.getCode() == 429) {
            return true;
        }
        return error.getCode() == 403 && error.getErrors() != null && error.getErrors().stream()
                .anyMatch(e -> e.getReason() != null && e.getReason().toLowerCase().contains("ratelimit"));
    }

    /** Header values by lower-case name, encoded words decoded. */
    public static Map<String, String> headers(Message m) {
        Map<String, String> out = new LinkedHashMap<>();
        if (m.getPayload() != null && m.getPayload().getHeaders() != null) {
            for (MessagePartHeader h : m.getPayload().getHeaders()) {
                out.putIfAbsent(h.getName().toLowerCase(java.util.Locale.ROOT), decode(h.getValue()));
            }
        }
        return out;
    }

    static List<String> labels(Message m) {
        return m.getLabelIds() == null ? List.of() : m.getLabelIds();
    }

    private static Instant received(Message m) {
        return m.getInternalDate() == null ? null : Instant.ofEpochMilli(m.getInternalDate());
    }

    private static String decode(String value) {
        try {
            return value == null ? null : MimeUtility.decodeText(value);
        } catch (UnsupportedEncodingException e) {
            return value;
        }
    }
}
