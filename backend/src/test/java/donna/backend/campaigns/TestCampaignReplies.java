package donna.backend.campaigns;

import static donna.backend.campaigns.TestCampaigns.campaign;
import static org.assertj.core.api.Assertions.assertThat;

import donna.backend.config.BackendConfig;
import donna.backend.support.GmailFixture;
import donna.backend.support.Http;
import donna.backend.support.LogCapture;
import donna.standins.google.SentMail;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What comes back from a campaign without anyone asking: replies found on a schedule (once per interval, once
 * across pollers), and one-click unsubscribe (RFC 8058) through the service's public address.
 */
class TestCampaignReplies {
    private static final URI PUBLIC = URI.create("https://donna.example.com");
    private static final Pattern LINK = Pattern.compile("<https://donna\\.example\\.com(/api/unsubscribe/([0-9a-f]{64}))>");

    @RegisterExtension
    final GmailFixture f = new GmailFixture(g -> g, BackendConfig.Footprint.SERVER,
            c -> c.withCampaigns(new BackendConfig.Campaigns(Duration.ZERO, Duration.ofMinutes(30),
                    Optional.of(PUBLIC))));

    private String startCampaign(List<String> emails) {
        Http.Response created = f.post("ann", "/api/campaigns", campaign("News", "Hello", "Our news.",
                Map.of("emails", emails)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("campaign").path("id").asText();
        assertThat(f.post("ann", "/api/campaigns/" + id + "/start", "").status()).isEqualTo(200);
        return id;
    }

    private String statusOf(String id, String email) {
        for (var r : f.get("ann", "/api/campaigns/" + id).json().path("campaign").path("recipients")) {
            if (r.path("email").asText().equals(email)) {
                return r.path("status").asText();
            }
        }
        throw new AssertionError(email + " is not in campaign " + id);
    }

    private int checkReplies() {
        return f.service.service().campaigns().checkRepliesNow();
    }

    @Test
    void each_mail_offers_one_click_unsubscribe_and_a_post_to_its_link_unsubscribes_without_signing_in() {
        f.connectedAs("ann");
        String id = startCampaign(List.of("a@example.com", "b@example.com"));
        assertThat(f.service.service().campaigns().runDueNow()).isEqualTo(2);
        SentMail toA = f.google.sent().getFirst();
        assertThat(toA.rawText()).contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
                .contains(", <mailto:me@example.com?subject=unsubscribe>");
        Matcher link = LINK.matcher(toA.rawText());
        assertThat(link.find()).as(toA.rawText()).isTrue();
        assertThat(f.google.sent().get(1).rawText()).as("a token of its own per recipient")
                .doesNotContain(link.group(2));

        Http anyone = f.http();
        Http.Response page = anyone.get(link.group(1));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\"");
        assertThat(statusOf(id, "a@example.com")).as("a link scanner's GET unsubscribes nobody").isEqualTo("sent");

        Http.Response done;
        try (LogCapture log = new LogCapture()) {
            done = anyone.post(link.group(1), "List-Unsubscribe=One-Click",
                    "Content-Type", "application/x-www-form-urlencoded");
            assertThat(log.lines()).as("the token is a credential").noneMatch(l -> l.contains(link.group(2)))
                    .anyMatch(l -> l.contains("POST /api/unsubscribe/(token) -> 200"));
        }
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).contains("You are unsubscribed");
        assertThat(statusOf(id, "a@example.com")).isEqualTo("unsubscribed");
        assertThat(statusOf(id, "b@example.com")).isEqualTo("sent");
        assertThat(f.count("select count(*) from mail_suppressions where email = 'a@example.com' "
                + "and reason = 'unsubscribed'")).isEqualTo(1);

        Http.Response unknown = anyone.post("/api/unsubscribe/" + "0".repeat(64), "List-Unsubscribe=One-Click");
        assertThat(unknown.status()).as("tells nobody whether an address was on a list").isEqualTo(200);
        assertThat(unknown.body()).isEqualTo(done.body());
        assertThat(anyone.post("/api/campaigns/" + id + "/start", "").status()).as("the rest stays signed-in only")
                .isEqualTo(401);
    }

    @Test
    void replies_are_found_on_schedule_once_per_interval_and_by_one_poller_only() {
        f.connectedAs("ann");
        String id = startCampaign(List.of("a@example.com", "b@example.com"));
        f.service.service().campaigns().runDueNow();
        SentMail toA = f.google.sent().getFirst();
        f.google.addInboxMessage().from("A <a@example.com>").subject("Re: Hello").threadId(toA.threadId())
                .text("Tell me more").add();

        // Two pollers (as two instances would) at once: the campaign is checked by one of them.
        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(this::checkReplies);
        CompletableFuture<Integer> two = CompletableFuture.supplyAsync(this::checkReplies);
        assertThat(one.join() + two.join()).isEqualTo(1);
        assertThat(statusOf(id, "a@example.com")).isEqualTo("replied");
        assertThat(checkReplies()).as("not again within the interval").isZero();

        f.execute("update campaigns set checked_at = now() - interval '31 minutes'");
        assertThat(checkReplies()).as("due again after the interval").isEqualTo(1);

        f.execute("update campaigns set status = 'completed', checked_at = null, "
                + "completed_at = now() - interval '15 days'");
        assertThat(checkReplies()).as("two weeks after it completed, no more checks").isZero();
    }
}
