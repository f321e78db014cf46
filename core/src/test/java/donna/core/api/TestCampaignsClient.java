package donna.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import donna.core.campaigns.Audience;
import donna.core.campaigns.Campaign;
import donna.core.campaigns.Draft;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client side of campaigns (docs/api.md, "Marketing: campaigns"): make, read, preview, move, refresh. */
class TestCampaignsClient {
    private static final String CAMPAIGN = """
            {"id":"c-1","name":"Spring","subject":"News for {{first_name}}","body":"Hi","status":"running",
             "daily_cap":400,"created_at":"2026-12-07T09:30:00Z","started_at":"2026-12-07T09:31:00Z",
             "completed_at":null,"counts":{"queued":1,"sent":1,"failed":1,"replied":0,"unsubscribed":0,"skipped":0},
             "recipients":[{"email":"ann@example.com","name":"Ann","status":"sent","sent_at":"2026-12-07T09:32:00Z"},
              {"email":"bo@example.com","status":"failed","error":"Invalid To header"},
              {"email":"cy@example.com","status":"queued"}]}""";

    private final StubServer stub;
    private final CampaignsClient client;

    TestCampaignsClient() throws IOException {
        stub = new StubServer();
        client = BackendClient.builder(stub.uri()).token(() -> Optional.of("s3cret")).user("local").build()
                .campaigns();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void create_sends_one_audience_and_reads_the_draft_with_its_refused_rows() throws Exception {
        stub.on("POST /api/campaigns", StubServer.Answer.json(201, "{\"success\":true,\"campaign\":" + CAMPAIGN
                + ",\"refused\":[{\"row\":3,\"value\":\"nope\",\"reason\":\"bad_address\"}],\"suppressed\":2}"));

        Draft draft = client.create("Spring", "News", "Hi", Audience.csv("email\nann@example.com\n"), false);

        assertThat(new ObjectMapper().readTree(stub.seen.getFirst().body()).toString()).isEqualTo(
                "{\"name\":\"Spring\",\"subject\":\"News\",\"body\":\"Hi\",\"personalise\":false,"
                        + "\"audience\":{\"csv\":\"email\\nann@example.com\\n\"}}");
        assertThat(draft.refused()).containsExactly(new Draft.Refused(3, "nope", "bad_address"));
        assertThat(draft.suppressed()).isEqualTo(2);
        Campaign c = draft.campaign();
        assertThat(c.counts()).isEqualTo(new Campaign.Counts(1, 1, 1, 0, 0, 0));
        assertThat(c.startedAt()).isEqualTo(Instant.parse("2026-12-07T09:31:00Z"));
        assertThat(c.completedAt()).isNull();
        assertThat(c.recipients()).extracting(Campaign.Recipient::email, Campaign.Recipient::name,
                Campaign.Recipient::status, Campaign.Recipient::error).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ann@example.com", "Ann", "sent", null),
                        org.assertj.core.groups.Tuple.tuple("bo@example.com", null, "failed", "Invalid To header"),
                        org.assertj.core.groups.Tuple.tuple("cy@example.com", null, "queued", null));

        client.create("List", "News", "Hi {{opening}}", Audience.emails(List.of("Ann <ann@example.com>")), true);
        assertThat(new ObjectMapper().readTree(stub.seen.get(1).body()).path("personalise").asBoolean()).isTrue();
        assertThat(new ObjectMapper().readTree(stub.seen.get(1).body()).path("audience").toString())
                .isEqualTo("{\"emails\":[\"Ann <ann@example.com>\"]}");
    }

    @Test
    void preview_moves_and_refresh_use_their_routes() {
        stub.on("GET /api/campaigns/c-1/preview", StubServer.Answer.json(200, "{\"success\":true,\"preview\":"
                + "{\"email\":\"bo@example.com\",\"subject\":\"News for Bo\",\"body\":\"Hi Bo\"}}"));
        stub.on("POST /api/campaigns/c-1/pause", StubServer.Answer.json(200, "{\"success\":true,\"campaign\":"
                + CAMPAIGN.replace("\"running\"", "\"paused\"") + "}"));
        stub.on("POST /api/campaigns/c-1/refresh", StubServer.Answer.json(200, "{\"success\":true,\"found\":"
                + "{\"replied\":1,\"unsubscribed\":0,\"bounced\":2},\"campaign\":" + CAMPAIGN + "}"));

        assertThat(client.preview("c-1", "bo@example.com").subject()).isEqualTo("News for Bo");
        assertThat(stub.seen.getFirst().uri()).isEqualTo("/api/campaigns/c-1/preview?email=bo%40example.com");
        assertThat(client.pause("c-1").status()).isEqualTo("paused");
        var found = client.refresh("c-1");
        assertThat(found.replied()).isEqualTo(1);
        assertThat(found.bounced()).isEqualTo(2);
        assertThat(found.campaign().id()).isEqualTo("c-1");
    }

    @Test
    void the_services_refusal_comes_back_in_its_words() {
        stub.on("POST /api/campaigns/c-1/start", StubServer.Answer.json(409, "{\"success\":false,\"error\":"
                + "{\"code\":\"campaign_state\",\"message\":\"campaign is running, not a draft\",\"traceId\":\"t\"}}"));

        assertThatThrownBy(() -> client.start("c-1")).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.error().code()).isEqualTo("campaign_state");
            assertThat(e.error().message()).isEqualTo("campaign is running, not a draft");
        });
    }
}
