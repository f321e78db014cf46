package donna.standins.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import donna.standins.openai.Endpoint;
import donna.standins.openai.FakeOpenAi;
import donna.standins.openai.Failure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestFakeRealtime {
    private static final String MINT = """
            {"expires_after":{"anchor":"created_at","seconds":60},
             "session":{"type":"realtime","model":"gpt-realtime","instructions":"You are DONNA.",
                        "audio":{"output":{"voice":"marin"}}}}""";

    private final FakeOpenAi openai = FakeOpenAi.start();
    private final FakeRealtime realtime = openai.realtime();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        http.close();
        openai.close();
    }

    @Test
    void mintsAnEphemeralSecretForTheRequestedSession() throws Exception {
        openai.requireApiKey("sk-server-key-0123456789");
        HttpResponse<String> response = post("/v1/realtime/client_secrets", "application/json", MINT,
                "sk-server-key-0123456789");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = EventSocket.JSON.readTree(response.body());
        assertThat(body.path("value").asText()).startsWith("ek_");
        long expiresAt = body.path("expires_at").asLong();
        assertThat(expiresAt - System.currentTimeMillis() / 1000).isBetween(55L, 61L);
        assertThat(body.path("session").path("model").asText()).isEqualTo("gpt-realtime");
        assertThat(body.path("session").path("instructions").asText()).isEqualTo("You are DONNA.");
        assertThat(realtime.lastSecret().value()).isEqualTo(body.path("value").asText());
        assertThat(realtime.lastSecret().toString()).doesNotContain(body.path("value").asText());
        assertThat(openai.lastRequest(Endpoint.CLIENT_SECRETS).body().path("expires_after").path("seconds").asInt())
                .isEqualTo(60);
    }

    @Test
    void mintingNeedsTheServerKeyAndATtlWithinTheApisBounds() throws Exception {
        openai.requireApiKey("sk-server-key-0123456789");
        assertThat(post("/v1/realtime/client_secrets", "application/json", MINT, "sk-wrong-key-000000000")
                .statusCode()).isEqualTo(401);
        assertThat(post("/v1/realtime/client_secrets", "application/json", MINT, null).statusCode()).isEqualTo(401);

        openai.requireApiKey(null);
        String secret = mint();
        assertThat(post("/v1/realtime/client_secrets", "application/json", MINT, secret).statusCode())
                .as("a client secret cannot mint").isEqualTo(401);
        HttpResponse<String> tooLong = post("/v1/realtime/client_secrets", "application/json",
                "{\"expires_after\":{\"anchor\":\"created_at\",\"seconds\":7201}}", "sk-any");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("expires_after.seconds");
    }

    @Test
    void mintFailuresCanBeScripted() throws Exception {
        openai.failNext(Endpoint.CLIENT_SECRETS, 1, Failure.serverError());

        assertThat(post("/v1/realtime/client_secrets", "application/json", MINT, "sk-any").statusCode())
                .isEqualTo(500);
        assertThat(post("/v1/realtime/client_secrets", "application/json", MINT, "sk-any").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aPushToTalkTurnOverTheWebSocket() throws Exception {
        realtime.hear("What's on today?").answer("Two meetings.", Duration.ofMillis(400));
        try (EventSocket socket = EventSocket.connect(openai.baseUrl(), mint()).get(5, TimeUnit.SECONDS)) {
            assertThat(socket.next("session.created").path("session").path("model").asText())
                    .isEqualTo("gpt-realtime");
            socket.send("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\","
                    + "\"audio\":{\"input\":{\"turn_detection\":null}}}}");
            socket.next("session.updated");
            socket.send(Pcm.append(Pcm.voice(300)));
            socket.send("{\"type\":\"input_audio_buffer.commit\"}");
            assertThat(socket.next("conversation.item.input_audio_transcription.completed").path("transcript")
                    .asText()).isEqualTo("What's on today?");
            socket.send("{\"type\":\"response.create\"}");

            JsonNode audio = socket.next("response.output_audio.delta");
            assertThat(Base64.getDecoder().decode(audio.path("delta").asText())).isNotEmpty();
            assertThat(socket.next("response.output_audio_transcript.done").path("transcript").asText())
                    .isEqualTo("Two meetings.");
            assertThat(socket.next("response.done").path("response").path("status").asText()).isEqualTo("completed");

            FakeRealtimeConversation conversation = realtime.awaitConversation(1, Duration.ofSeconds(5));
            assertThat(conversation.audioPath()).isEqualTo(AudioPath.EVENTS);
            assertThat(conversation.voiceMillis()).isEqualTo(300);
            assertThat(conversation.receivedTypes()).containsSubsequence("session.update",
                    "input_audio_buffer.append", "input_audio_buffer.commit", "response.create");
        }
    }

    @Test
    void aConnectionNeedsAKnownUnexpiredSecretButOutlivesIt() throws Exception {
        assertThat(handshakeStatus(null)).isEqualTo(401);
        assertThat(handshakeStatus("ek_not_minted")).isEqualTo(401);

        String secret = mint();
        try (EventSocket socket = EventSocket.connect(openai.baseUrl(), secret).get(5, TimeUnit.SECONDS)) {
            socket.next("session.created");
            realtime.expireSecretsNow();

            assertThat(handshakeStatus(secret)).as("an expired secret opens nothing new").isEqualTo(401);
            socket.send("{\"type\":\"input_audio_buffer.clear\"}");
            assertThat(socket.next("input_audio_buffer.cleared")).as("the open session keeps running").isNotNull();
        }
    }

    @Test
    void faultsDropOpenConnectionsAndRefuseNewOnes() throws Exception {
        try (EventSocket socket = EventSocket.connect(openai.baseUrl(), mint()).get(5, TimeUnit.SECONDS)) {
            socket.next("session.created");
            realtime.dropConnections();
            assertThat(socket.ended.get(5, TimeUnit.SECONDS)).as("a drop is not a clean close")
                    .isIn("failed IOException", "closed 1006");
        }
        realtime.refuseConnections(1, 503);
        String secret = mint();
        assertThat(handshakeStatus(secret)).isEqualTo(503);
        try (EventSocket again = EventSocket.connect(openai.baseUrl(), secret).get(5, TimeUnit.SECONDS)) {
            again.next("session.created");
        }
        assertThat(realtime.conversations()).hasSize(2);
    }

    @Test
    void callsNeedSdpASecretAndAnAttachedPeer() throws Exception {
        String secret = mint();
        assertThat(post("/v1/realtime/calls", "application/sdp", "v=0", secret).statusCode()).isEqualTo(501);

        realtime.callsHandler((offer, conversation) -> "v=0 answer to " + offer.length());
        HttpResponse<String> answered = post("/v1/realtime/calls", "application/sdp", "v=0 offer", secret);
        assertThat(answered.statusCode()).isEqualTo(201);
        assertThat(answered.body()).isEqualTo("v=0 answer to 9");
        assertThat(answered.headers().firstValue("Content-Type")).hasValue("application/sdp");
        assertThat(answered.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).startsWith("/v1/realtime/calls/rtc_"));
        assertThat(realtime.conversations().getLast().audioPath()).isEqualTo(AudioPath.MEDIA);

        assertThat(post("/v1/realtime/calls", "application/json", "{}", secret).statusCode()).isEqualTo(400);
        assertThat(post("/v1/realtime/calls", "application/sdp", "v=0", "ek_wrong").statusCode()).isEqualTo(401);
    }

    private String mint() throws Exception {
        HttpResponse<String> response = post("/v1/realtime/client_secrets", "application/json", MINT, "sk-any");
        assertThat(response.statusCode()).isEqualTo(200);
        return EventSocket.JSON.readTree(response.body()).path("value").asText();
    }

    private int handshakeStatus(String secret) throws Exception {
        Throwable failure = catchThrowable(() -> EventSocket.connect(openai.baseUrl(), secret)
                .get(5, TimeUnit.SECONDS).close());
        assertThat(failure).as("the handshake should fail").isNotNull();
        assertThat(failure.getCause()).isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
    }

    private HttpResponse<String> post(String path, String type, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(openai.baseUrl() + path))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
