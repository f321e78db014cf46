package donna.backend.realtime;

import static donna.backend.support.TestService.internalAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import donna.backend.CompanionService;
import donna.backend.config.BackendConfig;
import donna.backend.config.ConfigException;
import donna.backend.config.ConfigLoader;
import donna.backend.support.Http;
import donna.backend.support.SharedPostgres;
import donna.backend.support.TestService;
import donna.standins.openai.Endpoint;
import donna.standins.openai.FakeOpenAi;
import donna.standins.openai.Failure;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, finding 10: voice is metered per user (a daily budget of minutes, a cap on concurrent sessions), checked
 * at minting, from what the app reports on the heartbeat and end routes; across instances on one database too.
 */
class TestVoiceBudget {
    private static final String KEY = "sk-server-key-budget-0123456789";
    private static final String TOKEN = "/api/realtime/token";

    private static final FakeOpenAi openai = FakeOpenAi.start();
    private static TestService service;

    @BeforeAll
    static void start(@TempDir Path dir) {
        service = TestService.start(dir, c -> c.withOpenAi(openAiWith(60, 2)), List.of());
    }

    @AfterAll
    static void stop() {
        service.close();
        openai.close();
    }

    @BeforeEach
    void clean() {
        openai.reset();
        openai.requireApiKey(KEY);
    }

    private static BackendConfig.OpenAi openAiWith(int dailyMinutes, int maxConcurrent) {
        return new BackendConfig.OpenAi(Optional.of(KEY), openai.baseUrl(), "gpt-test", "gpt-realtime-test",
                Duration.ofSeconds(3), new BackendConfig.Realtime("cedar", 60, 1_000, dailyMinutes, maxConcurrent));
    }

    private static Http.Response mint(Http http, String user, String body) {
        return http.post(TOKEN, body, internalAs(user));
    }

    private static String sessionOf(Http.Response minted) {
        assertThat(minted.status()).as(minted.body()).isEqualTo(200);
        String id = minted.json().path("donna_session_id").asText();
        assertThat(id).isNotBlank();
        return id;
    }

    private static Http.Response report(Http http, String user, String id, String what) {
        return http.post("/api/realtime/sessions/" + id + "/" + what, "", internalAs(user));
    }

    private static Jdbi db(CompanionService s) {
        return s.database().jdbi();
    }

    private static int rows(CompanionService s, String user) {
        return db(s).withHandle(h -> h.createQuery("""
                        select count(*) from voice_sessions v join users u on u.id = v.user_id where u.clerk_id = :c""")
                .bind("c", user).mapTo(Integer.class).one());
    }

    @Test
    void a_mint_answers_its_session_id_beside_the_secret_and_the_app_reports_on_it() {
        Http.Response minted = mint(service.http(), "reporter", "");
        String id = sessionOf(minted);
        assertThat(minted.json().path("client_secret").path("value").asText()).startsWith("ek_");
        assertThat(minted.json().path("model").asText()).isEqualTo("gpt-realtime-test");

        Http.Response beat = report(service.http(), "reporter", id, "heartbeat");
        assertThat(beat.status()).isEqualTo(200);
        assertThat(beat.json().path("success").asBoolean()).isTrue();
        assertThat(report(service.http(), "reporter", id, "end").status()).isEqualTo(200);
        assertThat(report(service.http(), "reporter", id, "end").status()).as("ending twice").isEqualTo(200);

        Http.Response late = report(service.http(), "reporter", id, "heartbeat");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.errorCode()).isEqualTo("voice_session_ended");
        Instant ended = db(service.service()).withHandle(h -> h.createQuery(
                "select ended_at from voice_sessions where id = cast(:id as uuid)").bind("id", id)
                .mapTo(java.time.OffsetDateTime.class).one()).toInstant();
        assertThat(ended).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void another_users_session_is_404_and_touched_by_nothing() {
        String id = sessionOf(mint(service.http(), "owner", ""));

        for (String what : List.of("heartbeat", "end")) {
            Http.Response foreign = report(service.http(), "intruder", id, what);
            assertThat(foreign.status()).isEqualTo(404);
            assertThat(foreign.errorCode()).isEqualTo("not_found");
        }
        assertThat(report(service.http(), "owner", "not-a-uuid", "heartbeat").status()).isEqualTo(404);
        assertThat(service.http().post("/api/realtime/sessions/" + id + "/heartbeat", "").status())
                .as("no auth").isEqualTo(401);
        assertThat(report(service.http(), "owner", id, "heartbeat").status()).as("still open").isEqualTo(200);
    }

    @Test
    void more_live_sessions_than_the_cap_is_429_voice_session_limit_and_nothing_is_minted() {
        String first = sessionOf(mint(service.http(), "talker", ""));
        sessionOf(mint(service.http(), "talker", ""));
        int minted = openai.requests(Endpoint.CLIENT_SECRETS).size();

        Http.Response third = mint(service.http(), "talker", "");
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.errorCode()).isEqualTo("voice_session_limit");
        assertThat(third.json().path("error").path("message").asText()).contains("2 voice sessions open")
                .contains("the most at once is 2");
        assertThat(third.header("Retry-After")).isNotBlank();
        assertThat(openai.requests(Endpoint.CLIENT_SECRETS)).as("refused before OpenAI").hasSize(minted);
        assertThat(mint(service.http(), "someone-else", "").status()).as("per user").isEqualTo(200);

        // A spare secret for a reconnect continues its live session: no new session, not refused by the cap.
        Http.Response spare = mint(service.http(), "talker", "{\"session_id\":\"" + first + "\"}");
        assertThat(sessionOf(spare)).isEqualTo(first);
        assertThat(rows(service.service(), "talker")).isEqualTo(2);

        assertThat(report(service.http(), "talker", first, "end").status()).isEqualTo(200);
        assertThat(mint(service.http(), "talker", "").status()).as("a seat is free again").isEqualTo(200);
    }

    @Test
    void a_session_not_heard_from_for_two_intervals_no_longer_holds_a_seat() {
        sessionOf(mint(service.http(), "quiet", ""));
        sessionOf(mint(service.http(), "quiet", ""));
        assertThat(mint(service.http(), "quiet", "").status()).isEqualTo(429);

        db(service.service()).useHandle(h -> h.createUpdate("""
                update voice_sessions set last_seen_at = last_seen_at - interval '121 seconds'
                where user_id = (select id from users where clerk_id = 'quiet')""").execute());

        assertThat(mint(service.http(), "quiet", "").status()).isEqualTo(200);
    }

    @Test
    void todays_minutes_at_the_budget_are_429_voice_budget_exhausted_until_utc_midnight() {
        sessionOf(mint(service.http(), "chatty", ""));
        // Earlier today: one conversation of 61 minutes (started at midnight UTC, so it is today at any hour).
        Instant midnight = Instant.now().truncatedTo(ChronoUnit.DAYS);
        db(service.service()).useHandle(h -> h.createUpdate("""
                update voice_sessions set started_at = :s, last_seen_at = :e, ended_at = :e
                where user_id = (select id from users where clerk_id = 'chatty')""")
                .bind("s", midnight.atOffset(java.time.ZoneOffset.UTC))
                .bind("e", midnight.plus(Duration.ofMinutes(61)).atOffset(java.time.ZoneOffset.UTC)).execute());
        int minted = openai.requests(Endpoint.CLIENT_SECRETS).size();

        Http.Response refused = mint(service.http(), "chatty", "");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.errorCode()).isEqualTo("voice_budget_exhausted");
        assertThat(refused.json().path("error").path("message").asText()).contains("61 of your 60 voice minutes")
                .contains("midnight UTC");
        long untilMidnight = Duration.between(Instant.now(), midnight.plus(Duration.ofDays(1))).toSeconds();
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(untilMidnight - 5, untilMidnight + 5);
        assertThat(openai.requests(Endpoint.CLIENT_SECRETS)).hasSize(minted);
        assertThat(mint(service.http(), "chatty-neighbour", "").status()).isEqualTo(200);
    }

    @Test
    void a_mint_openai_refused_costs_nothing() {
        openai.failNext(Endpoint.CLIENT_SECRETS, 10, Failure.serverError());
        assertThat(mint(service.http(), "unlucky", "").status()).isEqualTo(503);
        assertThat(rows(service.service(), "unlucky")).isZero();
    }

    /**
     * A shared deployment: two instances, one database. The cap and the budget hold across them, and a session
     * never reported on costs the conservative minimum (5 minutes), so minting without heartbeats is not free.
     */
    @Test
    void two_instances_on_one_database_share_the_cap_and_the_budget(@TempDir Path dir) {
        BackendConfig base = BackendConfig.loopback(dir, TestService.SECRET);
        BackendConfig config = new BackendConfig(base.host(), 0, Optional.of(SharedPostgres.newDatabase()),
                Optional.empty(), Optional.empty(), dir, TestService.SECRET, List.of(), Optional.empty(), 1_000,
                base.maxBodyBytes(), false, "", openAiWith(6, 1), base.google());
        try (CompanionService first = CompanionService.start(config);
                CompanionService second = CompanionService.start(config)) {
            Http one = new Http(first.baseUri());
            Http two = new Http(second.baseUri());

            String a = sessionOf(mint(one, "pat", ""));
            assertThat(mint(two, "pat", "").errorCode()).as("the cap counts the other instance's session")
                    .isEqualTo("voice_session_limit");

            // a goes quiet without ever reporting: it frees its seat but costs 5 minutes.
            db(first).useHandle(h -> h.createUpdate("""
                    update voice_sessions set last_seen_at = last_seen_at - interval '3 minutes'
                    where id = cast(:id as uuid)""").bind("id", a).execute());
            String b = sessionOf(mint(two, "pat", ""));

            // 5 + 5 unreported minutes: past the budget of 6 on either instance.
            for (Http instance : List.of(one, two)) {
                Http.Response refused = mint(instance, "pat", "");
                assertThat(refused.errorCode()).isEqualTo("voice_budget_exhausted");
                assertThat(refused.json().path("error").path("message").asText()).contains("10 of your 6");
            }
            // Ending b says it was short (a started conversation costs a minute): 5 + 1, still at the budget.
            assertThat(report(one, "pat", b, "end").status()).isEqualTo(200);
            assertThat(mint(two, "pat", "").json().path("error").path("message").asText()).contains("6 of your 6");
            assertThat(mint(two, "quinn", "").status()).isEqualTo(200);
        }
    }

    @Test
    void the_desktops_bundled_service_meters_nothing(@TempDir Path dir) {
        try (TestService desktop = TestService.start(dir, c -> c.withOpenAi(openAiWith(1, 1))
                .withFootprint(BackendConfig.Footprint.DESKTOP), List.of())) {
            for (int i = 0; i < 3; i++) {
                sessionOf(mint(desktop.http(), "local", ""));
            }
        }
    }

    @Test
    void the_limits_are_configured_from_the_environment() {
        BackendConfig.Realtime defaults = new ConfigLoader(Map.of("API_SECRET", TestService.SECRET)).load().openai()
                .realtime();
        assertThat(defaults.dailyVoiceMinutes()).isEqualTo(60);
        assertThat(defaults.maxConcurrentSessions()).isEqualTo(2);

        BackendConfig.Realtime set = new ConfigLoader(Map.of("API_SECRET", TestService.SECRET,
                "VOICE_DAILY_MINUTES", "0", "VOICE_MAX_CONCURRENT_SESSIONS", "5")).load().openai().realtime();
        assertThat(set.dailyVoiceMinutes()).as("0 = no budget").isZero();
        assertThat(set.maxConcurrentSessions()).isEqualTo(5);

        assertThatThrownBy(() -> new ConfigLoader(Map.of("API_SECRET", TestService.SECRET,
                "VOICE_MAX_CONCURRENT_SESSIONS", "-1")).load()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("VOICE_MAX_CONCURRENT_SESSIONS");
    }
}
