package donna.backend.webhooks;

import java.util.List;
import java.util.Set;

/** The events a webhook can subscribe to (docs/api.md, "Webhooks"). */
public final class EventTypes {
    public static final String LEAD_CREATED = "lead.created";
    public static final String LEAD_UPDATED = "lead.updated";
    public static final String CAMPAIGN_STARTED = "campaign.started";
    public static final String CAMPAIGN_COMPLETED = "campaign.completed";
    public static final String MAIL_SENT = "mail.sent";
    public static final String MESSAGE_TAKEN = "message.taken";
    public static final String VOICE_SESSION_ENDED = "voice.session.ended";
    public static final String CHAT_TURN = "chat.turn";
    public static final String FAILURE_DETECTED = "failure.detected";
    /** Sent only by {@code POST /api/webhooks/{id}/test}, to that webhook; not subscribable. */
    public static final String TEST = "webhook.test";

    public static final List<String> ALL = List.of(LEAD_CREATED, LEAD_UPDATED, CAMPAIGN_STARTED, CAMPAIGN_COMPLETED,
            MAIL_SENT, MESSAGE_TAKEN, VOICE_SESSION_ENDED, CHAT_TURN, FAILURE_DETECTED);
    private static final Set<String> KNOWN = Set.copyOf(ALL);

    private EventTypes() {}

    public static boolean known(String type) {
        return KNOWN.contains(type);
    }
}
