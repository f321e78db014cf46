package donna.core.mail.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.core.api.BackendClient;
import donna.core.api.ServiceException;
import donna.core.api.StubServer;
import donna.core.mail.GmailStatus;
import donna.core.oauth.OAuthFlowException;
import donna.core.oauth.Pkce;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Gmail connect round trip, with a simulated browser hitting the loopback redirect. */
class TestGmailConnectFlow {
    private static final String CONSENT = "https://accounts.example.test/o/oauth2/auth?client_id=x";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient browserHttp = HttpClient.newHttpClient();
    private final StubServer service;

    TestGmailConnectFlow() throws Exception {
        service = new StubServer();
        service.on("POST /api/gmail/oauth/start", StubServer.Answer.json(200, "{\"auth_url\":\"" + CONSENT + "\"}"));
        service.on("POST /api/gmail/oauth/callback",
                StubServer.Answer.json(200, "{\"status\":\"connected\",\"email\":\"ana@example.com\"}"));
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private GmailConnectFlow flow() {
        return new GmailConnectFlow(BackendClient.builder(service.uri()).build(),
                URI.create("https://accounts.example.test/o/oauth2/auth"));
    }

    private JsonNode sent(String path) throws Exception {
        return json.readTree(service.seen.stream().filter(s -> s.uri().equals(path)).findFirst().orElseThrow().body());
    }

    /** What Google does after consent: send the browser to redirect_uri with the code and the state. */
    private int redirect(String state) throws Exception {
        JsonNode start = sent("/api/gmail/oauth/start");
        URI back = URI.create(start.path("redirect_uri").asText() + "?code=4%2Fcode-from-google&state="
                + URLEncoder.encode(state, StandardCharsets.UTF_8));
        return browserHttp.send(HttpRequest.newBuilder(back).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void the_code_and_the_verifier_of_the_challenge_go_to_the_service() throws Exception {
        List<URI> opened = new ArrayList<>();
        List<Integer> browserSaw = new ArrayList<>();

        GmailStatus status = flow().connect(uri -> {
            opened.add(uri);
            try {
                browserSaw.add(redirect("forged-state"));
                browserSaw.add(redirect(sentUnchecked().path("state").asText()));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, Duration.ofSeconds(30), receiver -> { });

        assertThat(status).isEqualTo(new GmailStatus(GmailStatus.State.CONNECTED, "ana@example.com"));
        assertThat(opened).containsExactly(URI.create(CONSENT));
        assertThat(browserSaw).as("a forged state is refused, the real redirect still works").containsExactly(400, 200);
        JsonNode start = sent("/api/gmail/oauth/start");
        JsonNode callback = sent("/api/gmail/oauth/callback");
        assertThat(start.path("redirect_uri").asText()).matches("http://127\\.0\\.0\\.1:\\d+/gmail/callback");
        assertThat(callback.path("code").asText()).isEqualTo("4/code-from-google");
        assertThat(callback.path("redirect_uri").asText()).isEqualTo(start.path("redirect_uri").asText());
        assertThat(Pkce.s256(callback.path("code_verifier").asText()))
                .isEqualTo(start.path("code_challenge").asText());
    }

    private JsonNode sentUnchecked() {
        try {
            return sent("/api/gmail/oauth/start");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void a_consent_url_that_is_not_the_configured_googles_is_never_opened() {
        for (String elsewhere : List.of("http://accounts.example.test/o/oauth2/auth",
                "https://evil.example/o/oauth2/auth", "https://accounts.example.test:8443/o/oauth2/auth",
                "https://user@accounts.example.test/o/oauth2/auth", "javascript:alert(1)",
                "file:///etc/passwd")) {
            service.on("POST /api/gmail/oauth/start",
                    StubServer.Answer.json(200, "{\"auth_url\":\"" + elsewhere + "\"}"));
            List<URI> opened = new ArrayList<>();

            OAuthFlowException e = catchThrowableOfType(OAuthFlowException.class,
                    () -> flow().connect(opened::add, Duration.ofSeconds(5), receiver -> { }));

            assertThat(e).as(elsewhere).isNotNull();
            assertThat(e.getMessage()).contains("not Google's");
            assertThat(opened).as(elsewhere).isEmpty();
        }
        assertThat(GmailConnectFlow.isGoogles(URI.create("https://accounts.google.com/o/oauth2/v2/auth?x=1"),
                GmailConnectFlow.GOOGLE_AUTH_URL)).isTrue();
        assertThat(GmailConnectFlow.isGoogles(URI.create("http://127.0.0.1:4000/auth"),
                URI.create("http://127.0.0.1:4000/o/oauth2/auth"))).as("the loopback fake").isTrue();
        assertThat(GmailConnectFlow.isGoogles(URI.create("http://127.0.0.1:4000/auth"),
                GmailConnectFlow.GOOGLE_AUTH_URL)).isFalse();
    }

    @Test
    void a_browser_that_never_comes_back_times_out_with_a_clear_message() {
        OAuthFlowException e = catchThrowableOfType(OAuthFlowException.class,
                () -> flow().connect(uri -> { }, Duration.ofMillis(200), receiver -> { }));

        assertThat(e.reason()).isEqualTo(OAuthFlowException.Reason.TIMEOUT);
        assertThat(e.getMessage()).startsWith("No answer from the browser within");
        assertThat(service.seen).noneMatch(s -> s.uri().equals("/api/gmail/oauth/callback"));
    }

    @Test
    void a_code_google_refuses_is_the_services_error() throws Exception {
        service.on("POST /api/gmail/oauth/callback", StubServer.Answer.json(400, "{\"success\":false,\"error\":"
                + "{\"code\":\"oauth_exchange_failed\",\"message\":\"Google refused the code\",\"traceId\":\"t\"}}"));

        ServiceException e = catchThrowableOfType(ServiceException.class, () -> flow().connect(uri -> {
            try {
                redirect(sentUnchecked().path("state").asText());
            } catch (Exception ex) {
                throw new AssertionError(ex);
            }
        }, Duration.ofSeconds(30), receiver -> { }));

        assertThat(e.error().code()).isEqualTo("oauth_exchange_failed");
    }
}
