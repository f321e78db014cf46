package donna.app.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.common.SameThreadTaskExecutor;
import donna.core.ServiceError;
import donna.core.api.ServiceException;
import donna.core.campaigns.Audience;
import donna.core.campaigns.Campaign;
import donna.core.campaigns.Draft;
import donna.core.campaigns.Preview;
import donna.core.campaigns.RepliesFound;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Marketing workspace: a draft made from the form with its refused rows, a preview, Start only after the
 * person's yes, the moves, progress and results in words, and the service's errors in its words.
 */
class TestMarketingViewModel {
    private final List<String> calls = new ArrayList<>();
    private final Map<String, Campaign> stored = new LinkedHashMap<>();
    private Audience lastAudience;
    private ServiceException refuse;

    private final MarketingService service = new MarketingService() {
        @Override
        public List<Campaign> list() {
            calls.add("list");
            return List.copyOf(stored.values());
        }

        @Override
        public Campaign get(String id) {
            calls.add("get " + id);
            return stored.get(id);
        }

        @Override
        public Draft create(String name, String subject, String body, Audience audience, boolean personalise) {
            calls.add("create " + name);
            if (refuse != null) {
                throw refuse;
            }
            lastAudience = audience;
            Campaign c = campaign("c-1", name, subject, "draft", new Campaign.Counts(2, 0, 0, 0, 0, 0), List.of(
                    new Campaign.Recipient("ann@example.com", "Ann Lee", "queued", null, null),
                    new Campaign.Recipient("bo@example.com", "Bo", "queued", null, null)));
            stored.put(c.id(), c);
            return new Draft(c, List.of(new Draft.Refused(3, "not-an-address", "bad_address")), 0);
        }

        @Override
        public Draft update(String id, String name, String subject, String body, Audience audience,
                boolean personalise) {
            calls.add("update " + id + " " + name + (audience == null ? " (same recipients)" : " (new audience)")
                    + (personalise ? " personalised" : ""));
            lastAudience = audience;
            Campaign was = stored.get(id);
            Campaign c = campaign(id, name, subject, "draft", was.counts(), was.recipients());
            stored.put(id, c);
            return new Draft(c, List.of(), 0);
        }

        @Override
        public Preview preview(String id, String email) {
            calls.add("preview " + email);
            String to = email == null ? "ann@example.com" : email;
            return new Preview(to, "News for " + (to.startsWith("ann") ? "Ann" : "Bo"), "Hi!");
        }

        @Override
        public Campaign move(String id, String action) {
            calls.add(action + " " + id);
            if (refuse != null) {
                throw refuse;
            }
            Campaign c = stored.get(id);
            String status = switch (action) {
                case "start", "resume" -> "running";
                case "pause" -> "paused";
                default -> "cancelled";
            };
            Campaign moved = campaign(id, c.name(), c.subject(), status, c.counts(), c.recipients());
            stored.put(id, moved);
            return moved;
        }

        @Override
        public RepliesFound refreshReplies(String id) {
            calls.add("replies " + id);
            Campaign c = campaign(id, "Spring", "News", "running", new Campaign.Counts(0, 0, 1, 1, 0, 0), List.of(
                    new Campaign.Recipient("ann@example.com", "Ann Lee", "replied", null, null),
                    new Campaign.Recipient("bo@example.com", null, "failed", "bounced", null)));
            stored.put(id, c);
            return new RepliesFound(1, 0, 1, c);
        }

        @Override
        public void delete(String id) {
            calls.add("delete " + id);
            stored.remove(id);
        }
    };
    private final MarketingViewModel vm = new MarketingViewModel(service, new SameThreadTaskExecutor());

    private static Campaign campaign(String id, String name, String subject, String status, Campaign.Counts counts,
            List<Campaign.Recipient> recipients) {
        return new Campaign(id, name, subject, "Hi {{first_name}}!", status, 400, false, null, null, null, counts,
                recipients);
    }

    private void fillForm(String audience) {
        vm.newCampaign();
        vm.nameProperty().set("Spring");
        vm.subjectProperty().set("News for {{first_name}}");
        vm.bodyProperty().set("Hi {{first_name}}!");
        vm.audienceProperty().set(audience);
    }

    @Test
    void a_draft_is_changed_in_the_form_keeping_its_recipients_unless_a_new_audience_is_given() {
        fillForm("ann@example.com\nbo@example.com");
        vm.create();
        vm.changeDraft();

        assertThat(vm.editingProperty().get()).isTrue();
        assertThat(vm.changingProperty().get().id()).isEqualTo("c-1");
        assertThat(vm.nameProperty().get()).isEqualTo("Spring");
        assertThat(vm.audienceProperty().get()).as("empty: keep the recipients").isEmpty();
        vm.nameProperty().set("Summer");
        vm.create();
        assertThat(calls).contains("update c-1 Summer (same recipients)").containsOnlyOnce("create Spring");
        assertThat(lastAudience).isNull();
        assertThat(vm.editingProperty().get()).isFalse();
        assertThat(vm.changingProperty().get()).isNull();
        assertThat(vm.selectedProperty().get().name()).isEqualTo("Summer");
        assertThat(vm.noticeProperty().get()).startsWith("Draft \u201cSummer\u201d changed; it goes to 2 recipients.");

        vm.changeDraft();
        vm.audienceProperty().set("cy@example.com");
        vm.personaliseProperty().set(true);
        vm.create();
        assertThat(calls).contains("update c-1 Summer (new audience) personalised");
        assertThat(lastAudience.emails()).containsExactly("cy@example.com");

        vm.changeDraft();
        vm.newCampaign();
        assertThat(vm.changingProperty().get()).as("New campaign makes a new one").isNull();
        vm.cancelEditing();
        vm.askStart();
        vm.confirmStart();
        assertThat(vm.selectedProperty().get().status()).isEqualTo("running");
        vm.changeDraft();
        assertThat(vm.editingProperty().get()).as("only a draft can be changed").isFalse();
    }

    @Test
    void a_csv_audience_makes_a_draft_shown_with_its_refused_rows_and_a_preview() {
        fillForm("email,first_name\nann@example.com,Ann\nnot-an-address,X\nbo@example.com,Bo");
        vm.create();

        assertThat(lastAudience.csv()).startsWith("email,first_name\n");
        assertThat(lastAudience.emails()).isNull();
        assertThat(vm.editingProperty().get()).isFalse();
        assertThat(vm.selectedProperty().get().status()).isEqualTo("draft");
        assertThat(vm.refused()).extracting(MarketingViewModel::refusedLine)
                .containsExactly("Row 3: not-an-address (not a valid address)");
        assertThat(vm.noticeProperty().get()).isEqualTo("Draft \u201cSpring\u201d made for 2 recipients. Nothing is "
                + "sent until you start it. 1 row was refused (below).");
        assertThat(vm.previewProperty().get().subject()).isEqualTo("News for Ann");
        assertThat(vm.campaigns()).extracting(Campaign::id).containsExactly("c-1");
        assertThat(calls).doesNotContain("start c-1");

        vm.preview("bo@example.com");
        assertThat(vm.previewProperty().get().subject()).isEqualTo("News for Bo");
    }

    @Test
    void pasted_addresses_go_as_a_list_one_a_line_display_names_kept() {
        fillForm("Ann Lee <ann@example.com>\nbo@example.com, cy@example.com\n\n");
        vm.create();

        assertThat(lastAudience.emails()).containsExactly("Ann Lee <ann@example.com>", "bo@example.com",
                "cy@example.com");
        assertThat(lastAudience.csv()).isNull();
    }

    @Test
    void start_asks_first_and_only_the_yes_starts_it() {
        fillForm("ann@example.com");
        vm.create();

        vm.askStart();
        assertThat(vm.confirmingStartProperty().get()).isTrue();
        assertThat(vm.startQuestion()).isEqualTo("Send \u201cNews for {{first_name}}\u201d to 2 recipients from your "
                + "Gmail, one mail each, paced under Gmail's limits (at most 400 a day)?");
        vm.declineStart();
        assertThat(calls).noneMatch(c -> c.startsWith("start"));

        vm.askStart();
        vm.confirmStart();
        assertThat(calls).contains("start c-1");
        assertThat(vm.confirmingStartProperty().get()).isFalse();
        assertThat(MarketingViewModel.progress(vm.selectedProperty().get()))
                .isEqualTo("Running \u00b7 0 of 2 sent \u00b7 2 queued \u00b7 0 failed \u00b7 0 replied \u00b7 "
                        + "0 unsubscribed");

        vm.askStart();
        assertThat(vm.confirmingStartProperty().get()).as("a running campaign is not started again").isFalse();

        vm.pause();
        assertThat(vm.selectedProperty().get().status()).isEqualTo("paused");
        vm.resume();
        assertThat(vm.selectedProperty().get().status()).isEqualTo("running");
        vm.cancel();
        assertThat(vm.selectedProperty().get().status()).isEqualTo("cancelled");
    }

    @Test
    void a_running_campaign_is_read_again_on_each_tick_and_results_say_each_recipient() {
        fillForm("ann@example.com");
        vm.create();
        calls.clear();
        vm.tick();
        assertThat(calls).as("a draft does not move on its own").isEmpty();

        vm.askStart();
        vm.confirmStart();
        calls.clear();
        vm.tick();
        assertThat(calls).containsExactly("list", "get c-1");

        vm.refreshReplies();
        assertThat(vm.noticeProperty().get()).isEqualTo("Looked through the inbox: 1 replied, 0 unsubscribed, "
                + "1 bounced.");
        assertThat(vm.selectedProperty().get().recipients()).extracting(MarketingViewModel::recipientLine)
                .containsExactly("Ann Lee <ann@example.com> \u00b7 replied", "bo@example.com \u00b7 failed: bounced");
    }

    @Test
    void the_services_refusal_is_shown_in_its_words_and_the_form_stays() {
        refuse = new ServiceException(new ServiceError(400, "validation_failed",
                "body uses the merge field {{company}}, which 2 recipients lack (first: bo@example.com)", null));
        fillForm("email,first_name\nann@example.com,Ann");
        vm.create();

        assertThat(vm.errorProperty().get())
                .isEqualTo("body uses the merge field {{company}}, which 2 recipients lack (first: bo@example.com)");
        assertThat(vm.editingProperty().get()).isTrue();
        assertThat(vm.nameProperty().get()).isEqualTo("Spring");
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void a_draft_is_deleted_and_leaves_the_list() {
        fillForm("ann@example.com");
        vm.create();
        vm.delete();

        assertThat(calls).contains("delete c-1");
        assertThat(vm.selectedProperty().get()).isNull();
        assertThat(vm.campaigns()).isEmpty();
        assertThat(vm.noticeProperty().get()).isEqualTo("Deleted the draft \u201cSpring\u201d.");
    }
}
