package donna.standins.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.standins.support.Exchanges;
import donna.standins.support.OAuthPages;
import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestFakeGoogle {
    private static final String REDIRECT = "http://127.0.0.1:53682/callback";
    private static final String VERIFIER = "dBjftJeZ4CVP-mJ92K5x9-hn0HzxXcL2mK4MnNvJpqS1a7R";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeGoogle google = FakeGoogle.start();
    private final HttpClient http = HttpClient.newHttpClient(); // does not follow redirects

    @AfterEach
    void stop() {
        http.close();
        google.close();
    }

    @Test
    void authorizationCodeWithPkceThenRefreshUntilRevoked() throws Exception {
        Map<String, String> callback = authorize("st4te");
        assertThat(callback).containsEntry("state", "st4te").containsKey("code");
        assertThat(google.lastAuthorizeRequest()).containsEntry("access_type", "offline")
                .containsEntry("code_challenge_method", "S256");

        HttpResponse<String> wrongVerifier = token(Map.of("grant_type", "authorization_code",
                "code", callback.get("code"), "redirect_uri", REDIRECT, "code_verifier", VERIFIER + "x"));
        assertThat(wrongVerifier.statusCode()).isEqualTo(400);
        assertThat(json(wrongVerifier).path("error").asText()).isEqualTo("invalid_grant");

        String code = authorize("s2").get("code");
        JsonNode tokens = json(token(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "code_verifier", VERIFIER)));
        assertThat(tokens.path("access_token").asText()).startsWith("ya29.");
        String refresh = tokens.path("refresh_token").asText();
        assertThat(refresh).isNotEmpty();
        assertThat(token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "code_verifier", VERIFIER)).statusCode()).as("codes are single use").isEqualTo(400);

        JsonNode refreshed = json(token(Map.of("grant_type", "refresh_token", "refresh_token", refresh)));
        assertThat(refreshed.path("access_token").asText()).isNotEqualTo(tokens.path("access_token").asText());
        assertThat(refreshed.has("refresh_token")).isFalse();

        google.revokeRefreshTokens();
        HttpResponse<String> revoked = token(Map.of("grant_type", "refresh_token", "refresh_token", refresh));
        assertThat(revoked.statusCode()).isEqualTo(400);
        assertThat(json(revoked).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(gmail("GET", "/gmail/v1/users/me/profile", null, refreshed.path("access_token").asText())
                .statusCode()).isEqualTo(401);
    }

    @Test
    void aWrongClientSecretIsInvalidClient() throws Exception {
        String code = authorize("s").get("code");
        HttpResponse<String> response = send(HttpRequest.newBuilder(google.tokenUrl())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code",
                        "code", code, "redirect_uri", REDIRECT, "code_verifier", VERIFIER,
                        "client_id", google.clientId(), "client_secret", "wrong"))))
                .build());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).path("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void gmailNeedsAValidAccessTokenAndNamesTheAccount() throws Exception {
        assertThat(gmail("GET", "/gmail/v1/users/me/profile", null, "ya29.forged").statusCode()).isEqualTo(401);
        JsonNode profile = json(gmail("GET", "/gmail/v1/users/me/profile", null, accessToken()));
        assertThat(profile.path("emailAddress").asText()).isEqualTo(FakeGoogle.DEFAULT_EMAIL);
    }

    @Test
    void listFiltersUnreadSearchesByMessageIdAndPages() throws Exception {
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        String oldest = google.addInboxMessage().subject("one").receivedAt(t).add();
        google.addInboxMessage().subject("two").receivedAt(t.plusSeconds(1)).unread(false).add();
        google.addInboxMessage().subject("three").receivedAt(t.plusSeconds(2)).messageId("<three@x.example>").add();
        String newest = google.addInboxMessage().subject("four").receivedAt(t.plusSeconds(3)).add();
        String token = accessToken();

        JsonNode unread = json(gmail("GET", "/gmail/v1/users/me/messages?q=" + enc("is:unread")
                + "&labelIds=INBOX", null, token));
        assertThat(ids(unread)).hasSize(3).first().isEqualTo(newest);

        JsonNode first = json(gmail("GET", "/gmail/v1/users/me/messages?maxResults=3", null, token));
        assertThat(ids(first)).hasSize(3);
        JsonNode second = json(gmail("GET", "/gmail/v1/users/me/messages?maxResults=3&pageToken="
                + first.path("nextPageToken").asText(), null, token));
        assertThat(ids(second)).containsExactly(oldest);
        assertThat(second.has("nextPageToken")).isFalse();

        assertThat(ids(json(gmail("GET", "/gmail/v1/users/me/messages?q=" + enc("rfc822msgid:three@x.example"),
                null, token)))).hasSize(1);
        assertThat(ids(json(gmail("GET", "/gmail/v1/users/me/messages?q=" + enc("rfc822msgid:<three@x.example>"),
                null, token)))).hasSize(1);
        assertThat(json(gmail("GET", "/gmail/v1/users/me/messages?q=" + enc("rfc822msgid:nope@x"), null, token))
                .has("messages")).as("Gmail leaves messages out when nothing matches").isFalse();
        assertThat(google.calls(Endpoint.LIST)).isEqualTo(6);
    }

    @Test
    void getAnswersMetadataFullAndRaw() throws Exception {
        String id = google.addInboxMessage().from("Ann <ann@example.com>").subject("Lunch?").text("Are you free?")
                .html("<p>Are you <b>free</b>?</p>").listId("<news.example.com>").add();
        String token = accessToken();

        JsonNode metadata = json(gmail("GET", "/gmail/v1/users/me/messages/" + id
                + "?format=metadata&metadataHeaders=Subject&metadataHeaders=List-Id", null, token));
        assertThat(metadata.path("labelIds").toString()).contains("INBOX", "UNREAD");
        assertThat(metadata.path("payload").path("headers").findValuesAsText("name"))
                .containsExactlyInAnyOrder("Subject", "List-Id");
        assertThat(metadata.path("snippet").asText()).isEqualTo("Are you free?");

        JsonNode full = json(gmail("GET", "/gmail/v1/users/me/messages/" + id + "?format=full", null, token));
        assertThat(full.path("payload").path("mimeType").asText()).isEqualTo("multipart/alternative");
        JsonNode htmlPart = full.path("payload").path("parts").get(1);
        assertThat(htmlPart.path("mimeType").asText()).isEqualTo("text/html");
        assertThat(new String(Base64.getUrlDecoder().decode(htmlPart.path("body").path("data").asText()),
                StandardCharsets.UTF_8)).contains("<b>free</b>");

        JsonNode raw = json(gmail("GET", "/gmail/v1/users/me/messages/" + id + "?format=raw", null, token));
        assertThat(new String(Base64.getUrlDecoder().decode(raw.path("raw").asText()), StandardCharsets.UTF_8))
                .contains("Subject: Lunch?", "List-Id: <news.example.com>");

        assertThat(gmail("GET", "/gmail/v1/users/me/messages/ffff", null, token).statusCode()).isEqualTo(404);
    }

    @Test
    void batchAnswersEveryPartInOrderAndCountsThemAsGets() throws Exception {
        String a = google.addInboxMessage().subject("A").add();
        String b = google.addInboxMessage().subject("B").add();
        String token = accessToken();
        String boundary = "batch_foobar";
        StringBuilder body = new StringBuilder();
        int n = 0;
        for (String id : List.of(a, b, "ffff")) {
            body.append("--").append(boundary).append("\r\nContent-Type: application/http\r\n")
                    .append("Content-Transfer-Encoding: binary\r\nContent-ID: <").append(++n).append(">\r\n\r\n")
                    .append("GET ").append(google.rootUrl()).append("/gmail/v1/users/me/messages/").append(id)
                    .append("?format=metadata&metadataHeaders=Subject HTTP/1.1\r\n")
                    .append("Authorization: Bearer ").append(token).append("\r\n\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");

        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(google.rootUrl()
                        + "/batch/gmail/v1")).header("Content-Type", "multipart/mixed; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        MimeMultipart parts = new MimeMultipart(new ByteArrayDataSource(response.body(),
                response.headers().firstValue("Content-Type").orElseThrow()));
        assertThat(parts.getCount()).isEqualTo(3);
        List<String> statusLines = new ArrayList<>();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            assertThat(part.getHeader("Content-ID")[0]).isEqualTo("<response-" + (i + 1) + ">");
            String http = new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            statusLines.add(http.lines().findFirst().orElseThrow());
            if (i == 0) {
                assertThat(http).contains("\"id\":\"" + a + "\"", "\"value\":\"A\"");
            }
        }
        assertThat(statusLines).containsExactly("HTTP/1.1 200 OK", "HTTP/1.1 200 OK", "HTTP/1.1 404 Not Found");
        assertThat(google.calls(Endpoint.BATCH)).isEqualTo(1);
        assertThat(google.batchedCalls(Endpoint.GET)).isEqualTo(3);
        assertThat(google.directCalls(Endpoint.GET)).isZero();
    }

    @Test
    void sendParsesTheRawMailRecordsItsMessageIdAndHonoursTheThread() throws Exception {
        String original = google.addInboxMessage().subject("Lunch?").add();
        String thread = google.threadIdOf(original);
        String token = accessToken();

        HttpResponse<String> response = gmail("POST", "/gmail/v1/users/me/messages/send", JSON.writeValueAsString(
                Map.of("raw", raw("<k1@donna.example>", "ann@example.com"), "threadId", thread)), token);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode sent = json(response);
        assertThat(sent.path("threadId").asText()).isEqualTo(thread);
        assertThat(google.sent()).singleElement().satisfies(mail -> {
            assertThat(mail.to()).containsExactly("ann@example.com");
            assertThat(mail.subject()).isEqualTo("Re: Lunch?");
            assertThat(mail.inReplyTo()).isEqualTo("<orig@mail.example.com>");
            assertThat(mail.text()).isEqualTo("Yes, see you then.");
        });
        assertThat(google.sentCount("k1@donna.example")).isEqualTo(1);
        assertThat(ids(json(gmail("GET", "/gmail/v1/users/me/messages?q=" + enc("rfc822msgid:<k1@donna.example>"),
                null, token)))).containsExactly(sent.path("id").asText());
        assertThat(google.labels(sent.path("id").asText())).containsExactly("SENT");
    }

    @Test
    void modifyChangesLabels() throws Exception {
        String id = google.addInboxMessage().add();
        HttpResponse<String> response = gmail("POST", "/gmail/v1/users/me/messages/" + id + "/modify",
                "{\"removeLabelIds\":[\"UNREAD\"],\"addLabelIds\":[\"STARRED\"]}", accessToken());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(google.labels(id)).containsExactlyInAnyOrder("INBOX", "STARRED");
    }

    @Test
    void quotaRefusesWith429AndRetryAfterWhenTheUnitsAreSpent() throws Exception {
        google.quota(250, Duration.ofMinutes(1));
        String token = accessToken();
        String body = JSON.writeValueAsString(Map.of("raw", raw("<q@donna.example>", "ann@example.com")));

        assertThat(gmail("POST", "/gmail/v1/users/me/messages/send", body, token).statusCode()).isEqualTo(200);
        assertThat(gmail("POST", "/gmail/v1/users/me/messages/send", body, token).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = gmail("POST", "/gmail/v1/users/me/messages/send", body, token);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(json(refused).path("error").path("errors").get(0).path("reason").asText())
                .isEqualTo("rateLimitExceeded");
        // 50 units left, 50 more needed at 250 a minute: 12 s.
        assertThat(refused.headers().firstValue("Retry-After")).contains("12");
        assertThat(gmail("GET", "/gmail/v1/users/me/messages", null, token).statusCode())
                .as("a list (5 units) still fits").isEqualTo(200);
        assertThat(google.quotaRefusals()).isEqualTo(1);
        assertThat(google.sent()).hasSize(2);
    }

    @Test
    void scriptedFaultsComeFirstThenNormalAnswers() throws Exception {
        String token = accessToken();
        String body = JSON.writeValueAsString(Map.of("raw", raw("<f@donna.example>", "ann@example.com")));
        google.failNext(Endpoint.SEND, 1, 403).failNext(Endpoint.SEND, 1, Fault.dropAnswerAfterAccept());

        HttpResponse<String> limited = gmail("POST", "/gmail/v1/users/me/messages/send", body, token);
        assertThat(limited.statusCode()).isEqualTo(403);
        assertThat(limited.headers().firstValue("Retry-After")).contains("1");
        assertThat(json(limited).path("error").path("errors").get(0).path("reason").asText())
                .isEqualTo("userRateLimitExceeded");

        assertThatThrownBy(() -> gmail("POST", "/gmail/v1/users/me/messages/send", body, token))
                .isInstanceOf(IOException.class);
        assertThat(google.sentCount("<f@donna.example>")).as("accepted although unanswered").isEqualTo(1);

        assertThat(gmail("POST", "/gmail/v1/users/me/messages/send", body, token).statusCode()).isEqualTo(200);
        assertThat(google.calls(Endpoint.SEND)).isEqualTo(3);
    }

    // ---- helpers

    private Map<String, String> authorize(String state) throws Exception {
        String query = form(Map.of("client_id", google.clientId(), "redirect_uri", REDIRECT,
                "response_type", "code", "scope", FakeGoogle.SCOPES, "state", state, "access_type", "offline",
                "code_challenge", OAuthPages.s256(VERIFIER), "code_challenge_method", "S256"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(google.authUrl() + "?" + query))
                .GET().build());
        assertThat(response.statusCode()).isEqualTo(302);
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(REDIRECT + "?");
        return Exchanges.form(location.getRawQuery());
    }

    private String accessToken() throws Exception {
        String code = authorize("s").get("code");
        return json(token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "code_verifier", VERIFIER))).path("access_token").asText();
    }

    private HttpResponse<String> token(Map<String, String> params) throws Exception {
        Map<String, String> withClient = new java.util.LinkedHashMap<>(params);
        withClient.put("client_id", google.clientId());
        withClient.put("client_secret", google.clientSecret());
        return send(HttpRequest.newBuilder(google.tokenUrl())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(withClient))).build());
    }

    private HttpResponse<String> gmail(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(google.rootUrl() + path))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String raw(String messageId, String to) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        m.setFrom("me@example.com");
        m.setRecipients(jakarta.mail.Message.RecipientType.TO, to);
        m.setSubject("Re: Lunch?");
        m.setHeader("In-Reply-To", "<orig@mail.example.com>");
        m.setText("Yes, see you then.", "UTF-8");
        m.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }

    private static List<String> ids(JsonNode list) {
        return list.path("messages").findValuesAsText("id");
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
