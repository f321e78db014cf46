package donna.backend.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.config.BackendConfig;
import donna.backend.support.Http;
import donna.backend.support.TestService;
import donna.testkit.google.FakeGoogle;
import donna.testkit.openai.FakeOpenAi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
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
final class GmailFixture implements AutoCloseable, AfterEachCallback {
    static final String REDIRECT = "http://127.0.0.1:53682/oauth/callback";
    static final String VERIFIER = "M25iVXpKU3puUjFaYWg3T1NDTDQtcW1ROUY5YXlwalNoc0hhakxifmZHag";
    private static final ObjectMapper JSON = new ObjectMapper();

    final FakeGoogle google = FakeGoogle.start();
    final FakeOpenAi openAi = FakeOpenAi.start();
    final TestService service;
    private final Path dir;
    private final HttpClient browser = HttpClient.newHttpClient(); // never follows redirects

    /** A fixture for {@code @RegisterExtension}: closed after each test, its data folder with it. */
    GmailFixture() {
        this(g -> g);
    }

    GmailFixture(UnaryOperator<BackendConfig.Google> tweak) {
        try {
            dir = Files.createTempDirectory("donna-gmail-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        service = TestService.start(dir, c -> c
                .withGoogle(tweak.apply(c.google().withClient(google.clientId(), google.clientSecret(),
                        google.authUrl(), google.tokenUrl(), google.rootUrl())))
                .withOpenAi(new BackendConfig.OpenAi(Optional.of("sk-test-key"), openAi.baseUrl(), "gpt-test",
                        "gpt-realtime-test", Duration.ofSeconds(4))), List.of());
    }

    /** Runs the connect flow for {@code user} and checks it worked. */
    GmailFixture connectedAs(String user) {
        Http.Response connected = connect(user);
        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
        return this;
    }

    Http http() {
        return service.http();
    }

    Http.Response get(String user, String path) {
        return http().get(path, TestService.internalAs(user));
    }

    Http.Response post(String user, String path, String json, String... extraHeaders) {
        String[] auth = TestService.internalAs(user);
        String[] headers = new String[auth.length + extraHeaders.length];
        System.arraycopy(auth, 0, headers, 0, auth.length);
        System.arraycopy(extraHeaders, 0, headers, auth.length, extraHeaders.length);
        return http().post(path, json, headers);
    }

    Http.Response delete(String user, String path) {
        return http().send(b -> b.DELETE(), path, TestService.internalAs(user));
    }

    /** The whole connect flow for a user; returns the callback's answer. */
    Http.Response connect(String user) {
        String state = "state-" + user + "-0123456789";
        Map<String, String> redirect = consent(user, state);
        assertThat(redirect).containsEntry("state", state);
        return post(user, "/api/gmail/oauth/callback", json(Map.of("code", redirect.get("code"),
                "code_verifier", VERIFIER, "redirect_uri", REDIRECT)));
    }

    /** Start, then the browser's visit to the consent URL: the query Google redirected back with. */
    Map<String, String> consent(String user, String state) {
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
            return query(location.getRawQuery());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    int count(String sql) {
        return service.service().database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }

    void execute(String sql) {
        service.service().database().jdbi().useHandle(h -> h.execute(sql));
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode tree(String text) {
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
