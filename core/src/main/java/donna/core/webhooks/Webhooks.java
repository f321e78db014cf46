package donna.core.webhooks;

import java.util.List;

/**
 * The person's webhooks and the events a webhook can ask for.
 *
 * @param eventTypes every event type the service sends
 */
public record Webhooks(List<Webhook> webhooks, List<String> eventTypes) {
    public Webhooks {
        webhooks = List.copyOf(webhooks);
        eventTypes = List.copyOf(eventTypes);
    }

    /** A webhook just made, and its signing secret: the only time the service shows it. */
    public record Created(Webhook webhook, String secret) {}
}
