package donna.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import donna.core.leads.Lead;
import donna.core.leads.LeadFilter;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client side of "Sales leads and Today" (docs/api.md): listing with filters, moving a lead's stage. */
class TestBackendClientLeads {
    static final String LEAD = """
            {"id":"l-1","name":"Sam Reed","email":"sam@acme.example","company":"Acme","stage":"new",
             "category":"hot","category_reason":"asked for pricing","source":"mail","next_follow_up":"2026-12-07",
             "notes":"","threads":["t-1"],"created_at":"2026-12-01T10:00:00Z","updated_at":"2026-12-01T10:00:00Z"}""";

    private final StubServer stub;
    private final BackendClient client;

    TestBackendClientLeads() throws IOException {
        stub = new StubServer();
        client = BackendClient.builder(stub.uri()).token(() -> Optional.of("s3cret")).user("local").build();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void leads_are_listed_with_the_filters_in_the_query_and_read_tolerantly() {
        stub.on("GET /api/leads", StubServer.Answer.json(200, "{\"success\":true,\"leads\":[" + LEAD
                + ",{\"name\":\"no id\"},{\"id\":\"l-2\",\"name\":\"Bare\",\"next_follow_up\":\"soon\"}]}"));

        var leads = client.leads(new LeadFilter("new", "hot", "acme & co", true));

        assertThat(stub.seen.getFirst().uri())
                .isEqualTo("/api/leads?stage=new&category=hot&q=acme%20%26%20co&follow_up_due=true");
        assertThat(leads).extracting(Lead::id).containsExactly("l-1", "l-2");
        Lead sam = leads.getFirst();
        assertThat(sam.categoryReason()).isEqualTo("asked for pricing");
        assertThat(sam.nextFollowUp()).isEqualTo(LocalDate.of(2026, 12, 7));
        assertThat(sam.followUpDue(LocalDate.of(2026, 12, 7))).isTrue();
        assertThat(sam.followUpDue(LocalDate.of(2026, 12, 6))).isFalse();
        assertThat(sam.threads()).containsExactly("t-1");
        assertThat(leads.get(1).nextFollowUp()).as("a date it cannot read is no date").isNull();

        client.leads(LeadFilter.all());
        assertThat(stub.seen.getLast().uri()).isEqualTo("/api/leads");
    }

    @Test
    void a_stage_change_is_a_patch_of_the_stage_alone() throws Exception {
        stub.on("PATCH /api/leads/l-1", StubServer.Answer.json(200, "{\"success\":true,\"lead\":"
                + LEAD.replace("\"stage\":\"new\"", "\"stage\":\"qualified\"") + "}"));

        Lead moved = client.setLeadStage("l-1", "qualified");

        assertThat(moved.stage()).isEqualTo("qualified");
        assertThat(new ObjectMapper().readTree(stub.seen.getFirst().body()).toString())
                .isEqualTo("{\"stage\":\"qualified\"}");
    }
}
