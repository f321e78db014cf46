package donna.app.insights;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.common.SameThreadTaskExecutor;
import donna.core.insights.ApiKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Insights settings: thresholds and kinds saved, the webhook kept or replaced, a test alert, API keys. */
class TestInsightsSettingsViewModel {
    private final FakeInsightsService service = new FakeInsightsService();
    private final InsightsSettingsViewModel vm = new InsightsSettingsViewModel(service, new SameThreadTaskExecutor());

    @Test
    void thresholds_and_kinds_are_saved_and_the_webhook_field_is_kept_unless_filled() {
        vm.refresh();
        assertThat(vm.webhookSavedProperty().get()).isEqualTo("No webhook saved.");

        vm.healthBelowProperty().set(" 50 ");
        vm.kinds().get("abuse").set(true);
        vm.kinds().get("tool_failure").set(true);
        vm.webhookUrlProperty().set("https://hooks.slack.com/services/T/B/abcd");
        vm.save();

        assertThat(service.calls.getLast()).isEqualTo(
                "save 50 [abuse, tool_failure] https://hooks.slack.com/services/T/B/abcd");
        assertThat(vm.statusProperty().get()).isEqualTo("Saved.");
        assertThat(vm.webhookSavedProperty().get()).isEqualTo("Saved: hooks.slack.com/...abcd");
        assertThat(vm.webhookUrlProperty().get()).as("never shown again").isEmpty();

        vm.healthBelowProperty().set("");
        vm.save();
        assertThat(service.calls.getLast()).as("an empty field keeps the webhook")
                .isEqualTo("save null [abuse, tool_failure] null");
        assertThat(vm.webhookConfiguredProperty().get()).isTrue();

        vm.removeWebhookProperty().set(true);
        vm.save();
        assertThat(service.calls.getLast()).endsWith("] ");
        assertThat(vm.webhookSavedProperty().get()).isEqualTo("No webhook saved.");
    }

    @Test
    void bad_input_is_said_and_nothing_is_sent() {
        int before = service.calls.size();
        vm.healthBelowProperty().set("101");
        vm.save();
        assertThat(vm.errorProperty().get()).startsWith("Alert below must be a whole number from 0 to 100");
        vm.healthBelowProperty().set("");
        vm.webhookUrlProperty().set("http://hooks.example/x");
        vm.save();
        assertThat(vm.errorProperty().get()).isEqualTo("The Slack webhook URL must start with https://");
        vm.newKeyNameProperty().set("  ");
        vm.createKey();
        assertThat(vm.errorProperty().get()).startsWith("Name the key");
        assertThat(service.calls).hasSize(before);
    }

    @Test
    void a_test_alert_says_when_the_service_is_too_old() {
        vm.sendTestAlert();
        assertThat(vm.statusProperty().get()).startsWith("Test alert sent");
        assertThat(vm.errorProperty().get()).isNull();

        service.testAlertRoute = false;
        vm.sendTestAlert();
        assertThat(vm.errorProperty().get()).isEqualTo("Test alerts need a newer service.");
        assertThat(vm.statusProperty().get()).isNull();
    }

    @Test
    void a_new_keys_secret_is_handed_over_once_and_a_revoked_key_leaves_the_list() {
        vm.refresh();
        vm.newKeyNameProperty().set("support bot");
        vm.createKey();

        assertThat(vm.createdProperty().get().secret()).isEqualTo("dk_abc0_secret");
        assertThat(vm.keys()).extracting(ApiKey::name).containsExactly("support bot");
        assertThat(vm.newKeyNameProperty().get()).isEmpty();
        vm.secretShown();
        assertThat(vm.createdProperty().get()).isNull();

        vm.revoke(vm.keys().getFirst());
        assertThat(vm.keys()).isEmpty();
        assertThat(service.keys).isEmpty();
        assertThat(vm.statusProperty().get()).startsWith("Key \u201csupport bot\u201d revoked");

        service.failNext = FakeInsightsService.unreachable();
        vm.refresh();
        assertThat(vm.errorProperty().get()).startsWith("Could not load the Insights settings.");
        assertThat(List.copyOf(vm.keys())).isEmpty();
    }
}
