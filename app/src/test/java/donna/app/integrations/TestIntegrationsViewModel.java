package donna.app.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.common.SameThreadTaskExecutor;
import donna.core.ServiceError;
import donna.core.api.ServiceException;
import donna.core.webhooks.Delivery;
import donna.core.webhooks.Webhook;
import donna.core.webhooks.Webhooks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Settings > Integrations: listed with their state, added (the secret shown once), tested, deleted; refusals said. */
class TestIntegrationsViewModel {
    private static final List<String> TYPES = List.of("lead.created", "message.taken", "chat.turn");
    private final List<Webhook> stored = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();
    private ServiceException refuse;
    private final IntegrationsService service = new IntegrationsService() {
        @Override
        public Webhooks list() {
            calls.add("list");
            return new Webhooks(stored, TYPES);
        }

        @Override
        public Webhooks.Created create(String url, List<String> events) {
            calls.add("create " + url + " " + events);
            if (refuse != null) {
                throw refuse;
            }
            Webhook hook = new Webhook("w-" + (stored.size() + 1), url, events, true, null, 0, "now", List.of());
            stored.add(hook);
            return new Webhooks.Created(hook, "whsec_once");
        }

        @Override
        public void delete(String id) {
            calls.add("delete " + id);
            stored.removeIf(w -> w.id().equals(id));
        }

        @Override
        public void test(String id) {
            calls.add("test " + id);
        }
    };
    private final IntegrationsViewModel vm = new IntegrationsViewModel(service, new SameThreadTaskExecutor());

    @Test
    void a_webhook_is_added_for_the_chosen_events_and_its_secret_is_shown_until_copied() {
        vm.refresh();
        assertThat(vm.eventTypes()).containsExactlyElementsOf(TYPES);
        assertThat(vm.canAddProperty().get()).as("no URL, no events").isFalse();

        vm.urlProperty().set("https://crm.example.com/hooks");
        assertThat(vm.canAddProperty().get()).as("no events chosen").isFalse();
        vm.chosenEvents().add("lead.created");
        vm.chosenEvents().add("message.taken");
        assertThat(vm.canAddProperty().get()).isTrue();
        vm.add();

        assertThat(calls).contains("create https://crm.example.com/hooks [lead.created, message.taken]");
        assertThat(vm.secretProperty().get()).isEqualTo("whsec_once");
        assertThat(vm.noticeProperty().get()).contains("only once");
        assertThat(vm.rows()).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo("Active");
            assertThat(r.events()).isEqualTo("lead.created, message.taken");
            assertThat(r.lastDelivery()).isEqualTo("Nothing sent yet");
        });
        assertThat(vm.urlProperty().get()).as("the form is cleared").isEmpty();
        assertThat(vm.chosenEvents()).isEmpty();

        vm.secretCopied();
        assertThat(vm.secretProperty().get()).as("gone for good").isNull();
    }

    @Test
    void a_refused_address_is_said_in_the_services_words_and_nothing_is_added() {
        refuse = new ServiceException(new ServiceError(400, "webhook_url_refused",
                "10.0.0.5 is a private address: webhooks go to public https addresses", null));
        vm.urlProperty().set("https://10.0.0.5/hook");
        vm.chosenEvents().add("chat.turn");
        vm.add();

        assertThat(vm.errorProperty().get()).startsWith("Could not add the webhook.").contains("private address");
        assertThat(vm.secretProperty().get()).isNull();
        assertThat(vm.urlProperty().get()).as("kept, to be corrected").isEqualTo("https://10.0.0.5/hook");
    }

    @Test
    void a_switched_off_webhook_says_why_and_its_last_delivery_in_words() {
        stored.add(new Webhook("w-9", "https://sheet.example.com/h", List.of("lead.created"), false,
                "15 failed deliveries in a row (last: HTTP 500)", 15, "then", List.of(
                new Delivery("d-1", "lead.created", "failed", 3, 500, "HTTP 500", "then"))));
        vm.refresh();

        WebhookRow row = vm.rows().getFirst();
        assertThat(row.state()).isEqualTo("Off: 15 failed deliveries in a row (last: HTTP 500)");
        assertThat(row.lastDelivery()).isEqualTo("lead.created failed (HTTP 500), 3 tries");
        assertThat(row.recentDeliveries()).containsExactly("lead.created failed (HTTP 500), 3 tries \u00b7 then");
    }

    @Test
    void test_and_delete_go_to_the_service_and_say_what_happened() {
        stored.add(new Webhook("w-1", "https://crm.example.com/h", List.of("lead.created"), true, null, 0, "now",
                List.of()));
        vm.refresh();

        vm.test(vm.rows().getFirst());
        assertThat(vm.noticeProperty().get()).contains("Test delivery queued for crm.example.com");
        vm.delete(vm.rows().getFirst());

        assertThat(calls).containsSubsequence("test w-1", "delete w-1");
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.noticeProperty().get()).isEqualTo("Deleted the webhook to crm.example.com.");
    }

    @Test
    void only_http_addresses_with_a_host_can_be_added() {
        assertThat(IntegrationsViewModel.looksLikeUrl("https://a.example/h")).isTrue();
        assertThat(IntegrationsViewModel.looksLikeUrl("http://127.0.0.1:8080/h")).isTrue();
        assertThat(IntegrationsViewModel.looksLikeUrl("ftp://a.example/h")).isFalse();
        assertThat(IntegrationsViewModel.looksLikeUrl("crm.example.com")).isFalse();
        assertThat(IntegrationsViewModel.looksLikeUrl("https:// bad")).isFalse();
    }
}
