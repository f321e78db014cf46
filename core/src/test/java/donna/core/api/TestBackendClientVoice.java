package donna.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import donna.core.chat.NewMessage;
import donna.core.chat.Profile;
import donna.core.voice.RealtimeToken;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestBackendClientVoice {
    private final StubServer stub;
    private final BackendClient client;

    TestBackendClientVoice() throws IOException {
        stub = new StubServer();
        client = BackendClient.builder(stub.uri()).token(() -> Optional.of("s3cret")).user("local").build();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void mintsARealtimeTokenForAProfile() {
        stub.on("POST /api/realtime/token", StubServer.Answer.json(200, """
                {"success":true,"client_secret":{"value":"ek_abc123","expires_at":1800000000},"model":"gpt-realtime"}"""));

        RealtimeToken token = client.realtimeToken(Profile.SALES);

        assertThat(token).isEqualTo(new RealtimeToken("ek_abc123", Instant.ofEpochSecond(1_800_000_000L),
                "gpt-realtime"));
        assertThat(token.toString()).doesNotContain("ek_abc123");
        assertThat(stub.seen.getFirst().body()).isEqualTo("{\"profile\":\"sales\"}");
        assertThat(stub.seen.getFirst().header("Authorization")).isEqualTo("Bearer s3cret");
    }

    @Test
    void aMeteredTokenCarriesItsSessionAndASpareNamesTheSessionItContinues() {
        stub.on("POST /api/realtime/token", StubServer.Answer.json(200, """
                {"success":true,"client_secret":{"value":"ek_abc","expires_at":1800000000},"model":"gpt-realtime",
                "donna_session_id":"vs-9"}"""));
        stub.on("POST /api/realtime/sessions/vs-9/heartbeat", StubServer.Answer.json(200, "{\"success\":true}"));
        stub.on("POST /api/realtime/sessions/vs-9/end", StubServer.Answer.json(200, "{\"success\":true}"));

        RealtimeToken token = client.realtimeToken(null, "vs-9");
        client.voiceHeartbeat(token.sessionId());
        client.endVoiceSession(token.sessionId());

        assertThat(token.sessionId()).isEqualTo("vs-9");
        assertThat(stub.seen.getFirst().body()).isEqualTo("{\"session_id\":\"vs-9\"}");
        assertThat(stub.seen).hasSize(3);
    }

    @Test
    void anIncompleteTokenAnswerIsAnError() {
        stub.on("POST /api/realtime/token", StubServer.Answer.json(200, "{\"success\":true,\"model\":\"m\"}"));

        ServiceException e = catchThrowableOfType(ServiceException.class, client::realtimeToken);

        assertThat(e.error().code()).isEqualTo("invalid_response");
    }

    @Test
    void aRateLimitedTokenRequestCarriesTheServiceError() {
        stub.on("POST /api/realtime/token", StubServer.Answer.json(429, """
                {"success":false,"error":{"code":"rate_limited","message":"Too many requests","traceId":"t1"}}"""));

        ServiceException e = catchThrowableOfType(ServiceException.class, client::realtimeToken);

        assertThat(e.error().status()).isEqualTo(429);
        assertThat(e.error().retryable()).isTrue();
        assertThat(stub.seen).as("a mint is not retried by the client").hasSize(1);
    }

    @Test
    void appendsVoiceTranscriptsToASession() {
        stub.on("POST /api/db/chat", StubServer.Answer.json(200, "{\"success\":true,\"chat_id\":\"c-42\"}"));

        String chatId = client.appendMessages(null, Profile.GENERAL, List.of(NewMessage.voice("user", "Hi"),
                NewMessage.voice("assistant", "Hello")));

        assertThat(chatId).isEqualTo("c-42");
        assertThat(stub.seen.getFirst().body()).isEqualTo("{\"profile\":\"general\",\"messages\":["
                + "{\"role\":\"user\",\"content\":\"Hi\",\"source\":\"voice\"},"
                + "{\"role\":\"assistant\",\"content\":\"Hello\",\"source\":\"voice\"}]}");
    }
}
