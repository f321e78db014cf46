package donna.core.insights;

import java.util.List;

/**
 * The person's Insights alerts: health below which to alert (null: never), the failure kinds that alert, and the
 * Slack webhook (the service shows only a masked form of it: host and last four characters).
 */
public record AlertSettings(Integer alertHealthBelow, List<String> alertOnFailureKinds, boolean slackWebhookConfigured,
        String slackWebhookMasked) {

    public AlertSettings {
        alertOnFailureKinds = List.copyOf(alertOnFailureKinds);
    }
}
