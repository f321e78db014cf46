package donna.app.integrations;

import donna.core.webhooks.Delivery;
import donna.core.webhooks.Webhook;
import java.util.List;
import java.util.Locale;

/** One webhook as the list shows it: where it goes, what it hears, and how its sending goes, in words. */
public record WebhookRow(Webhook webhook) {

    public String id() {
        return webhook.id();
    }

    public String url() {
        return webhook.url();
    }

    public String events() {
        return String.join(", ", webhook.events());
    }

    /** "Active", or "Off: <why DONNA stopped sending>". */
    public String state() {
        return webhook.enabled() ? "Active" : "Off: " + webhook.disabledReason();
    }

    /** The latest delivery in words ("lead.created delivered", "webhook.test failed (HTTP 500), 3 tries"). */
    public String lastDelivery() {
        return webhook.recent().isEmpty() ? "Nothing sent yet" : words(webhook.recent().getFirst());
    }

    /** The recent deliveries the service listed, newest first, each in words with when it was made. */
    public List<String> recentDeliveries() {
        return webhook.recent().stream().map(d -> words(d) + (d.createdAt() == null ? "" : " \u00b7 " + d.createdAt()))
                .toList();
    }

    private static String words(Delivery d) {
        StringBuilder s = new StringBuilder(d.event()).append(' ').append(d.status().toLowerCase(Locale.ROOT));
        if (!"delivered".equals(d.status()) && d.lastError() != null) {
            s.append(" (").append(d.lastError()).append(')');
        }
        if (d.attempts() > 1) {
            s.append(", ").append(d.attempts()).append(" tries");
        }
        return s.toString();
    }
}
