package donna.core.insights;

import java.util.List;

/**
 * The person's Insights alerts: health below which to alert (null: never), the failure kinds that alert, and the
 * Slack webhook (the service shows only a masked form of it: host and last four characters); and whether the LLM
 * judge also scores their ended conversations (off by default).
 */
public record AlertSettings(Integer alertHealthBelow, List<String> alertOnFailureKinds, boolean slackWebhookConfigured,
        String slackWebhookMasked, boolean llmJudgeEnabled) {

    public AlertSettings {
        alertOnFailureKinds = List.copyOf(alertOnFailureKinds);
    }

    /** Without the judge's setting (a service older than it): the judge is off. */
    public AlertSettings(Integer alertHealthBelow, List<String> alertOnFailureKinds, boolean slackWebhookConfigured,
            String slackWebhookMasked) {
        this(alertHealthBelow, alertOnFailureKinds, slackWebhookConfigured, slackWebhookMasked, false);
    }
}
