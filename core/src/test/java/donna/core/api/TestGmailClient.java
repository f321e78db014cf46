package donna.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import donna.core.mail.AutopilotRun;
import donna.core.mail.GmailStatus;
import donna.core.mail.MailMessage;
import donna.core.mail.MailPage;
import donna.core.mail.OutgoingMail;
import donna.core.mail.SendResult;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Gmail section of the client against a stub that answers as docs/api.md says the service does. */
class TestGmailClient {
    private final StubServer stub;

    TestGmailClient() throws IOException {
        stub = new StubServer();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private BackendClient client() {
        return BackendClient.builder(stub.uri()).token(() -> Optional.of("s3cret")).user("local")
                .retry(new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1)), d -> { }).build();
    }

    @Test
    void sendCarriesTheIdempotencyKeyAndTheMailAndReadsTheResult() {
        stub.on("POST /api/gmail/send", StubServer.Answer.json(200, "{\"success\":true,\"status\":\"sent\","
                + "\"id\":\"g1\",\"thread_id\":\"t1\",\"message_id\":\"<a@b>\",\"replayed\":true}"));

        SendResult result = client().send(new OutgoingMail(List.of("ann@example.com"), List.of("cc@example.com"),
                null, "Hi", "Body", "orig-1"), "key-12345678");

        assertThat(result).isEqualTo(new SendResult("sent", "g1", "t1", "<a@b>", true));
        StubServer.Seen seen = stub.seen.getFirst();
        assertThat(seen.header("Idempotency-Key")).isEqualTo("key-12345678");
        assertThat(seen.body()).contains("\"to\":[\"ann@example.com\"]", "\"cc\":[\"cc@example.com\"]",
                "\"bcc\":[]", "\"reply_to_message_id\":\"orig-1\"");
    }

    @Test
    void aRateLimitedSendKeepsRetryAfter() {
        stub.on("POST /api/gmail/send", new StubServer.Answer(429, "application/json", "{\"success\":false,"
                + "\"error\":{\"code\":\"rate_limited\",\"message\":\"slow down\",\"traceId\":\"t1\"}}",
                Map.of("Retry-After", "7")));

        ServiceException e = catchThrowableOfType(ServiceException.class,
                () -> client().send(OutgoingMail.to("a@example.com", "s", "b"), "key-12345678"));

        assertThat(e.error().code()).isEqualTo("rate_limited");
        assertThat(e.error().retryable()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void readsAPageOfTheInboxAndPassesPagingAndSearch() {
        stub.on("GET /api/gmail/messages", StubServer.Answer.json(200, "{\"success\":true,\"messages\":[{\"id\":\"m1\","
                + "\"thread_id\":\"t1\",\"from\":\"Ann <ann@example.com>\",\"to\":\"me@example.com\",\"subject\":\"Hi\","
                + "\"date\":\"2026-11-22T12:00:00Z\",\"snippet\":\"Hello\",\"unread\":true}],\"next_page_token\":null}"));

        MailPage page = client().mailPage(10, "p 2", "from:ann");

        assertThat(page.messages()).singleElement().satisfies(m -> {
            assertThat(m.from()).isEqualTo("Ann <ann@example.com>");
            assertThat(m.date()).isEqualTo(Instant.parse("2026-11-22T12:00:00Z"));
            assertThat(m.unread()).isTrue();
        });
        assertThat(page.next()).isEmpty();
        assertThat(stub.seen.getFirst().uri()).isEqualTo("/api/gmail/messages?limit=10&pageToken=p%202&q=from%3Aann");
    }

    @Test
    void readsAMessageStatusAndAnAutopilotRun() {
        stub.on("GET /api/gmail/messages/m1", StubServer.Answer.json(200, "{\"id\":\"m1\",\"thread_id\":\"t1\","
                + "\"html\":null,\"text\":\"plain\",\"message_id_header\":\"<x@y>\",\"unread\":false}"));
        stub.on("GET /api/gmail/status", StubServer.Answer.json(200,
                "{\"status\":\"needs_reconnect\",\"email\":\"me@example.com\"}"));
        stub.on("GET /api/gmail/autopilot-run", StubServer.Answer.json(200, "{\"drafted\":2,\"sent\":1,"
                + "\"skipped\":[{\"message_id\":\"m9\",\"reason\":\"mailing_list\"}]}"));
        BackendClient client = client();

        MailMessage message = client.mail("m1");
        GmailStatus status = client.gmailStatus();
        AutopilotRun run = client.autopilotRun();

        assertThat(message.html()).isNull();
        assertThat(message.messageIdHeader()).isEqualTo("<x@y>");
        assertThat(status).isEqualTo(new GmailStatus(GmailStatus.State.NEEDS_RECONNECT, "me@example.com"));
        assertThat(run.skipped()).containsExactly(new AutopilotRun.Skipped("m9", "mailing_list"));
    }

    @Test
    void oauthStartReturnsTheConsentUrl() {
        stub.on("POST /api/gmail/oauth/start", StubServer.Answer.json(200,
                "{\"auth_url\":\"https://accounts.example/auth?x=1\"}"));

        URI url = client().gmailOAuthStart("http://127.0.0.1:5000/cb", "challenge", "st");

        assertThat(url).hasToString("https://accounts.example/auth?x=1");
        assertThat(stub.seen.getFirst().body()).contains("\"redirect_uri\":\"http://127.0.0.1:5000/cb\"",
                "\"code_challenge\":\"challenge\"", "\"state\":\"st\"");
    }
}
