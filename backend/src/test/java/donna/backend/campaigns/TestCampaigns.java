package donna.backend.campaigns;

import static donna.backend.support.GmailFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.config.BackendConfig;
import donna.backend.support.GmailFixture;
import donna.backend.support.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Campaign drafts: audiences and their refused rows, merge fields, previews, states, isolation, the tool. */
class TestCampaigns {
    @RegisterExtension
    final GmailFixture f = new GmailFixture(g -> g, BackendConfig.Footprint.SERVER,
            c -> c.withCampaigns(new BackendConfig.Campaigns(Duration.ZERO)));

    static String campaign(String name, String subject, String body, Map<String, Object> audience) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("subject", subject);
        m.put("body", body);
        m.put("audience", audience);
        return json(m);
    }

    private void suppress(String user, String email, String reason) {
        f.get(user, "/api/campaigns"); // the user exists once they have called
        f.execute("insert into mail_suppressions (user_id, email, reason) select id, '" + email + "', '" + reason
                + "' from users where clerk_id = '" + user + "'");
    }

    @Test
    void a_csv_with_bad_rows_lists_them_with_the_reason_and_previews_each_recipient() {
        suppress("ann", "gone@example.com", "unsubscribed");
        String csv = """
                Email,First Name,Company
                sam@example.com,Sam,Acme
                not-an-address,Bad,Nowhere
                "Lee@Example.com","Lee","Lee, Sons & Co"
                SAM@example.com,Sam again,Acme
                gone@example.com,Gone,Left
                ,Nobody,Empty
                """;
        Http.Response created = f.post("ann", "/api/campaigns", campaign("Spring", "News for {{company}}",
                "Hi {{first_name}},\nnews for {{company}}.", Map.of("csv", csv)));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode c = created.json().path("campaign");
        assertThat(c.path("status").asText()).isEqualTo("draft");
        assertThat(c.path("daily_cap").asInt()).isEqualTo(400);
        assertThat(c.path("counts").path("queued").asInt()).isEqualTo(2);
        assertThat(c.path("counts").path("sent").asInt()).isZero();
        assertThat(c.path("recipients")).extracting(r -> r.path("email").asText())
                .containsExactly("sam@example.com", "lee@example.com");
        List<String> refused = new ArrayList<>();
        created.json().path("refused").forEach(r -> refused.add(r.path("row").asInt() + " "
                + r.path("value").asText() + " " + r.path("reason").asText()));
        assertThat(refused).containsExactly("3 not-an-address bad_address", "5 sam@example.com duplicate",
                "6 gone@example.com suppressed", "7  bad_address");
        assertThat(created.json().path("suppressed").asInt()).isEqualTo(1);

        String id = c.path("id").asText();
        JsonNode lee = f.get("ann", "/api/campaigns/" + id + "/preview?email=LEE@example.com").json().path("preview");
        assertThat(lee.path("subject").asText()).isEqualTo("News for Lee, Sons & Co");
        assertThat(lee.path("body").asText()).isEqualTo("Hi Lee,\nnews for Lee, Sons & Co.");
        JsonNode first = f.get("ann", "/api/campaigns/" + id + "/preview").json().path("preview");
        assertThat(first.path("email").asText()).isEqualTo("sam@example.com");
        assertThat(f.get("ann", "/api/campaigns/" + id + "/preview?email=gone@example.com").status())
                .isEqualTo(404);
        assertThat(f.google.sent()).as("a draft sends nothing").isEmpty();
    }

    @Test
    void a_merge_field_a_recipient_lacks_is_refused_at_creation_naming_it() {
        String csv = "email,name,company\na@example.com,Ann Lee,Acme\nb@example.com,Bo,\n";
        Http.Response missing = f.post("ann", "/api/campaigns", campaign("X", "Hi", "For {{ company }}",
                Map.of("csv", csv)));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorCode()).isEqualTo("validation_failed");
        assertThat(missing.json().path("error").path("message").asText())
                .contains("body", "{{company}}", "1 recipient lacks", "b@example.com");

        Http.Response noName = f.post("ann", "/api/campaigns", campaign("X", "Hi {{first_name}}", "Hello",
                Map.of("emails", List.of("Ann Lee <ann@example.com>", "bare@example.com"))));
        assertThat(noName.errorCode()).isEqualTo("validation_failed");
        assertThat(noName.json().path("error").path("message").asText()).contains("subject", "{{first_name}}");

        Http.Response named = f.post("ann", "/api/campaigns", campaign("X", "Hi {{first_name}}", "Hello {{name}}",
                Map.of("emails", List.of("Ann Lee <ann@example.com>"))));
        assertThat(named.status()).as(named.body()).isEqualTo(201);
        String id = named.json().path("campaign").path("id").asText();
        assertThat(f.get("ann", "/api/campaigns/" + id + "/preview").json().path("preview").path("subject")
                .asText()).isEqualTo("Hi Ann");
        assertThat(f.count("select count(*) from campaigns")).as("only the valid one was made").isEqualTo(1);
    }

    @Test
    void bad_input_is_400_naming_the_field() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(campaign("", "s", "b", Map.of("emails", List.of("a@example.com"))), "name is required");
        cases.put(campaign("n", "two\nlines", "b", Map.of("emails", List.of("a@example.com"))),
                "subject must be one line");
        cases.put(campaign("n", "s", "b", Map.of("emails", List.of("a@example.com"), "csv", "email\n")),
                "audience must have exactly one of emails, csv or gmail_query");
        cases.put(campaign("n", "s", "b", Map.of("csv", "name\nAnn\n")), "audience.csv needs an email column");
        cases.put(campaign("n", "s", "b", Map.of("emails", List.of("nope"))), "audience has no address");
        cases.put(campaign("n", "For {{company}}", "b", Map.of("csv", "email,company\na@example.com,\"Two\nlines\"\n")),
                "{{company}}, which has a line break for a@example.com");
        cases.put(json(Map.of("name", "n", "subject", "s", "body", "b", "daily_cap", 5000,
                "audience", Map.of("emails", List.of("a@example.com")))), "daily_cap must be");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Http.Response r = f.post("ann", "/api/campaigns", c.getKey());
            assertThat(r.status()).as(c.getKey()).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("validation_failed");
            assertThat(r.json().path("error").path("message").asText()).as(c.getKey()).contains(c.getValue());
        }
    }

    @Test
    void states_move_only_as_allowed_and_cancel_skips_the_rest() {
        String id = f.post("ann", "/api/campaigns", campaign("S", "s", "b",
                Map.of("emails", List.of("a@example.com", "b@example.com")))).json().path("campaign").path("id")
                .asText();
        assertThat(f.post("ann", "/api/campaigns/" + id + "/resume", "").errorCode()).isEqualTo("campaign_state");
        Http.Response started = f.post("ann", "/api/campaigns/" + id + "/start", "");
        assertThat(started.json().path("campaign").path("status").asText()).isEqualTo("running");
        assertThat(started.json().path("campaign").path("started_at").isTextual()).isTrue();
        Http.Response again = f.post("ann", "/api/campaigns/" + id + "/start", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("campaign_state");
        assertThat(f.delete("ann", "/api/campaigns/" + id).errorCode()).isEqualTo("campaign_not_draft");
        assertThat(f.post("ann", "/api/campaigns/" + id + "/pause", "").json().path("campaign").path("status")
                .asText()).isEqualTo("paused");
        JsonNode cancelled = f.post("ann", "/api/campaigns/" + id + "/cancel", "").json().path("campaign");
        assertThat(cancelled.path("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.path("counts").path("skipped").asInt()).isEqualTo(2);
        assertThat(cancelled.path("counts").path("queued").asInt()).isZero();
        assertThat(f.service.service().campaigns().runDueNow()).isZero();

        String draft = f.post("ann", "/api/campaigns", campaign("D", "s", "b",
                Map.of("emails", List.of("a@example.com")))).json().path("campaign").path("id").asText();
        assertThat(f.delete("ann", "/api/campaigns/" + draft).status()).isEqualTo(200);
        assertThat(f.get("ann", "/api/campaigns/" + draft).status()).isEqualTo(404);
        assertThat(f.get("ann", "/api/campaigns").json().path("campaigns")).hasSize(1);
    }

    @Test
    void a_draft_can_be_changed_checked_as_at_creation_and_only_while_it_is_a_draft() {
        suppress("ann", "gone@example.com", "unsubscribed");
        String id = f.post("ann", "/api/campaigns", campaign("Spring", "Hi {{first_name}}", "Hello {{first_name}}",
                Map.of("csv", "email,first_name\nsam@example.com,Sam\nlee@example.com,Lee\n")))
                .json().path("campaign").path("id").asText();

        Http.Response renamed = f.patch("ann", "/api/campaigns/" + id, json(Map.of("name", "Summer",
                "body", "Dear {{first_name}},\nour summer news.", "daily_cap", 150)));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        JsonNode c = renamed.json().path("campaign");
        assertThat(c.path("name").asText()).isEqualTo("Summer");
        assertThat(c.path("subject").asText()).as("what was not sent stays").isEqualTo("Hi {{first_name}}");
        assertThat(c.path("daily_cap").asInt()).isEqualTo(150);
        assertThat(c.path("recipients")).hasSize(2);
        assertThat(f.get("ann", "/api/campaigns/" + id + "/preview?email=lee@example.com").json()
                .path("preview").path("body").asText()).isEqualTo("Dear Lee,\nour summer news.");

        Http.Response lacking = f.patch("ann", "/api/campaigns/" + id, json(Map.of("body", "Hi {{company}}")));
        assertThat(lacking.status()).isEqualTo(400);
        assertThat(lacking.json().path("error").path("message").asText()).contains("{{company}}");

        Http.Response newAudience = f.patch("ann", "/api/campaigns/" + id, json(Map.of("audience",
                Map.of("csv", "email,first_name\nbo@example.com,Bo\ngone@example.com,Gone\nbad,X\n"))));
        assertThat(newAudience.status()).as(newAudience.body()).isEqualTo(200);
        assertThat(newAudience.json().path("campaign").path("recipients")).extracting(r -> r.path("email").asText())
                .containsExactly("bo@example.com");
        assertThat(newAudience.json().path("suppressed").asInt()).isEqualTo(1);
        assertThat(newAudience.json().path("refused")).hasSize(2);

        assertThat(f.patch("ann", "/api/campaigns/" + id, "{}").status()).as("nothing to change").isEqualTo(400);
        assertThat(f.post("ann", "/api/campaigns/" + id + "/start", "").status()).isEqualTo(200);
        Http.Response late = f.patch("ann", "/api/campaigns/" + id, json(Map.of("name", "Too late")));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.errorCode()).isEqualTo("campaign_not_draft");
    }

    @Test
    void another_users_campaign_is_404_everywhere() {
        String id = f.post("ann", "/api/campaigns", campaign("Mine", "s", "b",
                Map.of("emails", List.of("a@example.com")))).json().path("campaign").path("id").asText();

        assertThat(f.get("bob", "/api/campaigns/" + id).status()).isEqualTo(404);
        assertThat(f.get("bob", "/api/campaigns/" + id + "/preview").status()).isEqualTo(404);
        for (String action : List.of("start", "pause", "resume", "cancel", "refresh")) {
            assertThat(f.post("bob", "/api/campaigns/" + id + "/" + action, "").status()).as(action).isEqualTo(404);
        }
        assertThat(f.delete("bob", "/api/campaigns/" + id).status()).isEqualTo(404);
        assertThat(f.patch("bob", "/api/campaigns/" + id, json(Map.of("name", "Theirs"))).status()).isEqualTo(404);
        assertThat(f.get("bob", "/api/campaigns").json().path("campaigns")).isEmpty();
        assertThat(f.get("ann", "/api/campaigns/not-a-uuid").status()).isEqualTo(404);
        assertThat(f.get("ann", "/api/campaigns/" + id).json().path("campaign").path("status").asText())
                .as("untouched").isEqualTo("draft");
    }

    @Test
    void the_start_campaign_tool_makes_a_draft_and_never_starts_it() {
        f.connectedAs("ann");
        Map<String, Object> audience = new LinkedHashMap<>();
        audience.put("emails", null);
        audience.put("csv", "email,first_name\nsam@example.com,Sam\nlee@example.com,Lee\n");
        audience.put("gmail_query", null);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("name", "Launch");
        args.put("audience", audience);
        args.put("subject", "Hi {{first_name}}");
        args.put("body", "We launched.");
        Http.Response call = f.post("ann", "/api/tools/call", json(Map.of("name", "start_campaign",
                "arguments", args)));

        assertThat(call.status()).as(call.body()).isEqualTo(200);
        JsonNode out = call.json().path("output");
        assertThat(out.path("status").asText()).isEqualTo("draft");
        assertThat(out.path("recipients").asInt()).isEqualTo(2);
        assertThat(call.json().path("summary").asText()).contains("not started");
        JsonNode c = f.get("ann", "/api/campaigns/" + out.path("campaign_id").asText()).json().path("campaign");
        assertThat(c.path("status").asText()).isEqualTo("draft");
        assertThat(f.service.service().campaigns().runDueNow()).isZero();
        assertThat(f.google.sent()).isEmpty();

        args.put("body", "For {{company}}");
        JsonNode refused = f.post("ann", "/api/tools/call", json(Map.of("name", "start_campaign",
                "arguments", args))).json().path("output").path("error");
        assertThat(refused.path("code").asText()).isEqualTo("validation_failed");
        assertThat(refused.path("message").asText()).contains("{{company}}");
        assertThat(f.count("select count(*) from campaigns")).isEqualTo(1);
    }

    @Test
    void a_gmail_search_audience_is_the_senders_of_the_matching_mail_once_each() {
        f.connectedAs("ann");
        f.google.addInboxMessage().from("Ann Lee <ann@example.com>").subject("Pricing?").add();
        f.google.addInboxMessage().from("Ann Lee <ANN@example.com>").subject("Pricing again").add();
        f.google.addInboxMessage().from("bo@example.com").subject("pricing for teams").add();
        f.google.addInboxMessage().from("me@example.com").subject("Pricing notes").add();
        f.google.addInboxMessage().from("Cy <cy@example.com>").subject("Lunch").add();

        Http.Response created = f.post("ann", "/api/campaigns", campaign("Pricing", "About pricing", "Hello",
                Map.of("gmail_query", "subject:pricing")));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("campaign").path("recipients")).extracting(r -> r.path("email").asText())
                .containsExactlyInAnyOrder("ann@example.com", "bo@example.com");
        assertThat(created.json().path("refused")).isEmpty();
    }
}
