package donna.backend.gmail;

import static donna.backend.support.GmailFixture.REDIRECT;
import static donna.backend.support.GmailFixture.VERIFIER;
import static donna.backend.support.GmailFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import donna.backend.support.GmailFixture;
import donna.backend.support.Http;
import donna.backend.support.TestService;
import donna.standins.google.Endpoint;
import donna.standins.google.Fault;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class TestGmailOAuth {
    @RegisterExtension
    final GmailFixture f = new GmailFixture();

    @Test
    void the_consent_url_asks_google_for_offline_pkce_consent_with_the_gmail_scopes() {
        Map<String, String> redirect = f.consent("ann", "state-0123456789");
        assertThat(redirect).containsKey("code").containsEntry("state", "state-0123456789");

        assertThat(f.google.lastAuthorizeRequest())
                .containsEntry("client_id", f.google.clientId())
                .containsEntry("redirect_uri", REDIRECT)
                .containsEntry("response_type", "code")
                .containsEntry("code_challenge", GmailFixture.challenge(VERIFIER))
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("access_type", "offline")
                .containsEntry("prompt", "consent");
        assertThat(f.google.lastAuthorizeRequest().get("scope").split(" ")).containsExactlyInAnyOrder(
                "https://www.googleapis.com/auth/gmail.readonly", "https://www.googleapis.com/auth/gmail.send");
    }

    @Test
    void connecting_keeps_the_refresh_token_encrypted_and_says_connected() {
        Http.Response connected = f.connect("ann");

        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
        assertThat(connected.json().path("status").asText()).isEqualTo("connected");
        assertThat(connected.json().path("email").asText()).isEqualTo("me@example.com");
        String stored = f.service.service().database().jdbi().withHandle(h -> h.createQuery(
                "select refresh_token from gmail_tokens").mapTo(String.class).one());
        assertThat(stored).startsWith("v1:");
        assertThat(f.google.issuedRefreshTokens()).singleElement()
                .satisfies(token -> assertThat(stored).doesNotContain(token).doesNotContain(token.substring(4)));
        Http.Response status = f.get("ann", "/api/gmail/status");
        assertThat(status.json().path("status").asText()).isEqualTo("connected");
        assertThat(status.json().path("email").asText()).isEqualTo("me@example.com");
        assertThat(f.get("bob", "/api/gmail/status").json().path("status").asText()).isEqualTo("not_connected");
    }

    @Test
    void a_redirect_that_is_not_loopback_is_refused() {
        for (String redirect : List.of("https://evil.example/cb", "http://192.168.1.20:5000/cb",
                "http://127.0.0.1/cb", "http://user@127.0.0.1:5000/cb", "javascript:alert(1)")) {
            Http.Response start = f.post("ann", "/api/gmail/oauth/start", json(Map.of("redirect_uri", redirect,
                    "code_challenge", GmailFixture.challenge(VERIFIER), "state", "state-0123456789")));
            assertThat(start.status()).as(redirect).isEqualTo(400);
            assertThat(start.errorCode()).isEqualTo("invalid_input");
        }
        assertThat(f.google.calls(Endpoint.AUTHORIZE)).isZero();
    }

    @Test
    void a_bad_code_or_a_wrong_verifier_is_400_oauth_exchange_failed() {
        Http.Response badCode = f.post("ann", "/api/gmail/oauth/callback", json(Map.of("code", "4/0not-a-code",
                "code_verifier", VERIFIER, "redirect_uri", REDIRECT)));
        assertThat(badCode.status()).isEqualTo(400);
        assertThat(badCode.errorCode()).isEqualTo("oauth_exchange_failed");

        String code = f.consent("ann", "state-0123456789").get("code");
        Http.Response wrongVerifier = f.post("ann", "/api/gmail/oauth/callback", json(Map.of("code", code,
                "code_verifier", VERIFIER.replace('M', 'N'), "redirect_uri", REDIRECT)));
        assertThat(wrongVerifier.status()).isEqualTo(400);
        assertThat(wrongVerifier.errorCode()).isEqualTo("oauth_exchange_failed");
        assertThat(f.count("select count(*) from gmail_tokens")).isZero();
        assertThat(f.get("ann", "/api/gmail/status").json().path("status").asText()).isEqualTo("not_connected");
    }

    @Test
    void invalid_grant_marks_the_link_as_needing_reconnect_and_nothing_retries_it() {
        f.connect("ann");
        f.google.revokeRefreshTokens();
        int tokenCalls = f.google.calls(Endpoint.TOKEN);

        Http.Response inbox = f.get("ann", "/api/gmail/messages");

        assertThat(inbox.status()).isEqualTo(409);
        assertThat(inbox.errorCode()).isEqualTo("gmail_needs_reconnect");
        assertThat(f.google.calls(Endpoint.TOKEN) - tokenCalls).as("one refresh, no loop").isEqualTo(1);
        Http.Response status = f.get("ann", "/api/gmail/status");
        assertThat(status.json().path("status").asText()).isEqualTo("needs_reconnect");
        assertThat(status.json().path("email").asText()).isEqualTo("me@example.com");

        int gmailCalls = f.google.calls(Endpoint.LIST) + f.google.calls(Endpoint.TOKEN);
        assertThat(f.get("ann", "/api/gmail/messages").errorCode()).isEqualTo("gmail_needs_reconnect");
        assertThat(f.get("ann", "/api/gmail/messages/abc123").errorCode()).isEqualTo("gmail_needs_reconnect");
        assertThat(f.post("ann", "/api/gmail/send", json(Map.of("to", List.of("x@example.com"), "subject", "s",
                "body", "b")), "Idempotency-Key", "key-00000001").errorCode()).isEqualTo("gmail_needs_reconnect");
        assertThat(f.google.calls(Endpoint.LIST) + f.google.calls(Endpoint.TOKEN)).as("no call to Google")
                .isEqualTo(gmailCalls);

        assertThat(f.connect("ann").status()).isEqualTo(200);
        assertThat(f.get("ann", "/api/gmail/status").json().path("status").asText()).isEqualTo("connected");
        assertThat(f.get("ann", "/api/gmail/messages").status()).isEqualTo(200);
    }

    @Test
    void an_expired_access_token_is_refreshed_without_the_user_noticing() {
        f.connect("ann");
        f.google.expireAccessTokens();

        assertThat(f.get("ann", "/api/gmail/messages").status()).isEqualTo(200);
        assertThat(f.google.refreshes()).isEqualTo(1);
        assertThat(f.get("ann", "/api/gmail/status").json().path("status").asText()).isEqualTo("connected");
    }

    @Test
    void disconnecting_forgets_the_tokens() {
        f.connect("ann");
        assertThat(f.google.liveGrants()).isEqualTo(1);

        assertThat(f.delete("ann", "/api/gmail/connection").status()).isEqualTo(204);

        assertThat(f.google.calls(Endpoint.REVOKE)).as("the grant revoked at Google").isEqualTo(1);
        assertThat(f.google.liveGrants()).isZero();

        assertThat(f.count("select count(*) from gmail_tokens")).isZero();
        assertThat(f.get("ann", "/api/gmail/status").json().path("status").asText()).isEqualTo("not_connected");
        assertThat(f.get("ann", "/api/gmail/messages").errorCode()).isEqualTo("gmail_not_connected");
    }

    @Test
    void disconnecting_while_google_cannot_be_reached_forgets_the_tokens_and_says_the_grant_may_live_on() {
        f.connect("ann");
        f.google.failNext(Endpoint.REVOKE, 1, Fault.status(503));

        Http.Response answer = f.delete("ann", "/api/gmail/connection");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("revoked").asBoolean(true)).isFalse();
        assertThat(answer.json().path("message").asText()).contains("myaccount.google.com");
        assertThat(f.count("select count(*) from gmail_tokens")).isZero();
        assertThat(f.google.liveGrants()).isEqualTo(1);
    }

    @Test
    void without_a_google_client_gmail_says_it_is_not_configured(@TempDir Path other) {
        try (TestService plain = TestService.start(other)) {
            Http.Response start = plain.http().post("/api/gmail/oauth/start", json(Map.of("redirect_uri", REDIRECT,
                    "code_challenge", GmailFixture.challenge(VERIFIER), "state", "state-0123456789")),
                    TestService.internalAs("ann"));
            assertThat(start.status()).isEqualTo(503);
            assertThat(start.errorCode()).isEqualTo("gmail_not_configured");
            Http.Response status = plain.http().get("/api/gmail/status", TestService.internalAs("ann"));
            assertThat(status.json().path("status").asText()).isEqualTo("not_connected");
            assertThat(status.json().path("configured").asBoolean()).isFalse();
        }
    }
}
