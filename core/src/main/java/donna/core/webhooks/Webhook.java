package donna.core.webhooks;

import java.util.List;

/**
 * A webhook of the person's: where DONNA POSTs the events it asked for, signed with its secret (shown once, at
 * creation, never here).
 *
 * @param disabledReason why DONNA stopped sending to it (null while enabled)
 * @param recent         its latest deliveries, newest first
 */
public record Webhook(String id, String url, List<String> events, boolean enabled, String disabledReason,
        int consecutiveFailures, String createdAt, List<Delivery> recent) {
    public Webhook {
        events = List.copyOf(events);
        recent = List.copyOf(recent);
    }
}
