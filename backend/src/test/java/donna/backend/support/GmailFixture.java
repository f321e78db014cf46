package donna.backend.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.config.BackendConfig;
import donna.standins.google.FakeGoogle;
import donna.standins.openai.FakeOpenAi;
import donna.standins.support.Exchanges;
import donna.standins.support.OAuthPages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A service whose Google and OpenAI are the testkit's fakes, and the desktop app's side of the connect flow: ask
 * for the consent URL, let a "browser" follow it (the fake consents at once and redirects to the loopback URI),
 * check the state, hand the code and verifier to the service.
 */
public final class GmailFixture implements AutoCloseable, AfterEachCallback {
    public static final String REDIRECT = "http://127.0.0.1:53682/oauth/callback";
    public static final String VERIFIER = "M25iVXpKU3puUjFaYWg3T1NDTDQtcW1ROUY5YXlwalNoc0hhakxifmZHag";
    private static final ObjectMapper JSON = new ObjectMapper();

    public final FakeGoogle google = FakeGoogle.start();
    public final FakeOpenAi openAi = FakeOpenAi.start();
    public TestService service;
    private final Path dir;
    private final HttpClient browser = HttpClient.newHttpClient(); // never follows redirects

    /** A fixture for {@code @RegisterExtension}: closed after each test, its data folder with it. */
    public GmailFixture() {
        this(g -> g);
    }

    public GmailFixture(UnaryOperator<BackendConfig.Google> tweak) {
        this(tweak, BackendConfig.Footprint.SERVER);
    }

    /** @param footprint {@code DESKTOP}: the service as the app bundles it */
    public GmailFixture(UnaryOperator<BackendConfig.Google> tweak, BackendConfig.Footprint footprint) {
        this(tweak, footprint, c -> c);
    }

    /** @param more any other setting (campaigns' poll, webhooks), applied last */
    public GmailFixture(UnaryOperator<BackendConfig.Google> tweak, BackendConfig.Footprint footprint,
            UnaryOperator<BackendConfig> more) {
        try {
            dir = Files.createTempDirectory("donna-gmail-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        service = TestService.start(dir, c -> more.apply(c
                .withGoogle(tweak.apply(c.google().withClient(google.clientId(), google.clientSecret(),
                        google.authUrl(), google.tokenUrl(), google.rootUrl())))
                .withOpenAi(new BackendConfig.OpenAi(Optional.of("sk-test-key"), openAi.baseUrl(), "gpt-test",
                        "gpt-realtime-test", Duration.ofSeconds(4))).withFootprint(footprint)),
                List.of());
    }

    /** The service stopped and started again on the same database, Google and OpenAI. */
    public GmailFixture restart(UnaryOperator<BackendConfig> tweak) {
        service = service.restart(tweak);
        return this;
    }

    /** Runs the connect flow for {@code user} and checks it worked. */
    public GmailFixture connectedAs(String user) {
        Http.Response connected = connect(user);
        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
        return this;
    }

    public Http http() {
        return service.http();
    }

    public Http.Response get(String user, String path) {
        return http().get(path, TestService.internalAs(user));
    }

    public Http.Response post(String user, String path, String json, String... extraHeaders) {
        String[] auth = TestService.internalAs(user);
        String[] headers = new String[auth.length + extraHeaders.length];
        System.arraycopy(auth, 0, headers, 0, auth.length);
        System.arraycopy(extraHeaders, 0, headers, auth.length, extraHeaders.length);
        return http().post(path, json, headers);
    }

    public Http.Response put(String user, String path, String json) {
        return http().send(b -> b.PUT(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"), path, TestService.internalAs(user));
    }

    public Http.Response patch(String user, String path, String json) {
        return http().send(b -> b.method("PATCH", HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"), path, TestService.internalAs(user));
    }

    public Http.Response delete(String user, String path) {
        return http().send(b -> b.DELETE(), path, TestService.internalAs(user));
    }

    /** The whole connect flow for a user; returns the callback's answer. */
    public Http.Response connect(String user) {
        String state = "state-" + user + "-0123456789";
        Map<String, String> redirect = consent(user, state);
        assertThat(redirect).containsEntry("state", state);
        return post(user, "/api/gmail/oauth/callback", json(Map.of("code", redirect.get("code"),
                "code_verifier", VERIFIER, "redirect_uri", REDIRECT)));
    }

    /** Start, then the browser's visit to the consent URL: the query Google redirected back with. */
    public Map<String, String> consent(String user, String state) {
        Http.Response start = post(user, "/api/gmail/oauth/start", json(Map.of("redirect_uri", REDIRECT,
                "code_challenge", challenge(VERIFIER), "state", state)));
        assertThat(start.status()).as(start.body()).isEqualTo(200);
        try {
            HttpResponse<String> consent = browser.send(HttpRequest.newBuilder(
                    URI.create(start.json().path("auth_url").asText())).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(consent.statusCode()).isEqualTo(302);
            URI location = URI.create(consent.headers().firstValue("Location").orElseThrow());
            assertThat(location.toString()).startsWith(REDIRECT + "?");
            return Exchanges.form(location.getRawQuery());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public int count(String sql) {
        return service.service().database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }

    public void execute(String sql) {
        service.service().database().jdbi().useHandle(h -> h.execute(sql));
    }

    public static String challenge(String verifier) {
        return OAuthPages.s256(verifier);
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode tree(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        browser.close();
        service.close();
        openAi.close();
        google.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }
}
