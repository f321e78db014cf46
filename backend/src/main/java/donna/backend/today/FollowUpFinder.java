package donna.backend.today;

import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.batch.json.JsonBatchCallback;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.http.HttpHeaders;
import com.google.api.services.gmail.model.ListMessagesResponse;
import com.google.api.services.gmail.model.Message;
import com.google.api.services.gmail.model.Thread;
import donna.backend.gmail.GmailAccess;
import donna.backend.gmail.GmailQuota;
import donna.backend.gmail.GmailSession;
import donna.backend.gmail.Inbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the mails the person sent that got no reply: among the threads of their newest sent mail, those whose last
 * message is their own and older than N days. One list call and one batch of {@code threads.get} (metadata only),
 * never a call per thread; a thread Gmail would not give is left out rather than guessed about.
 */
public final class FollowUpFinder {
    public static final int DEFAULT_DAYS = 3;
    /** The newest sent mails looked at, and the most threads asked about. */
    static final int SENT_LOOKED_AT = 50;
    static final int MAX_THREADS = 25;
    private static final Duration MAX_QUOTA_WAIT = Duration.ofSeconds(10);
    private static final List<String> HEADERS = List.of("From", "To", "Subject");

    private final GmailAccess access;
    private final Clock clock;

    public FollowUpFinder(GmailAccess access, Clock clock) {
        this.access = access;
        this.clock = clock;
    }

    /** The follow-ups due, the longest waiting first. */
    public List<FollowUp> find(GmailSession session, int days) {
        ListMessagesResponse sent = access.call(session, GmailQuota.LIST, MAX_QUOTA_WAIT, gmail -> gmail.users()
                .messages().list("me").setLabelIds(List.of("SENT")).setMaxResults((long) SENT_LOOKED_AT).execute());
        Set<String> threadIds = new LinkedHashSet<>();
        if (sent.getMessages() != null) {
            for (Message m : sent.getMessages()) {
                if (threadIds.size() < MAX_THREADS && m.getThreadId() != null) {
                    threadIds.add(m.getThreadId());
                }
            }
        }
        Instant cutoff = clock.instant().minus(Duration.ofDays(days));
        List<FollowUp> due = new ArrayList<>();
        for (Thread thread : threads(session, List.copyOf(threadIds)).values()) {
            Message last = thread.getMessages() == null ? null : thread.getMessages().stream()
                    .filter(m -> m.getInternalDate() != null)
                    .max(Comparator.comparing(Message::getInternalDate)).orElse(null);
            if (last == null || !own(session, last)) {
                continue; // someone wrote last: answered, or the ball is in the person's court
            }
            Instant sentAt = Instant.ofEpochMilli(last.getInternalDate());
            if (sentAt.isAfter(cutoff)) {
                continue;
            }
            Map<String, String> h = Inbox.headers(last);
            due.add(new FollowUp(last.getId(), thread.getId(), h.get("to"), h.get("subject"), sentAt,
                    Duration.between(sentAt, clock.instant()).toDays()));
        }
        due.sort(Comparator.comparing(FollowUp::sentAt));
        return due;
    }

    /** The person's own mail: Gmail labels what they sent SENT; From is their address otherwise. */
    private static boolean own(GmailSession session, Message m) {
        if (m.getLabelIds() != null && m.getLabelIds().contains("SENT")) {
            return true;
        }
        String from = Inbox.headers(m).get("from");
        return from != null && session.email() != null
                && from.toLowerCase(Locale.ROOT).contains(session.email().toLowerCase(Locale.ROOT));
    }

    private Map<String, Thread> threads(GmailSession session, List<String> ids) {
        Map<String, Thread> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        access.call(session, GmailQuota.THREAD_GET * ids.size(), MAX_QUOTA_WAIT, gmail -> {
            found.clear(); // a retried batch starts over
            BatchRequest batch = gmail.batch();
            for (String id : ids) {
                gmail.users().threads().get("me", id).setFormat("metadata").setMetadataHeaders(HEADERS)
                        .setFields("id,messages(id,threadId,labelIds,internalDate,payload/headers)")
                        .queue(batch, new JsonBatchCallback<>() {
                            @Override
                            public void onSuccess(Thread thread, HttpHeaders responseHeaders) {
                                found.put(id, thread);
                            }

                            @Override
                            public void onFailure(GoogleJsonError error, HttpHeaders responseHeaders) {
                                // left out: no follow-up is claimed for a thread that could not be read
                            }
                        });
            }
            batch.execute();
            return null;
        });
        return found;
    }
}
