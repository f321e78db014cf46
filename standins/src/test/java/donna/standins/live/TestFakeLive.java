package donna.standins.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.standins.openai.FakeOpenAi;
import donna.standins.realtime.WebRtcPeer;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake's {@code POST /v1/live/sessions}: the project key only, the strict session config, a real SDP answer. */
class TestFakeLive {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-test-live-project";

    private final FakeOpenAi openai = FakeOpenAi.start();
    private final FakeLive live = openai.live().projectKey(KEY).peer(new WebRtcPeer());
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() {
        http.close();
        openai.close();
    }

    @Test
    void aProjectKeyAndAValidConfigGetAnAnswerSdpAndASessionThatStartsWithTheChannel() throws Exception {
        HttpResponse<String> answer = create(KEY, request(offer()));

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("session").path("id").asText()).matches("live_[0-9a-f]{24}");
        assertThat(body.path("transport").path("type").asText()).isEqualTo("webrtc");
        assertThat(body.path("transport").path("sdp").asText()).startsWith("v=0").contains("m=audio ",
                "webrtc-datachannel");
        FakeLiveConversation session = live.conversations().getLast();
        assertThat(session.sessionId()).isEqualTo(body.path("session").path("id").asText());
        assertThat(session.session().path("delegation").path("type").asText()).isEqualTo("client");
        assertThat(session.session().path("instructions").asText()).isEqualTo("Be brief.");
        assertThat(session.isOpen()).as("starts when the data channel opens").isFalse();
    }

    @Test
    void noKeyAClientSecretOrAnotherKeyIsRefusedBeforeAnythingElse() throws Exception {
        assertThat(create(null, request(offer())).statusCode()).isEqualTo(401);
        HttpResponse<String> secret = create("ek_0123456789", request(offer()));
        assertThat(secret.statusCode()).isEqualTo(401);
        assertThat(code(secret)).isEqualTo("invalid_api_key");
        assertThat(code(create("sk-someone-else", request(offer())))).isEqualTo("invalid_api_key");
        assertThat(live.conversations()).isEmpty();
    }

    @Test
    void anAccountWithoutLiveAccessIsRefusedWith403() throws Exception {
        live.denyAccess();

        HttpResponse<String> refused = create(KEY, request(offer()));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(code(refused)).isEqualTo("live_access_denied");
        assertThat(JSON.readTree(refused.body()).path("error").path("message").asText()).contains("GPT-Live");
        assertThat(live.conversations()).isEmpty();
    }

    @Test
    void theStrictConfigRejectsUnknownFieldsNamingThem() throws Exception {
        ObjectNode unknownTop = request("v=0");
        ((ObjectNode) unknownTop.get("session")).put("temperature", 0.8);
        assertRefused(unknownTop, "session.temperature", "unknown_parameter");

        ObjectNode unknownVoiceField = request("v=0");
        ((ObjectNode) unknownVoiceField.get("session")).withObject("/audio").withObject("/output").put("speed", 1.2);
        assertRefused(unknownVoiceField, "session.audio.output.speed", "unknown_parameter");

        ObjectNode format = request("v=0");
        ((ObjectNode) format.get("session")).withObject("/audio").putObject("format").put("type", "audio/pcm");
        assertRefused(format, "session.audio.format", "unknown_parameter");

        ObjectNode realtimeStyle = request("v=0");
        ((ObjectNode) realtimeStyle.get("session")).put("type", "realtime");
        assertRefused(realtimeStyle, "session.type", "unknown_parameter");

        ObjectNode clientExtra = request("v=0");
        ((ObjectNode) clientExtra.get("session")).putObject("delegation").put("type", "client").putArray("tools");
        assertRefused(clientExtra, "session.delegation.tools", "unknown_parameter");

        ObjectNode noModel = request("v=0");
        ((ObjectNode) noModel.get("session")).remove("model");
        assertRefused(noModel, "session.model", "missing_required_parameter");

        ObjectNode wrongTransport = request("v=0");
        ((ObjectNode) wrongTransport.get("transport")).put("type", "websocket");
        assertRefused(wrongTransport, "transport.type", "invalid_value");
        assertThat(live.conversations()).isEmpty();
    }

    @Test
    void droppingConnectionsFailsEveryOpenSessionAndLeavesTheOthers() throws Exception {
        List<String> dropped = new CopyOnWriteArrayList<>();
        live.peer((offer, conversation) -> {
            conversation.onDrop(() -> dropped.add(((FakeLiveConversation) conversation).sessionId()));
            return "v=0";
        });
        assertThat(create(KEY, request(offer())).statusCode()).isEqualTo(200);
        assertThat(create(KEY, request(offer())).statusCode()).isEqualTo(200);
        FakeLiveConversation open = live.conversations().getFirst();
        FakeLiveConversation notYetOpen = live.conversations().getLast();
        List<String> events = new CopyOnWriteArrayList<>();
        open.open(events::add);

        live.dropConnections();

        assertThat(dropped).as("the peer connection of the open session closes").containsExactly(open.sessionId());
        assertThat(open.isClosed()).isTrue();
        assertThat(events).as("no goodbye event: the network failed").hasSize(1)
                .allSatisfy(e -> assertThat(e).contains("session.started"));
        assertThat(notYetOpen.isClosed()).isFalse();
    }

    private void assertRefused(ObjectNode request, String param, String code) throws Exception {
        HttpResponse<String> answer = create(KEY, request);
        assertThat(answer.statusCode()).as(param).isEqualTo(400);
        JsonNode error = JSON.readTree(answer.body()).path("error");
        assertThat(error.path("param").asText()).isEqualTo(param);
        assertThat(error.path("code").asText()).isEqualTo(code);
    }

    private HttpResponse<String> create(String key, JsonNode body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(openai.baseUrl().resolve("/v1/live/sessions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String code(HttpResponse<String> answer) throws IOException {
        return JSON.readTree(answer.body()).path("error").path("code").asText();
    }

    private static ObjectNode request(String sdp) {
        ObjectNode r = JSON.createObjectNode();
        ObjectNode session = r.putObject("session").put("model", "gpt-live-1").put("instructions", "Be brief.");
        session.putObject("delegation").put("type", "client");
        r.putObject("transport").put("type", "webrtc").put("sdp", sdp);
        return r;
    }

    private static String offer() throws IOException {
        try (InputStream in = TestFakeLive.class.getResourceAsStream("/donna/standins/realtime/offer.sdp")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r", "").replace("\n", "\r\n");
        }
    }
}
