package donna.backend.leads;

import static donna.backend.support.GmailFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.support.GmailFixture;
import donna.backend.support.Http;
import donna.backend.support.TestService;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TestLeads {
    @RegisterExtension
    final GmailFixture f = new GmailFixture();

    private static Map<String, Object> body(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private Http.Response create(String user, Map<String, Object> body) {
        return f.post(user, "/api/leads", json(body));
    }

    private JsonNode created(String user, Object... kv) {
        Http.Response r = create(user, body(kv));
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        return r.json().path("lead");
    }

    private Http.Response patch(String user, String id, String jsonBody) {
        return f.http().send(b -> b.method("PATCH", HttpRequest.BodyPublishers.ofString(jsonBody))
                .header("Content-Type", "application/json"), "/api/leads/" + id, TestService.internalAs(user));
    }

    private List<String> names(String user, String query) {
        Http.Response r = f.get(user, "/api/leads" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("leads").valueStream().map(l -> l.path("name").asText()).toList();
    }

    @Test
    void a_lead_is_created_then_updated_by_the_same_address_not_duplicated() {
        Http.Response first = create("ann", body("name", "Bob Stone", "email", "Bob.Stone@Example.com",
                "company", "Stone Ltd", "category", "warm", "category_reason", "asked for a price", "source", "mail",
                "thread_ids", List.of("thread-1")));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().path("created").asBoolean()).isTrue();
        JsonNode lead = first.json().path("lead");
        assertThat(lead.path("email").asText()).isEqualTo("bob.stone@example.com");
        assertThat(lead.path("stage").asText()).as("a new lead's stage").isEqualTo("new");
        assertThat(lead.path("source").asText()).isEqualTo("mail");
        assertThat(lead.path("threads")).extracting(JsonNode::asText).containsExactly("thread-1");

        Http.Response again = create("ann", body("name", "Bob Stone", "email", "bob.stone@EXAMPLE.com",
                "category", "hot", "category_reason", "wants to sign this week", "source", "chat",
                "thread_ids", List.of("thread-2")));

        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().path("created").asBoolean()).isFalse();
        JsonNode updated = again.json().path("lead");
        assertThat(updated.path("id").asText()).isEqualTo(lead.path("id").asText());
        assertThat(updated.path("category").asText()).isEqualTo("hot");
        assertThat(updated.path("category_reason").asText()).isEqualTo("wants to sign this week");
        assertThat(updated.path("company").asText()).as("a field not given stays").isEqualTo("Stone Ltd");
        assertThat(updated.path("source").asText()).as("where it first came from stays").isEqualTo("mail");
        assertThat(updated.path("threads")).extracting(JsonNode::asText).containsExactly("thread-1", "thread-2");
        assertThat(f.count("select count(*) from leads")).isEqualTo(1);

        // The same address for another user is that user's own lead.
        assertThat(create("bob", body("name", "Bob Stone", "email", "bob.stone@example.com")).status())
                .isEqualTo(201);
        assertThat(f.count("select count(*) from leads")).isEqualTo(2);
    }

    @Test
    void leads_are_listed_by_stage_category_words_and_follow_ups_due() {
        LocalDate today = LocalDate.now();
        created("ann", "name", "Ann Hot", "email", "a@x.example", "category", "hot", "stage", "qualified",
                "next_follow_up", today.minusDays(1).toString());
        created("ann", "name", "Carl Warm", "company", "Acme Widgets", "category", "warm",
                "next_follow_up", today.plusDays(7).toString());
        created("ann", "name", "Dora Cold", "category", "cold", "notes", "met at the fair, 50% discount asked");
        created("ann", "name", "Eve New");

        assertThat(names("ann", "")).containsExactlyInAnyOrder("Ann Hot", "Carl Warm", "Dora Cold", "Eve New");
        assertThat(names("ann", "?category=hot")).containsExactly("Ann Hot");
        assertThat(names("ann", "?stage=new")).containsExactlyInAnyOrder("Carl Warm", "Dora Cold", "Eve New");
        assertThat(names("ann", "?stage=qualified&category=warm")).isEmpty();
        assertThat(names("ann", "?q=acme")).containsExactly("Carl Warm");
        assertThat(names("ann", "?q=" + URLEncoder.encode("50%", StandardCharsets.UTF_8)))
                .as("words are matched as typed, not as patterns").containsExactly("Dora Cold");
        assertThat(names("ann", "?follow_up_due=true")).containsExactly("Ann Hot");
        assertThat(names("bob", "")).isEmpty();
    }

    @Test
    void another_users_lead_is_not_found_and_stays_as_it_was() {
        String id = created("ann", "name", "Bob Stone", "email", "bob@example.com").path("id").asText();

        assertThat(f.get("bob", "/api/leads/" + id).status()).isEqualTo(404);
        assertThat(patch("bob", id, json(body("stage", "lost"))).status()).isEqualTo(404);
        assertThat(f.delete("bob", "/api/leads/" + id).status()).isEqualTo(404);
        assertThat(f.get("ann", "/api/leads/not-a-uuid").status()).isEqualTo(404);
        assertThat(f.get("ann", "/api/leads/" + id).json().path("lead").path("stage").asText()).isEqualTo("new");

        Http.Response edited = patch("ann", id, "{\"stage\":\"contacted\",\"next_follow_up\":\"2031-01-15\","
                + "\"company\":null,\"notes\":\"call back after the holidays\"}");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().path("lead").path("stage").asText()).isEqualTo("contacted");
        assertThat(edited.json().path("lead").path("next_follow_up").asText()).isEqualTo("2031-01-15");
        assertThat(edited.json().path("lead").path("name").asText()).isEqualTo("Bob Stone");

        assertThat(f.delete("ann", "/api/leads/" + id).status()).isEqualTo(200);
        assertThat(f.get("ann", "/api/leads/" + id).status()).isEqualTo(404);
    }

    @Test
    void bad_input_is_refused_naming_the_field() {
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("{\"email\":\"a@b.example\"}", "name");
        bad.put("{\"name\":\"  \"}", "name");
        bad.put("{\"name\":\"Ann\",\"stage\":\"maybe\"}", "stage");
        bad.put("{\"name\":\"Ann\",\"category\":\"lukewarm\"}", "category");
        bad.put("{\"name\":\"Ann\",\"email\":\"not an address\"}", "email");
        bad.put("{\"name\":\"Ann\",\"next_follow_up\":\"next tuesday\"}", "next_follow_up");
        bad.put("{\"name\":\"Ann\",\"source\":\"fax\"}", "source");
        bad.put("{\"name\":\"Ann\\nBcc: x\"}", "name");
        bad.put("{\"name\":7}", "name");
        bad.put("{\"name\":\"Ann\",\"thread_ids\":[\"a b\"]}", "thread_ids");
        for (Map.Entry<String, String> b : bad.entrySet()) {
            Http.Response r = f.post("ann", "/api/leads", b.getKey());
            assertThat(r.status()).as(b.getKey()).isEqualTo(400);
            assertThat(r.errorCode()).as(b.getKey()).isEqualTo("validation_failed");
            assertThat(r.json().path("error").path("message").asText()).as(b.getKey()).startsWith(b.getValue());
        }
        assertThat(f.post("ann", "/api/leads", "[1,2]").errorCode()).isEqualTo("invalid_json");
        assertThat(f.get("ann", "/api/leads?stage=maybe").errorCode()).isEqualTo("validation_failed");
        assertThat(f.get("ann", "/api/leads?follow_up_due=soon").errorCode()).isEqualTo("validation_failed");
        assertThat(f.count("select count(*) from leads")).isZero();

        String id = created("ann", "name", "Ann", "email", "ann@example.com").path("id").asText();
        created("ann", "name", "Other", "email", "other@example.com");
        assertThat(patch("ann", id, "{\"source\":\"mail\"}").errorCode()).isEqualTo("validation_failed");
        assertThat(patch("ann", id, "{\"name\":null}").errorCode()).isEqualTo("validation_failed");
        Http.Response taken = patch("ann", id, "{\"email\":\"OTHER@example.com\"}");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.errorCode()).isEqualTo("lead_exists");
    }
}
